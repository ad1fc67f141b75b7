package io.llmtrain.core.monitor;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress on a console stream (standard error by default, so standard output stays
 * clean for piped results).
 *
 * <ul>
 *   <li>{@link Style#BAR}: a progress bar with step/total, smoothed loss, tokens/s, MFU and ETA,
 *       redrawn in place; evaluation and checkpoint lines are printed above it.
 *   <li>{@link Style#LINES}: one line every {@code logEvery} steps with the same figures, for log
 *       files and CI, where a redrawn bar would be a mess of carriage returns.
 *   <li>{@link Style#QUIET}: no per-step output; only evaluations, checkpoints and the final line.
 * </ul>
 *
 * <p>{@link #auto} picks the bar on a terminal and lines (or quiet) otherwise. The loss shown is an
 * exponential moving average (beta 0.9) next to the last raw value; tokens/s is over the steps
 * since the previous line (smoothed the same way for the bar); the ETA is the wall time per step
 * of this session (evaluations and checkpoints included) times the steps left, so a resumed run
 * does not count the steps it skipped.
 */
public final class ConsoleProgressListener implements TrainingListener {

  /** How progress is displayed. */
  public enum Style {
    BAR, LINES, QUIET
  }

  private final PrintStream out;
  private final Style style;
  private final int logEvery;
  private final LongSupplier nanoTime;
  private final ExponentialMovingAverage loss = new ExponentialMovingAverage(0.9);
  private final ExponentialMovingAverage tokens = new ExponentialMovingAverage(0.9);
  private final ExponentialMovingAverage seconds = new ExponentialMovingAverage(0.9);
  private final Throughput window = new Throughput();
  private volatile Run run;
  private ProgressBar bar;
  private volatile long startNanos;
  private volatile long lastStep;
  private Step last;
  private Evaluation lastEval;

  /**
   * @param out where to print (usually {@code System.err})
   * @param logEvery steps between lines in {@link Style#LINES}
   */
  public ConsoleProgressListener(PrintStream out, Style style, int logEvery) {
    this(out, style, logEvery, System::nanoTime);
  }

  ConsoleProgressListener(PrintStream out, Style style, int logEvery, LongSupplier nanoTime) {
    if (logEvery < 1) {
      throw new IllegalArgumentException("logEvery must be at least 1, got " + logEvery);
    }
    this.out = out;
    this.style = style;
    this.logEvery = logEvery;
    this.nanoTime = nanoTime;
  }

  /**
   * On standard error: a bar when the process has a terminal, otherwise a line every {@code
   * logEvery} steps, or nothing per step when {@code quietWhenNotTerminal}.
   */
  public static ConsoleProgressListener auto(boolean quietWhenNotTerminal, int logEvery) {
    Style style = isTerminal() ? Style.BAR : quietWhenNotTerminal ? Style.QUIET : Style.LINES;
    return new ConsoleProgressListener(System.err, style, logEvery);
  }

  /**
   * Whether the process talks to a terminal. Up to Java 21 {@code System.console()} is null when
   * it does not; from Java 22 it may exist anyway and {@code Console.isTerminal()} tells.
   */
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Console.isTerminal() failed", e);
    }
  }

  public Style style() {
    return style;
  }

  @Override
  public void onStart(Run r) {
    this.run = r;
    this.startNanos = nanoTime.getAsLong();
    this.lastStep = r.startStep();
    out.println(String.format(Locale.ROOT, "%s %s parameters on %s, steps %d to %d%s%s",
        r.startStep() > 0 ? "resuming:" : "training:", MetricValues.si(r.parameterCount()),
        r.device(), r.startStep() + 1, r.totalSteps(),
        r.peakFlops() > 0 ? ", peak " + MetricValues.si(r.peakFlops()) + "FLOP/s" : "",
        r.directory() != null ? ", into " + r.directory() : ""));
    if (style == Style.BAR) {
      bar = new ProgressBarBuilder()
          .setTaskName("train")
          .setInitialMax(Math.max(1, r.totalSteps()))
          .startsFrom(r.startStep(), Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setUpdateIntervalMillis(250)
          .setEtaFunction(state -> Optional.ofNullable(eta()))
          .setConsumer(new ConsoleProgressBarConsumer(out))
          .build();
    }
  }

  @Override
  public void onStep(Step s) {
    if (run == null) {
      return;
    }
    last = s;
    lastStep = s.step();
    loss.add(s.loss());
    tokens.add(s.tokens());
    seconds.add(s.seconds());
    window.add(s);
    if (bar != null) {
      bar.stepTo(Math.min(s.step(), bar.getMax()));
      double tps = seconds.value() > 0 ? tokens.value() / seconds.value() : 0;
      // Compact: the bar is cut at the terminal's width.
      bar.setExtraMessage(" " + figures(s, tps, false));
    } else if (style == Style.LINES
        && (s.step() % logEvery == 0 || s.step() == run.totalSteps())) {
      double tps = window.tokensPerSecond();
      window.reset();
      Duration eta = eta();
      out.println(String.format(Locale.ROOT, "step %d/%d | %s | elapsed %s%s", s.step(),
          run.totalSteps(), figures(s, tps, true), MetricValues.duration(s.elapsedSeconds()),
          eta != null ? " | ETA " + MetricValues.duration(eta.toSeconds()) : ""));
    }
  }

  private String figures(Step s, double tokensPerSecond, boolean detailed) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "loss %.4f", loss.count() > 0 ? loss.value()
        : s.loss()));
    if (detailed && loss.count() > 1 || !Double.isFinite(s.loss())) {
      sb.append(String.format(Locale.ROOT, " (last %.4f)", s.loss()));
    }
    if (detailed) {
      sb.append(String.format(Locale.ROOT, " | lr %.2e | grad %.3f", s.learningRate(),
          s.gradientNorm()));
    }
    sb.append(" | ").append(MetricValues.si(tokensPerSecond)).append(" tok/s");
    if (run.peakFlops() > 0) {
      sb.append(String.format(Locale.ROOT, " | MFU %.1f%%",
          100 * tokensPerSecond * run.flopsPerToken() / run.peakFlops()));
    }
    return sb.toString();
  }

  /**
   * Wall time per step in this session times the steps left; null before the first step. Also
   * called from the progress bar's refresh thread, hence the volatile fields and local copies.
   */
  private Duration eta() {
    Run r = run;
    long at = lastStep;
    long done = r == null ? 0 : at - r.startStep();
    if (done <= 0) {
      return null;
    }
    double perStep = (nanoTime.getAsLong() - startNanos) / 1e9 / done;
    return Duration.ofMillis(Math.round(perStep * (r.totalSteps() - at) * 1000));
  }

  @Override
  public void onEvaluation(Evaluation e) {
    if (run == null) {
      return;
    }
    lastEval = e;
    message(String.format(Locale.ROOT, "eval at step %d: val loss %.4f, perplexity %.2f "
        + "(train loss %.4f)", e.step(), e.validationLoss(), e.perplexity(), e.trainingLoss()));
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    if (run == null) {
      return;
    }
    message("checkpoint at step " + step + ": " + directory);
  }

  @Override
  public void onEnd(Run r, long finalStep, Throwable error) {
    if (run == null) {
      return;
    }
    if (bar != null) {
      bar.stepTo(Math.min(finalStep, bar.getMax()));
      bar.close();
      bar = null;
    }
    double elapsed = (nanoTime.getAsLong() - startNanos) / 1e9;
    StringBuilder sb = new StringBuilder();
    if (error == null) {
      sb.append("done: step ").append(finalStep).append('/').append(r.totalSteps());
    } else {
      sb.append("stopped at step ").append(finalStep).append(": ").append(error);
    }
    sb.append(" in ").append(MetricValues.duration(elapsed));
    if (last != null) {
      sb.append(String.format(Locale.ROOT, ", smoothed train loss %.4f", loss.value()));
    }
    if (lastEval != null) {
      sb.append(String.format(Locale.ROOT, ", val loss %.4f (perplexity %.2f)",
          lastEval.validationLoss(), lastEval.perplexity()));
    }
    out.println(sb);
    out.flush();
    run = null;
  }

  /** A line of its own; over the bar, the line is cleared first and the bar redraws below. */
  private void message(String line) {
    out.println(bar != null ? "\r\033[K" + line : line);
  }
}
