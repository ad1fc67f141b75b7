package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.monitor.JsonlMetricsListener;
import io.llmtrain.core.monitor.TrainingListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmtrain eval overfitting} on metrics logs written by the real JsonlMetricsListener (fed
 * a loss trajectory; the library's tests read logs of real training runs).
 */
class EvalOverfittingCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  /** A run directory whose metrics.jsonl has an evaluation every 10 steps with these losses. */
  private Path runDir(String name, double[] train, double[] val) {
    Path run = dir.resolve(name);
    long total = train.length * 10L;
    TrainingListener.Run r = new TrainingListener.Run(run, Map.of("steps", total), 1000, 6000,
        0, total, 0, "cpu()");
    JsonlMetricsListener l = new JsonlMetricsListener();
    l.onStart(r);
    for (int e = 0; e < train.length; e++) {
      for (int s = 1; s <= 10; s++) {
        l.onStep(new TrainingListener.Step(e * 10L + s, train[e], 1e-3, 1, 256, 0.1, 0.1 * s));
      }
      l.onEvaluation(new TrainingListener.Evaluation(e * 10L + 10, train[e], val[e]));
    }
    l.onEnd(r, total, null);
    return run;
  }

  @Test
  void printsThePointsTheBestStepAndWhereTheGapGrowsAndWritesHtml() throws Exception {
    Path run = runDir("over", new double[] {3.0, 2.5, 2.2, 2.0, 1.8, 1.6, 1.4},
        new double[] {2.9, 2.6, 2.4, 2.45, 2.5, 2.6, 2.7});
    Path html = dir.resolve("report/overfitting.html");
    assertThat(console.run("eval", "overfitting", "--run", run.toString(), "--html",
        html.toString()))
        .as(console.err()).isZero();
    JsonNode r = Json.MAPPER.readTree(console.out());
    assertThat(r.get("best_step").asLong()).isEqualTo(30);
    assertThat(r.get("best_validation_loss").asDouble()).isEqualTo(2.4);
    assertThat(r.get("gap_grows_from").asLong()).isEqualTo(30);
    assertThat(r.get("points")).hasSize(7);
    assertThat(r.get("points").get(6).get("gap").asDouble()).isEqualTo(2.7 - 1.4);
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page).contains("Overfitting: from step 30", "data:image/png;base64,");

    // A stricter rule: not enough rising evaluations.
    assertThat(console.run("eval", "overfitting", "--run", run.resolve("metrics.jsonl").toString(),
        "--patience", "5")).as(console.err()).isZero();
    assertThat(Json.MAPPER.readTree(console.out())
        .get("gap_grows_from").isNull()).isTrue();
  }

  @Test
  void aRunThatKeepsImprovingHasNoGapGrowth() throws Exception {
    Path run = runDir("fine", new double[] {3.0, 2.6, 2.3, 2.1, 1.95},
        new double[] {2.9, 2.7, 2.5, 2.35, 2.25});
    assertThat(console.run("eval", "overfitting", "--run",
        run.toString())).as(console.err()).isZero();
    JsonNode r = Json.MAPPER.readTree(console.out());
    assertThat(r.get("gap_grows_from").isNull()).isTrue();
    assertThat(r.get("best_step").asLong()).isEqualTo(50);
  }

  @Test
  void badInputIsRefused() throws Exception {
    assertThat(console.run("eval", "overfitting", "--run", dir.resolve("nowhere").toString()))
        .isNotZero();
    assertThat(console.err()).contains("nowhere", "no such file");
    Path run = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(run.resolve("metrics.jsonl"),
        "{\"event\":\"eval\",\"step\":10,\"train_loss\":2.0,\"val_loss\":2.1}\n{oops\n");
    assertThat(console.run("eval", "overfitting", "--run", run.toString())).isNotZero();
    assertThat(console.err()).contains("metrics.jsonl:2",
        "not valid JSON");
    assertThat(console.run("eval", "overfitting", "--run", run.toString(), "--patience", "0"))
        .isNotZero();
    assertThat(console.err()).contains("patience");
  }
}
