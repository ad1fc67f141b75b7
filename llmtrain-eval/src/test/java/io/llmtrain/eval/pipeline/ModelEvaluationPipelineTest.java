package io.llmtrain.eval.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.train.GptPretrainSpec;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.eval.metric.BleuMetric;
import io.llmtrain.eval.metric.ConfidenceInterval;
import io.llmtrain.eval.report.EvaluationReport;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import io.llmtrain.tokenize.pipeline.TokenizeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationPipelineTest {
  private static final List<String> SENTENCES = List.of(
      "The fisherman mends his nets on the quay while the gulls circle overhead.",
      "Every winter the lake freezes and the village children skate until dark.",
      "The old clock in the hall strikes twelve and the house falls silent.",
      "Her grandmother kept bees behind the orchard and sold honey at the market.",
      "A narrow path climbs through the pines to the ruined chapel on the ridge.",
      "The ferry crosses the bay twice a day when the weather is calm.",
      "On Sundays the baker sells warm bread from a cart near the fountain.",
      "The students read aloud in the library until the lamps are lit.");

  @TempDir
  Path dir;

  private static List<Document> corpus() {
    List<Document> docs = new ArrayList<>();
    for (int copy = 0; copy < 24; copy++) {
      for (int i = 0; i < SENTENCES.size(); i++) {
        StringBuilder p = new StringBuilder();
        for (int k = 0; k < SENTENCES.size(); k++) {
          p.append(SENTENCES.get((i + k) % SENTENCES.size())).append(' ');
        }
        docs.add(Document.of(copy + "-" + i, p.toString().trim()));
      }
    }
    return docs;
  }

  @Test
  void evaluateStepScoresTheTrainedModelAndWritesItsReport() throws Exception {
    Path mc = dir.resolve("endings.jsonl");
    Files.writeString(mc, String.join("\n",
        "{\"context\": \"The ferry crosses the bay twice a day\", \"choices\": "
            + "[\" when the weather is calm.\", \" under a purple moon of glass.\"], \"label\": 0}",
        "{\"context\": \"Every winter the lake freezes and the village children\", \"choices\": "
            + "[\" sing to the copper trains.\", \" skate until dark.\"], \"label\": 1}",
        "{\"context\": \"The old clock in the hall strikes twelve and\", \"choices\": "
            + "[\" the house falls silent.\", \" the river eats a violin.\"], \"label\": 0}")
        + "\n", StandardCharsets.UTF_8);
    Path prompts = dir.resolve("prompts.jsonl");
    Files.writeString(prompts, String.join("\n",
        "{\"prompt\": \"The ferry crosses the bay\", \"ref\": \"The ferry crosses the bay twice a "
            + "day when the weather is calm.\"}",
        "{\"prompt\": \"On Sundays the baker\", \"ref\": \"On Sundays the baker sells warm bread "
            + "from a cart near the fountain.\"}") + "\n", StandardCharsets.UTF_8);
    Path heldOutText = dir.resolve("held-out.txt");
    Files.writeString(heldOutText, "The students read aloud in the library until the lamps are "
        + "lit. A narrow path climbs through the pines.", StandardCharsets.UTF_8);

    PretrainConfig training = PretrainConfig.builder().steps(120).batchSize(8).blockSize(64)
        .lr(1e-2).warmupSteps(10).evalEvery(30).evalBatches(4).checkpointEvery(120)
        .device("cpu").build();
    PipelineReport report = Pipeline.from(DataSource.of(corpus()))
        .tokenize(TokenizeConfig.bpe(500))
        .pretrain(GptPretrainSpec.of("nano", training)
            .withModel(Map.of("layers", 2, "width", 64, "heads", 2, "contextLength", 64))
            .withMonitor(MonitorConfig.builder().console(MonitorConfig.Console.QUIET).build()))
        .evaluate(ModelEvaluation.builder().perplexity(heldOutText).multipleChoice(mc)
            .generation(prompts, "bleu", "chrf").bootstrap(200)
            // a user's task, registered as a plugin in the test resources
            .task(StageSpec.of("sentence-likelihood", Map.of("text",
                "The ferry crosses the bay twice a day when the weather is calm.")))
            .build())
        .workDirectory(dir.resolve("work"))
        .seed(5)
        .run();

    EvaluationResult result = report.result(EvaluationResult.class);
    // held out: the same region the trainer validated on, so close to its last validation loss
    MetricResult loss = result.metric(ModelEvaluator.HELD_OUT, "loss");
    double trainerValidation = (Double) report.steps().get(1).metrics().get("validation_loss");
    assertThat(loss.value()).isCloseTo(trainerValidation, within(0.25 * trainerValidation));
    assertThat(result.metric(ModelEvaluator.HELD_OUT, "perplexity").value())
        .isCloseTo(Math.exp(loss.value()), within(1e-9));
    assertThat(result.metric(ModelEvaluator.HELD_OUT, "bits_per_byte").value())
        .isCloseTo(loss.value() * loss.items() / Math.log(2)
            / ((Number) loss.details().get("bytes")).doubleValue(), within(1e-9));
    assertThat(result.metric(ModelEvaluator.HELD_OUT, "token_accuracy").value()).isBetween(0.0,
        1.0);
    assertThat(result.metric("perplexity:held-out.txt", "perplexity").value()).isGreaterThan(1);

    // multiple choice: acc agrees with the per-item file, with an interval around it
    Path stepDir = report.steps().get(2).artifacts().get("metrics").getParent();
    List<String> items = Files.readAllLines(stepDir.resolve("mc-endings.items.jsonl"));
    assertThat(items).hasSize(3);
    long right = items.stream().map(ModelEvaluationPipelineTest::json)
        .filter(n -> n.get("prediction").asInt() == n.get("label").asInt()).count();
    MetricResult acc = result.metric("mc:endings.jsonl", "acc");
    assertThat(acc.value()).isCloseTo(right / 3.0, within(1e-12));
    assertThat(right).as("a model trained on these sentences prefers their endings")
        .isGreaterThanOrEqualTo(2);
    ConfidenceInterval ci = acc.confidenceInterval().orElseThrow();
    assertThat(acc.value()).isBetween(ci.low(), ci.high());

    // generation: the BLEU reported is BLEU of the hypotheses written next to it
    List<String> hyps = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (String line : Files.readAllLines(stepDir.resolve("generate-prompts.items.jsonl"))) {
      JsonNode n = json(line);
      hyps.add(n.get("hyp").asText());
      refs.add(n.get("refs").get(0).asText());
    }
    assertThat(result.metric("generate:prompts.jsonl", "bleu").value())
        .isCloseTo(new BleuMetric().corpus(hyps, List.of(refs)).score(), within(1e-9));
    assertThat(result.metric("generate:prompts.jsonl", "chrf").interval()).isNotNull();

    // the run's overfitting view comes along, one point per validation
    assertThat(result.overfittingView()).isPresent();
    assertThat(result.overfitting().points()).hasSize(4);

    // the report on disk says the same
    assertThat(stepDir.resolve(EvaluationReport.HTML_FILE)).isRegularFile();
    EvaluationResult back = EvaluationReport.readJson(stepDir.resolve(EvaluationReport.JSON_FILE));
    assertThat(back.metrics()).hasSameSizeAs(result.metrics());
    assertThat(back.metric("mc:endings.jsonl", "acc").value()).isEqualTo(acc.value());
    assertThat(report.steps().get(2).metrics()).containsKey("held-out/perplexity");
    assertThat(result.provenance()).containsKeys("checkpoint", "data_sha256", "bootstrap",
        "sentence");
    // the plugin task ran on the same model: a seen sentence scores below the held-out text
    assertThat(result.metric("sentence", "loss").value())
        .isLessThan(result.metric("perplexity:held-out.txt", "loss").value());
  }

  @Test
  void wiringIsCheckedBeforeAnyWork() {
    // evaluating with no model to evaluate
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus()))
        .tokenize(TokenizeConfig.bpe(500))
        .evaluate(ModelEvaluation.defaults())
        .workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("model");
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus()))
        .evaluate(StageSpec.of("model", Map.of("multipleChoise", "x.jsonl")))
        .workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("multipleChoise")
        .hasMessageContaining("multipleChoice");
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus()))
        .evaluate(StageSpec.of("model", Map.of("tasks", Map.of("hellaswag", Map.of()))))
        .workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("hellaswag")
        .hasMessageContaining("held-out");
    assertThatThrownBy(() -> ModelEvaluation.builder().heldOut(false).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("nothing to evaluate");
    assertThatThrownBy(() -> ModelEvaluation.builder().bootstrap(-1).build())
        .hasMessageContaining("'bootstrap'");
  }

  @Test
  void configurationRoundTripsThroughItsParameters() {
    ModelEvaluation e = ModelEvaluation.builder().heldOut(false).stride(16)
        .multipleChoice(Path.of("a.jsonl")).generation(Path.of("p.jsonl"), "rouge")
        .bootstrap(0).confidenceLevel(0.9).build();
    assertThat(ModelEvaluation.fromParams(Params.of(StageSpec.of("model", e.params()))))
        .isEqualTo(e);
    assertThat(ModelEvaluation.defaults().heldOut()).isTrue();
  }

  private static JsonNode json(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
