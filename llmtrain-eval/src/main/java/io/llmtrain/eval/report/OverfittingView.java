package io.llmtrain.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.monitor.JsonlMetricsListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Training against validation loss over a run, read from its {@code metrics.jsonl}: at every
 * evaluation step the validation loss, the training loss around that step, and their gap; the
 * step of the lowest validation loss; and the step from which the gap keeps growing (the start of
 * overfitting), if it does.
 *
 * <p><b>Training loss at an evaluation</b> is the mean training loss of the optimizer steps since
 * the previous evaluation (the first: since the start), the same window for every point, so the
 * gap compares like with like. {@code Pretrainer} computes exactly this over every step and writes
 * it as the evaluation line's {@code train_loss}; it is used as written. Only when that field is
 * absent or not finite is the mean taken over the step lines of the window instead (which may be
 * thinned by the metrics listener's {@code everySteps}); an evaluation with neither, or with a
 * non-finite validation loss (a diverged run), has no gap and is left out of the view.
 *
 * <p><b>Where the gap starts to grow</b> ({@link #gapGrowsFrom}): the earliest evaluation
 * <i>i</i> such that, with {@link Rule#patience} {@code p} and {@link Rule#tolerance} {@code t},
 * <ol>
 *   <li>the gap rises by more than {@code t} at each of the next {@code p} evaluations,</li>
 *   <li>none of those {@code p} evaluations improves on the best validation loss up to <i>i</i>
 *       by more than {@code t} (validation has stopped improving while training goes on), and</li>
 *   <li>the gap never falls back to its value at <i>i</i> for the rest of the run.</li>
 * </ol>
 * The second condition is what separates overfitting from the early part of a healthy run, where
 * the gap also rises (the windowed training loss still holds the first, high losses) but
 * validation loss improves at every evaluation. The third keeps a transient bump from counting.
 * {@code null} when no evaluation qualifies: a run whose validation loss keeps improving, or one
 * with at most {@code p} evaluations.
 *
 * @param points the evaluations, by increasing step
 * @param bestStep the step of the lowest validation loss (the first, on a tie)
 * @param bestValidationLoss that loss
 * @param gapGrowsFrom the evaluation step after which the gap keeps growing; null if it never does
 */
public record OverfittingView(List<Point> points, long bestStep, double bestValidationLoss,
    Long gapGrowsFrom) {
  public OverfittingView {
    points = List.copyOf(points);
  }

  /** One evaluation step. */
  public record Point(long step, double trainLoss, double validationLoss) {
    public double gap() {
      return validationLoss - trainLoss;
    }
  }

  /**
   * The rule that finds {@link #gapGrowsFrom} (see the class comment).
   *
   * @param patience how many consecutive evaluations the gap must rise at (at least 1)
   * @param tolerance the smallest rise of the gap, and the smallest improvement of the validation
   *     loss, that counts (a loss difference, in nats; at least 0)
   */
  public record Rule(int patience, double tolerance) {
    /** Three rising evaluations; any rise and any improvement counts. */
    public static final Rule DEFAULT = new Rule(3, 0.0);

    public Rule {
      if (patience < 1) {
        throw new IllegalArgumentException("patience must be at least 1, got " + patience);
      }
      if (!(tolerance >= 0 && Double.isFinite(tolerance))) {
        throw new IllegalArgumentException("tolerance must be a finite number >= 0, got "
            + tolerance);
      }
    }
  }

  /** {@link #read(Path, Rule)} with {@link Rule#DEFAULT}. */
  public static OverfittingView read(Path runDirectory) {
    return read(runDirectory, Rule.DEFAULT);
  }

  /**
   * Reads a run's {@code metrics.jsonl} (as {@link JsonlMetricsListener} writes it).
   *
   * @param runDirectory the pretraining run directory, or the metrics file itself
   * @throws InputException when the file is missing, a line is not JSON (a last line torn by a
   *     crash, without its newline, is skipped as the listener itself does), a step or evaluation
   *     line lacks or mistypes a field, steps go backwards, or no evaluation has both losses
   */
  public static OverfittingView read(Path runDirectory, Rule rule) {
    Objects.requireNonNull(runDirectory, "runDirectory");
    Objects.requireNonNull(rule, "rule");
    Path file = Files.isDirectory(runDirectory)
        ? runDirectory.resolve(JsonlMetricsListener.FILE_NAME) : runDirectory;
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), 0, null, Files.exists(runDirectory)
          ? "no such file: is " + runDirectory + " a pretraining run directory (its metrics log "
              + "is written by the jsonl monitor)?"
          : "no such file or directory", null);
    }
    return of(MetricsLog.read(file), rule);
  }

  /**
   * The view of {@code points} (evaluations in increasing step order, finite losses).
   *
   * @throws IllegalArgumentException when points is empty, out of order or not finite
   */
  public static OverfittingView of(List<Point> points, Rule rule) {
    Objects.requireNonNull(rule, "rule");
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no evaluation points");
    }
    int best = 0;
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      if (!Double.isFinite(p.trainLoss()) || !Double.isFinite(p.validationLoss())) {
        throw new IllegalArgumentException("point at step " + p.step()
            + " has a non-finite loss: " + p);
      }
      if (i > 0 && p.step() <= points.get(i - 1).step()) {
        throw new IllegalArgumentException("points must be in increasing step order: step "
            + p.step() + " after step " + points.get(i - 1).step());
      }
      if (p.validationLoss() < points.get(best).validationLoss()) {
        best = i;
      }
    }
    Integer from = gapGrowsFrom(points, rule);
    return new OverfittingView(points, points.get(best).step(),
        points.get(best).validationLoss(), from == null ? null : points.get(from).step());
  }

  /** Index of the first evaluation the rule accepts, or null. */
  private static Integer gapGrowsFrom(List<Point> points, Rule rule) {
    int n = points.size();
    int p = rule.patience();
    double t = rule.tolerance();
    // laterMin[i]: the smallest gap after evaluation i (condition 3).
    double[] laterMin = new double[n];
    laterMin[n - 1] = Double.POSITIVE_INFINITY;
    for (int i = n - 2; i >= 0; i--) {
      laterMin[i] = Math.min(laterMin[i + 1], points.get(i + 1).gap());
    }
    double bestSoFar = Double.POSITIVE_INFINITY;
    for (int i = 0; i + p < n; i++) {
      bestSoFar = Math.min(bestSoFar, points.get(i).validationLoss());
      if (!(laterMin[i] > points.get(i).gap())) {
        continue;
      }
      boolean ok = true;
      for (int k = i + 1; k <= i + p && ok; k++) {
        ok = points.get(k).gap() > points.get(k - 1).gap() + t
            && points.get(k).validationLoss() >= bestSoFar - t;
      }
      if (ok) {
        return i;
      }
    }
    return null;
  }

  /** The evaluation lines of a metrics log turned into points. */
  private static final class MetricsLog {
    private final String name;
    private final List<Point> points = new ArrayList<>();
    private long lastStepLine = Long.MIN_VALUE;
    private long lastEval = Long.MIN_VALUE;
    private double windowSum;
    private int windowCount;

    private MetricsLog(String name) {
      this.name = name;
    }

    static List<Point> read(Path file) {
      MetricsLog log = new MetricsLog(file.toString());
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        long lineNo = 0;
        InputException pending = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lineNo++;
          if (pending != null) {
            throw pending;
          }
          if (line.isBlank()) {
            continue;
          }
          JsonNode node;
          try {
            node = Json.MAPPER.readTree(line);
          } catch (JsonProcessingException e) {
            // Fatal unless it turns out to be the last line, cut short by a crash.
            pending = new InputException(log.name, lineNo, null, "not valid JSON: "
                + e.getOriginalMessage(), e);
            continue;
          }
          log.accept(node, lineNo);
        }
        if (pending != null && endsWithNewline(file)) {
          throw pending;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
      if (log.points.isEmpty()) {
        throw new InputException(log.name, 0, null, "no evaluation with a finite training and "
            + "validation loss (\"event\":\"eval\" lines): was evalEvery 0, or did the run stop "
            + "before its first evaluation?", null);
      }
      return log.points;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
      try (SeekableByteChannel c = Files.newByteChannel(file)) {
        if (c.size() == 0) {
          return true;
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        c.position(c.size() - 1).read(b);
        return b.get(0) == '\n';
      }
    }

    private void accept(JsonNode n, long lineNo) {
      if (!n.isObject()) {
        throw new InputException(name, lineNo, null, "expected a JSON object, got " + n);
      }
      JsonNode event = n.get("event");
      if (event == null || !event.isTextual()) {
        throw new InputException(name, lineNo, "event", "missing or not a string");
      }
      switch (event.asText()) {
        case "step" -> {
          long step = step(n, lineNo);
          if (step <= lastStepLine) {
            throw new InputException(name, lineNo, "step", "step " + step + " after step "
                + lastStepLine + ": steps must increase (a resumed run's log is trimmed by the "
                + "metrics listener, so this file was edited or concatenated)");
          }
          lastStepLine = step;
          double loss = number(n, "loss", lineNo, true);
          if (Double.isFinite(loss)) {
            windowSum += loss;
            windowCount++;
          }
        }
        case "eval" -> {
          long step = step(n, lineNo);
          if (step <= lastEval) {
            throw new InputException(name, lineNo, "step", "evaluation at step " + step
                + " after one at step " + lastEval + ": evaluation steps must increase");
          }
          lastEval = step;
          double val = number(n, "val_loss", lineNo, true);
          double train = number(n, "train_loss", lineNo, false);
          if (!Double.isFinite(train) && windowCount > 0) {
            train = windowSum / windowCount;
          }
          windowSum = 0;
          windowCount = 0;
          if (Double.isFinite(train) && Double.isFinite(val)) {
            points.add(new Point(step, train, val));
          }
        }
        default -> {
          // start, checkpoint, end and any later kind of line carry no loss
        }
      }
    }

    private long step(JsonNode n, long lineNo) {
      JsonNode s = n.get("step");
      if (s == null || !s.canConvertToLong() || !s.isIntegralNumber()) {
        throw new InputException(name, lineNo, "step", "missing or not an integer: " + s);
      }
      return s.asLong();
    }

    /** A loss; non-finite ones are written as strings. Absent or null: NaN unless required. */
    private double number(JsonNode n, String field, long lineNo, boolean required) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        if (required) {
          throw new InputException(name, lineNo, field, "missing");
        }
        return Double.NaN;
      }
      if (v.isNumber()) {
        return v.asDouble();
      }
      OptionalDouble nonFinite = NonFiniteNumbers.read(v);
      if (nonFinite.isPresent()) {
        return nonFinite.getAsDouble();
      }
      throw new InputException(name, lineNo, field, "not a number: " + v);
    }
  }
}
