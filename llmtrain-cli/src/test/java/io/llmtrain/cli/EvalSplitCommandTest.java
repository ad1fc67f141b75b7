package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmtrain eval split}. */
class EvalSplitCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  private static final List<String> SENTENCES = List.of(
      "The committee approved the budget on Tuesday.", "Rain is expected tomorrow in the north.",
      "He played the piano beautifully at the concert.", "The library closes early on holidays.",
      "O comitê aprovou o orçamento na terça-feira.", "Espera-se chuva amanhã no norte.",
      "Ele tocou piano lindamente no concerto.", "A biblioteca fecha cedo nos feriados.");

  private Path corpus() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i++) {
      for (int j = 0; j < SENTENCES.size(); j++) {
        if (i != j) {
          lines.add(Json.MAPPER.writeValueAsString(Map.of("text",
              SENTENCES.get(i) + " " + SENTENCES.get(j), "lang", i < 4 ? "en" : "pt")));
        }
      }
    }
    // an exact duplicate of the first document
    lines.add(lines.get(0));
    return Files.write(dir.resolve("docs.jsonl"), lines);
  }

  @Test
  void splitWritesTheFilesAndPrintsTheCounts() throws Exception {
    Path in = corpus();
    Path outDir = dir.resolve("split");
    assertThat(console.run("eval", "split", "--input", in.toString(), "--out", outDir.toString(),
        "--test-fraction", "0.2", "--validation-fraction", "0.1", "--stratify", "lang",
        "--seed", "4")).as(console.err()).isZero();
    JsonNode printed = Json.MAPPER.readTree(console.out().strip());
    assertThat(printed.get("documents").asInt()).isEqualTo(57);
    assertThat(printed.get("groups").asInt()).isEqualTo(56);
    long test = Files.readAllLines(outDir.resolve("test.jsonl")).size();
    long val = Files.readAllLines(outDir.resolve("validation.jsonl")).size();
    long train = Files.readAllLines(outDir.resolve("train.jsonl")).size();
    assertThat(printed.get("counts").get("test").asLong()).isEqualTo(test);
    assertThat(printed.get("counts").get("validation").asLong()).isEqualTo(val);
    assertThat(train + test + val).isEqualTo(57);
    assertThat(printed.get("strata").get("en").get("documents").asInt()).isEqualTo(29);
    // the duplicate is on one side only
    Set<String> trainLines = new HashSet<>(Files.readAllLines(outDir.resolve("train.jsonl")));
    for (String f : List.of("test.jsonl", "validation.jsonl")) {
      for (String line : Files.readAllLines(outDir.resolve(f))) {
        assertThat(trainLines).doesNotContain(line);
      }
    }
    JsonNode manifest = Json.MAPPER.readTree(outDir.resolve("split.json").toFile());
    assertThat(manifest.get("seed").asLong()).isEqualTo(4);
    assertThat(manifest.get("stratify").asText()).isEqualTo("lang");
  }

  @Test
  void badOptionsAndInputAreRefused() throws Exception {
    Path in = corpus();
    assertThat(console.run("eval", "split", "--input", in.toString(), "--out",
        dir.resolve("o").toString(), "--test-fraction", "0.7", "--validation-fraction", "0.4"))
        .isNotZero();
    assertThat(console.err()).contains("--test-fraction",
        "--validation-fraction");
    assertThat(console.run("eval", "split", "--input", in.toString(), "--out",
        dir.resolve("o").toString(), "--stratify", "topic")).isNotZero();
    assertThat(console.err()).contains("docs.jsonl:1", "topic");
    assertThat(dir.resolve("o").resolve("train.jsonl")).doesNotExist();
  }
}
