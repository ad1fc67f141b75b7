package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.train.GptPretrainSpec;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.tokenize.pipeline.TokenizeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmtrain eval perplexity|mc|generate} on a small model trained on real sentences. */
class EvalModelCommandTest {
  static final List<String> SENTENCES = List.of(
      "The cat sat on the warm mat by the kitchen door.",
      "My brother plays the violin every evening after dinner.",
      "The train to the city leaves the station at seven in the morning.",
      "She planted roses along the fence behind the old house.",
      "The baker opens his shop before the sun rises.",
      "He drinks a cup of black coffee every morning.");

  @TempDir
  static Path shared;
  static Path run;

  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  /** A 2-layer GPT with context 64 trained on paragraphs of the sentences in every order. */
  @BeforeAll
  static void train() {
    List<Document> docs = new ArrayList<>();
    for (int copy = 0; copy < 30; copy++) {
      for (int first = 0; first < SENTENCES.size(); first++) {
        List<String> order = new ArrayList<>(SENTENCES.subList(first, SENTENCES.size()));
        order.addAll(SENTENCES.subList(0, first));
        docs.add(Document.of(copy + "-" + first, String.join(" ", order)));
      }
    }
    PretrainConfig training = PretrainConfig.builder().steps(150).batchSize(8).blockSize(64)
        .lr(1e-2).warmupSteps(10).evalEvery(150).evalBatches(1).checkpointEvery(150)
        .device("cpu").build();
    run = Pipeline.from(DataSource.of(docs)).tokenize(TokenizeConfig.bpe(500))
        .pretrain(GptPretrainSpec.of("nano", training)
            .withModel(Map.of("layers", 2, "width", 64, "heads", 2, "contextLength", 64))
            .withMonitor(MonitorConfig.builder().console(MonitorConfig.Console.QUIET).build()))
        .workDirectory(shared).seed(1).run().steps().get(1).artifacts().get(Artifacts.MODEL);
  }

  private List<JsonNode> stdoutJson() throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : console.stdoutLines()) {
      nodes.add(Json.MAPPER.readTree(line));
    }
    return nodes;
  }

  @Test
  void perplexityOnTextAndJsonlWithAStride() throws Exception {
    String text = String.join(" ", SENTENCES) + " " + String.join(" ", SENTENCES);
    Path file = Files.writeString(dir.resolve("held-out.txt"), text);
    assertThat(console.run("eval", "perplexity", "--model", run.toString(), "--data",
        file.toString()))
        .as(console.err()).isZero();
    JsonNode whole = stdoutJson().get(0);
    assertThat(whole.get("tokens").asLong()).isGreaterThan(64); // more than one window
    assertThat(whole.get("perplexity").asDouble())
        .isCloseTo(Math.exp(whole.get("loss").asDouble()), within(1e-9));
    assertThat(whole.get("bytes").asLong()).isEqualTo(text.length());
    assertThat(whole.get("bits_per_byte").asDouble()).isCloseTo(whole.get("loss").asDouble()
        * whole.get("tokens").asLong() / Math.log(2) / text.length(), within(1e-9));
    assertThat(whole.get("token_accuracy").asDouble()).isGreaterThan(0.5); // seen text
    assertThat(whole.get("stride").asInt()).isEqualTo(64);

    assertThat(console.run("eval", "perplexity", "--model", run.toString(), "--data",
        file.toString(),
        "--stride", "16")).as(console.err()).isZero();
    JsonNode sliding = stdoutJson().get(0);
    assertThat(sliding.get("tokens")).isEqualTo(whole.get("tokens"));
    assertThat(sliding.get("stride").asInt()).isEqualTo(16);

    Path jsonl = Files.writeString(dir.resolve("docs.jsonl"), "{\"text\": \"" + SENTENCES.get(0)
        + "\"}\n{\"text\": \"" + SENTENCES.get(1) + "\", \"id\": 2}\n");
    assertThat(console.run("eval", "perplexity", "--model", run.toString(), "--jsonl",
        jsonl.toString()))
        .as(console.err()).isZero();
    assertThat(stdoutJson().get(0).get("documents").asInt()).isEqualTo(2);

    assertThat(console.run("eval", "perplexity", "--model", run.toString(), "--data",
        file.toString(),
        "--stride", "65")).isNotZero();
    assertThat(console.err()).contains("stride", "64");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    assertThat(console.run("eval", "perplexity", "--model", run.toString(), "--data",
        empty.toString()))
        .isNotZero();
    assertThat(console.err()).contains("empty.txt", "empty");
    assertThat(console.run("eval", "perplexity", "--model", dir.toString(), "--data",
        file.toString()))
        .isNotZero();
    assertThat(console.err()).contains(dir.toString(), "model.json");
  }

  @Test
  void multipleChoicePrefersTheSeenEndingAndReportsEachItem() throws Exception {
    Path data = Files.writeString(dir.resolve("mc.jsonl"), String.join("\n",
        "{\"context\": \"The cat sat on the warm mat by the\", "
            + "\"choices\": [\"old house.\", \"kitchen door.\"], \"label\": 1}",
        "{\"context\": \"He drinks a cup of black coffee every\", "
            + "\"choices\": [\"morning.\", \"evening after dinner.\"], \"label\": 0}") + "\n");
    assertThat(console.run("eval", "mc", "--model", run.toString(), "--data", data.toString(),
        "--per-item")).as(console.err()).isZero();
    List<JsonNode> lines = stdoutJson();
    assertThat(lines).hasSize(3);
    JsonNode summary = lines.get(2);
    assertThat(summary.get("items").asInt()).isEqualTo(2);
    assertThat(summary.get("acc").asDouble()).isEqualTo(1.0);
    int right = 0;
    for (JsonNode item : lines.subList(0, 2)) {
      JsonNode lls = item.get("loglikelihoods");
      int best = lls.get(0).asDouble() >= lls.get(1).asDouble() ? 0 : 1;
      assertThat(item.get("prediction").asInt()).isEqualTo(best);
      right += best == item.get("label").asInt() ? 1 : 0;
      assertThat(item.get("is_greedy")).hasSize(2);
    }
    assertThat(summary.get("acc").asDouble()).isEqualTo(right / 2.0);

    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"label\": 0}\n"
            + "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"label\": 5}\n");
    assertThat(console.run("eval", "mc", "--model", run.toString(), "--data", bad.toString()))
        .isNotZero();
    assertThat(console.err()).contains("bad.jsonl:2", "label");
  }

  @Test
  void generateScoresContinuationsAndWritesThemForEvalBleu() throws Exception {
    Path data = Files.writeString(dir.resolve("gen.jsonl"), String.join("\n",
        "{\"prompt\": \"The cat sat on the\", \"refs\": [\"warm mat by the kitchen door.\"]}",
        "{\"prompt\": \"The baker opens his shop\", \"ref\": \"before the sun rises.\"}") + "\n");
    Path hyps = dir.resolve("hyps.jsonl");
    String[] args = {"eval", "generate", "--model", run.toString(), "--data", data.toString(),
        "--metric", "bleu", "--metric", "chrf", "--max-tokens", "10", "--temperature", "0.7",
        "--top-k", "20", "--top-p", "0.9", "--seed", "3", "--output", hyps.toString()};
    assertThat(console.run(args)).as(console.err()).isZero();
    JsonNode r = stdoutJson().get(0);
    assertThat(r.get("items").asInt()).isEqualTo(2);
    assertThat(r.has("bleu") && r.has("chrf")).isTrue();
    List<String> written = Files.readAllLines(hyps);
    assertThat(written).hasSize(2);
    assertThat(Json.MAPPER.readTree(written.get(0)).get("prompt").asText())
        .isEqualTo("The cat sat on the");

    assertThat(console.run(args)).isZero(); // seeded: the same continuations and scores
    assertThat(stdoutJson().get(0)).isEqualTo(r);
    assertThat(Files.readAllLines(hyps)).isEqualTo(written);

    // the written hypotheses score the same through eval bleu
    assertThat(console.run("eval", "bleu", "--jsonl", hyps.toString())).as(console.err()).isZero();
    assertThat(stdoutJson().get(0).get("score").asDouble())
        .isEqualTo(r.get("bleu").asDouble());

    assertThat(console.run("eval", "generate", "--model", run.toString(), "--data", data.toString(),
        "--metric", "blue")).isNotZero();
    assertThat(console.err()).contains("blue");
  }

  @Test
  void reportEvaluatesHeldOutTokensAndChoicesAndWritesTheReport() throws Exception {
    Path mc = Files.writeString(dir.resolve("endings.jsonl"), String.join("\n",
        "{\"context\": \"The baker opens his shop\", \"choices\": [\"before the sun rises.\", "
            + "\"inside a frozen teapot.\"], \"label\": 0}",
        "{\"context\": \"My brother plays the violin\", \"choices\": [\"under the blue "
            + "glacier.\", \"every evening after dinner.\"], \"label\": 1}") + "\n");
    Path tokens = shared.resolve("01-tokenize-bpe/tokens");
    Path out = dir.resolve("report");
    assertThat(console.run("eval", "report", "--model", run.toString(), "--tokens",
        tokens.toString(), "--mc", mc.toString(), "--bootstrap", "100", "--out",
        out.toString())).as(console.err()).isZero();
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    for (JsonNode n : stdoutJson()) {
      byName.put(n.get("task").asText() + "/" + n.get("metric").asText(), n);
    }
    assertThat(byName.get("held-out/perplexity").get("value").asDouble())
        .isCloseTo(Math.exp(byName.get("held-out/loss").get("value").asDouble()),
            within(1e-9));
    assertThat(byName.get("mc:endings.jsonl/acc").get("value").asDouble()).isEqualTo(1.0);
    assertThat(byName.get("mc:endings.jsonl/acc").get("ci")).hasSize(2);
    var report = io.llmtrain.eval.report.EvaluationReport.readJson(
        out.resolve("evaluation.json"));
    assertThat(report.metrics()).hasSize(byName.size());
    assertThat(out.resolve("evaluation.html")).isRegularFile();
    assertThat(out.resolve("mc-endings.items.jsonl")).isRegularFile();

    // nothing to evaluate: the run encoded no text of its own and no data was named
    assertThat(console.run("eval", "report", "--model", run.toString(), "--out",
        dir.resolve("empty").toString())).isNotZero();
    assertThat(console.err()).contains("nothing to evaluate", "--tokens");
  }
}
