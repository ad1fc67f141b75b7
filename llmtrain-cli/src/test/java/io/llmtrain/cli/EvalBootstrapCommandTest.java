package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval bleu|chrf|rouge --bootstrap N [--seed S] [--confidence-level L]}. */
class EvalBootstrapCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  private JsonNode corpusJson(String... args) throws Exception {
    int rc = console.run(args);
    assertThat(rc).as(console.err()).isZero();
    List<String> lines = console.stdoutLines();
    return Json.MAPPER.readTree(lines.get(lines.size() - 1));
  }

  private static final List<String> HYPS = List.of("The dog bit the man.",
      "It wasn't surprising.", "The man had just bitten him.",
      "O gato dormiu no sofá durante a tarde.", "A reunião foi adiada para a próxima semana.",
      "", "Ela comprou pão, queijo e café na padaria.",
      "São Paulo é a maior cidade do Brasil.", "Rain is expected tomorrow across the north.",
      "He played the piano beautifully at the concert.");
  private static final List<String> REFS = List.of("The dog bit the man.",
      "It was not unexpected.", "The man bit him first.", "O gato dormiu no sofá a tarde toda.",
      "A reunião foi adiada para a semana que vem.", "Ninguém respondeu à pergunta.",
      "Ela comprou pão, queijo e café na padaria.",
      "São Paulo é a cidade mais populosa do Brasil.",
      "Rain is forecast for tomorrow in the north.",
      "He played the piano wonderfully during the concert.");

  @Test
  void bleuAndChrfGainASeededIntervalAroundTheCorpusScore() throws Exception {
    Path hyp = Files.write(dir.resolve("hyp.txt"), HYPS);
    Path ref = Files.write(dir.resolve("ref.txt"), REFS);
    JsonNode plain = corpusJson("eval", "bleu", "--hyp", hyp.toString(), "--ref", ref.toString());
    assertThat(plain.has("ci")).isFalse();
    JsonNode a = corpusJson("eval", "bleu", "--hyp", hyp.toString(), "--ref", ref.toString(),
        "--bootstrap", "300", "--seed", "7");
    JsonNode ci = a.get("ci");
    assertThat(a.get("score").asDouble()).isEqualTo(plain.get("score").asDouble())
        .isBetween(ci.get("low").asDouble(), ci.get("high").asDouble());
    assertThat(ci.get("samples").asInt()).isEqualTo(300);
    assertThat(ci.get("level").asDouble()).isEqualTo(0.95);
    assertThat(ci.get("stdev").asDouble()).isPositive();
    assertThat(ci.get("mean").asDouble()).isBetween(ci.get("low").asDouble(),
        ci.get("high").asDouble());
    JsonNode again = corpusJson("eval", "bleu", "--hyp", hyp.toString(), "--ref",
        ref.toString(), "--bootstrap", "300", "--seed", "7");
    assertThat(again.get("ci")).isEqualTo(ci);
    JsonNode other = corpusJson("eval", "bleu", "--hyp", hyp.toString(), "--ref",
        ref.toString(), "--bootstrap", "300", "--seed", "8");
    assertThat(other.get("ci")).isNotEqualTo(ci);

    JsonNode chrf = corpusJson("eval", "chrf", "--hyp", hyp.toString(), "--ref", ref.toString(),
        "--word-order", "2", "--bootstrap", "200", "--confidence-level", "0.9");
    assertThat(chrf.get("ci").get("level").asDouble()).isEqualTo(0.9);
    assertThat(chrf.get("score").asDouble()).isBetween(chrf.get("ci").get("low").asDouble(),
        chrf.get("ci").get("high").asDouble());
  }

  @Test
  void rougeGetsAnIntervalForEachTypesF() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < HYPS.size(); i++) {
      lines.add(Json.MAPPER.writeValueAsString(java.util.Map.of("hyp", HYPS.get(i),
          "refs", List.of(REFS.get(i)))));
    }
    Path jsonl = Files.write(dir.resolve("pairs.jsonl"), lines);
    JsonNode r = corpusJson("eval", "rouge", "--jsonl", jsonl.toString(), "--bootstrap", "250");
    for (String type : List.of("rouge1", "rouge2", "rougeL", "rougeLsum")) {
      JsonNode ci = r.get("ci").get(type);
      assertThat(ci).as(type).isNotNull();
      assertThat(r.get(type).get("fmeasure").asDouble()).as(type)
          .isBetween(ci.get("low").asDouble(), ci.get("high").asDouble());
      assertThat(ci.get("seed").asLong()).isEqualTo(12345L);
    }
  }

  @Test
  void badBootstrapOptionsAreRefusedNamingTheOption() throws Exception {
    Path hyp = Files.write(dir.resolve("hyp.txt"), HYPS);
    Path ref = Files.write(dir.resolve("ref.txt"), REFS);
    assertThat(console.run("eval", "chrf", "--hyp", hyp.toString(), "--ref", ref.toString(),
        "--bootstrap", "100", "--confidence-level", "1.5")).isNotZero();
    assertThat(console.err()).contains("--confidence-level", "1.5");
    assertThat(console.out()).isEmpty();
    assertThat(console.run("eval", "bleu", "--hyp", hyp.toString(), "--ref", ref.toString(),
        "--bootstrap", "-5")).isNotZero();
    assertThat(console.err()).contains("--bootstrap", "-5");
  }
}
