package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlMetricsListenerTest {
  @TempDir
  Path dir;

  private List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      out.add(Json.MAPPER.readTree(line));
    }
    return out;
  }

  private static List<JsonNode> events(List<JsonNode> lines, String event) {
    return lines.stream().filter(n -> n.path("event").asText().equals(event)).toList();
  }

  @Test
  void everyEventIsOneParsableLineWithItsValues() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 20, 0, 1e12);
    JsonlMetricsListener l = new JsonlMetricsListener();
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 20);
    l.onEnd(run, 20, null);

    List<JsonNode> lines = lines(dir.resolve("metrics.jsonl"));
    JsonNode start = lines.get(0);
    assertThat(start.path("event").asText()).isEqualTo("start");
    assertThat(start.path("config").path("preset").asText()).isEqualTo("nano");
    assertThat(start.path("config").path("learningRate").asDouble()).isEqualTo(3e-4);
    assertThat(start.path("config").path("data").asText()).isEqualTo("/data/shard-0.bin");
    assertThat(start.path("parameters").asLong()).isEqualTo(1_234_567);

    List<JsonNode> steps = events(lines, "step");
    assertThat(steps).hasSize(20);
    JsonNode s7 = steps.get(6);
    assertThat(s7.path("step").asLong()).isEqualTo(7);
    assertThat(s7.path("loss").asDouble()).isEqualTo(SyntheticRun.loss(7));
    assertThat(s7.path("lr").asDouble()).isEqualTo(SyntheticRun.step(7).learningRate());
    assertThat(s7.path("grad_norm").asDouble()).isEqualTo(0.507);
    assertThat(s7.path("tokens_per_second").asDouble()).isEqualTo(8192.0);
    // 8192 tokens/s x 6 x 1,234,567 FLOPs per token over 1e12.
    assertThat(s7.path("mfu").asDouble()).isCloseTo(8192 * 6 * 1_234_567.0 / 1e12, within(1e-12));
    assertThat(s7.path("elapsed_seconds").asDouble()).isEqualTo(3.5);

    List<JsonNode> evals = events(lines, "eval");
    assertThat(evals).extracting(n -> n.path("step").asLong()).containsExactly(5L, 10L, 15L, 20L);
    assertThat(evals.get(1).path("val_loss").asDouble()).isEqualTo(SyntheticRun.loss(10) + 0.1);
    assertThat(evals.get(1).path("perplexity").asDouble())
        .isCloseTo(Math.exp(SyntheticRun.loss(10) + 0.1), within(1e-9));
    assertThat(events(lines, "checkpoint")).extracting(n -> n.path("path").asText())
        .containsExactly(dir.resolve("checkpoints/step-10").toString(),
            dir.resolve("checkpoints/step-20").toString());
    JsonNode end = lines.get(lines.size() - 1);
    assertThat(end.path("event").asText()).isEqualTo("end");
    assertThat(end.path("status").asText()).isEqualTo("completed");
    assertThat(end.path("step").asLong()).isEqualTo(20);
  }

  @Test
  void unknownPeakGivesNullMfuAndFailureIsRecorded() throws IOException {
    Path file = dir.resolve("logs/m.jsonl");
    TrainingListener.Run run = SyntheticRun.run(dir, 5, 0, 0);
    JsonlMetricsListener l = new JsonlMetricsListener(file, 1, 1);
    l.onStart(run);
    l.onStep(new TrainingListener.Step(1, Double.NaN, 1e-3, 1, 10, 1, 1));
    l.onEnd(run, 1, new IllegalStateException("loss is NaN"));
    List<JsonNode> lines = lines(file);
    assertThat(lines.get(1).path("mfu").isNull()).isTrue();
    assertThat(lines.get(1).path("loss").asText()).isEqualTo("NaN");
    assertThat(lines.get(2).path("status").asText()).isEqualTo("failed");
    assertThat(lines.get(2).path("error").asText()).contains("loss is NaN");
  }

  @Test
  void linesAreOnDiskBeforeTheEndAtTheFlushInterval() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 100, 0, 0);
    JsonlMetricsListener l = new JsonlMetricsListener(null, 1, 4);
    l.onStart(run);
    for (long s = 1; s <= 4; s++) {
      l.onStep(SyntheticRun.step(s));
    }
    // Read while the run is still going, as a crash would leave it.
    assertThat(events(lines(dir.resolve("metrics.jsonl")), "step")).hasSize(4);
    l.onEnd(run, 4, null);
  }

  @Test
  void intervalLinesReportTheRateOverTheInterval() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 0, 0);
    JsonlMetricsListener l = new JsonlMetricsListener(null, 4, 10);
    l.onStart(run);
    l.onStep(new TrainingListener.Step(1, 3, 0, 0, 100, 1.0, 1));
    l.onStep(new TrainingListener.Step(2, 3, 0, 0, 100, 1.0, 2));
    l.onStep(new TrainingListener.Step(3, 3, 0, 0, 100, 1.0, 3));
    l.onStep(new TrainingListener.Step(4, 3, 0, 0, 500, 1.0, 4));
    for (long s = 5; s <= 10; s++) {
      l.onStep(SyntheticRun.step(s));
    }
    l.onEnd(run, 10, null);
    List<JsonNode> steps = events(lines(dir.resolve("metrics.jsonl")), "step");
    // Step 4, step 8, and the last step even off the interval.
    assertThat(steps).extracting(n -> n.path("step").asLong()).containsExactly(4L, 8L, 10L);
    assertThat(steps.get(0).path("tokens_per_second").asDouble()).isEqualTo(200.0);
  }

  @Test
  void resumeDropsLinesAfterTheCheckpointAndATornLine() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    TrainingListener.Run first = SyntheticRun.run(dir, 20, 0, 0);
    JsonlMetricsListener a = new JsonlMetricsListener();
    a.onStart(first);
    SyntheticRun.feed(a, first, 0, 13);
    a.onEnd(first, 13, new RuntimeException("killed"));
    // A crash in the middle of a line.
    Files.writeString(file, "{\"event\":\"step\",\"step\":14,\"lo", StandardOpenOption.APPEND);

    TrainingListener.Run resumed = SyntheticRun.run(dir, 20, 10, 0);
    JsonlMetricsListener b = new JsonlMetricsListener();
    b.onStart(resumed);
    SyntheticRun.feed(b, resumed, 10, 20);
    b.onEnd(resumed, 20, null);

    List<JsonNode> lines = lines(file);
    assertThat(events(lines, "step")).extracting(n -> n.path("step").asLong())
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L,
            17L, 18L, 19L, 20L);
    assertThat(events(lines, "eval")).extracting(n -> n.path("step").asLong())
        .containsExactly(5L, 10L, 15L, 20L);
    assertThat(events(lines, "checkpoint")).extracting(n -> n.path("step").asLong())
        .containsExactly(10L, 20L);
    assertThat(events(lines, "start")).extracting(n -> n.path("resumed").asBoolean())
        .containsExactly(false, true);
    // The first run's end (at step 13) was after the checkpoint: dropped.
    assertThat(events(lines, "end")).extracting(n -> n.path("status").asText())
        .containsExactly("completed");
  }

  @Test
  void aFreshRunReplacesAnOldLog() throws IOException {
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, "{\"event\":\"step\",\"step\":99}\n");
    TrainingListener.Run run = SyntheticRun.run(dir, 2, 0, 0);
    JsonlMetricsListener l = new JsonlMetricsListener();
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 2);
    l.onEnd(run, 2, null);
    assertThat(events(lines(file), "step")).extracting(n -> n.path("step").asLong())
        .containsExactly(1L, 2L);
  }
}
