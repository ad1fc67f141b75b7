package io.llmtrain.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.LlmtrainException;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes the run's metrics as JSON Lines, one event per line, for scripts and notebooks:
 *
 * <pre>
 * {"event":"start","time":"...","step":0,"resumed":false,"config":{...},"parameters":..,...}
 * {"event":"step","step":1,"loss":..,"lr":..,"grad_norm":..,"tokens":..,"tokens_per_second":..,
 *  "mfu":..,"elapsed_seconds":..}
 * {"event":"eval","step":..,"train_loss":..,"val_loss":..,"perplexity":..}
 * {"event":"checkpoint","step":..,"path":"..."}
 * {"event":"end","step":..,"status":"completed"|"failed","error":..}
 * </pre>
 *
 * <p>{@code mfu} is {@code null} when the device's peak is unknown; a non-finite loss is written as
 * the string {@code "NaN"} or {@code "Infinity"} (JSON has no such numbers) so a divergence stays
 * visible. With {@code everySteps} above 1 a step line is written every that many steps and its
 * {@code tokens_per_second} covers all steps since the previous line.
 *
 * <p>Resume: a run resumed from the checkpoint at step k keeps the file's lines up to step k and
 * drops every later line, because those steps are trained again and would otherwise appear twice
 * with possibly different values; the trimmed file is replaced atomically, then appended to. A
 * line cut short by a crash is dropped as well. A run that starts at step 0 replaces the file.
 *
 * <p>Lines are buffered and flushed every {@code flushEverySteps} steps and at every evaluation,
 * checkpoint and the end, so a crash loses at most that many step lines.
 */
public final class JsonlMetricsListener implements TrainingListener {
  /** File name used when the listener is given a run directory. */
  public static final String FILE_NAME = "metrics.jsonl";

  private final Path file;
  private final int everySteps;
  private final int flushEverySteps;
  private Writer out;
  private Run run;
  private long stepsSinceFlush;
  private final Throughput window = new Throughput();

  /**
   * @param file the JSONL file; {@code null} for {@value #FILE_NAME} in the run directory
   * @param everySteps write a step line every this many steps (1: every step)
   * @param flushEverySteps flush to the file every this many step lines
   */
  public JsonlMetricsListener(Path file, int everySteps, int flushEverySteps) {
    if (everySteps < 1) {
      throw new IllegalArgumentException("everySteps must be at least 1, got " + everySteps);
    }
    if (flushEverySteps < 1) {
      throw new IllegalArgumentException("flushEverySteps must be at least 1, got "
          + flushEverySteps);
    }
    this.file = file;
    this.everySteps = everySteps;
    this.flushEverySteps = flushEverySteps;
  }

  /** Every step, flushed every 10 lines, to {@value #FILE_NAME} in the run directory. */
  public JsonlMetricsListener() {
    this(null, 1, 10);
  }

  /** The file written, once the run has started. */
  public Path file() {
    return run == null ? file : resolve(run);
  }

  private Path resolve(Run r) {
    return file != null ? file : r.directory().resolve(FILE_NAME);
  }

  @Override
  public void onStart(Run r) {
    this.run = r;
    Path target = resolve(r);
    try {
      if (r.startStep() > 0 && Files.exists(target)) {
        trimAfter(target, r.startStep());
      } else {
        AtomicOutput.write(target, new byte[0]);
      }
      out = new BufferedWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8,
          StandardOpenOption.APPEND), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the metrics log " + target, e);
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("event", "start");
    o.put("time", Instant.now().toString());
    o.put("step", r.startStep());
    o.put("resumed", r.startStep() > 0);
    o.put("total_steps", r.totalSteps());
    o.put("parameters", r.parameterCount());
    o.put("flops_per_token", r.flopsPerToken());
    o.put("peak_flops", r.peakFlops());
    o.put("device", r.device());
    o.set("config", Json.MAPPER.valueToTree(MetricValues.plainConfig(r.config())));
    write(o, true);
  }

  /** Keeps the lines whose step is at most {@code lastKept}, dropping a torn last line too. */
  private static void trimAfter(Path target, long lastKept) throws IOException {
    List<String> lines = Files.readAllLines(target, StandardCharsets.UTF_8);
    StringBuilder kept = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.MAPPER.readTree(line);
      } catch (IOException e) {
        // Only a crash mid-write produces this (the last line, cut short); it has no value.
        continue;
      }
      if (node == null || !node.isObject() || node.path("step").asLong(0) > lastKept) {
        continue;
      }
      kept.append(line).append('\n');
    }
    AtomicOutput.write(target, kept.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void onStep(Step s) {
    if (out == null) {
      return;
    }
    window.add(s);
    if (s.step() % everySteps != 0 && s.step() != run.totalSteps()) {
      return;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("event", "step");
    o.put("step", s.step());
    o.put("loss", s.loss());
    o.put("lr", s.learningRate());
    o.put("grad_norm", s.gradientNorm());
    o.put("tokens", s.tokens());
    double tps = window.tokensPerSecond();
    o.put("tokens_per_second", tps);
    if (run.peakFlops() > 0) {
      o.put("mfu", tps * run.flopsPerToken() / run.peakFlops());
    } else {
      o.putNull("mfu");
    }
    o.put("elapsed_seconds", s.elapsedSeconds());
    window.reset();
    write(o, ++stepsSinceFlush >= flushEverySteps);
  }

  @Override
  public void onEvaluation(Evaluation e) {
    if (out == null) {
      return;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("event", "eval");
    o.put("step", e.step());
    o.put("train_loss", e.trainingLoss());
    o.put("val_loss", e.validationLoss());
    o.put("perplexity", e.perplexity());
    write(o, true);
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    if (out == null) {
      return;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("event", "checkpoint");
    o.put("step", step);
    o.put("path", directory.toString());
    write(o, true);
  }

  @Override
  public void onEnd(Run r, long lastStep, Throwable error) {
    if (out == null) {
      return;
    }
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("event", "end");
    o.put("time", Instant.now().toString());
    o.put("step", lastStep);
    o.put("status", error == null ? "completed" : "failed");
    if (error != null) {
      o.put("error", String.valueOf(error));
    }
    try {
      write(o, true);
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the metrics log " + resolve(r), e);
      } finally {
        out = null;
      }
    }
  }

  private void write(ObjectNode o, boolean flush) {
    try {
      out.write(Json.MAPPER.writeValueAsString(o));
      out.write('\n');
      if (flush) {
        out.flush();
        stepsSinceFlush = 0;
      }
    } catch (IOException e) {
      throw new LlmtrainException("cannot write the metrics log " + resolve(run) + ": "
          + e.getMessage(), e);
    }
  }
}
