package io.llmtrain.core.monitor;

import static io.llmtrain.core.io.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.LlmtrainException;
import io.llmtrain.core.Version;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Html;
import io.llmtrain.core.io.Json;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report.html}, one self-contained file (charts embedded as base64 PNG, styles
 * inline, nothing fetched) to open or attach anywhere: the run's status, final metrics, loss curves
 * (training loss raw and smoothed, validation loss, against step), the learning-rate schedule,
 * throughput, the configuration table and the model's figures.
 *
 * <p>Written at the end of the run and, by default, after each evaluation, so a long run has a
 * current report; each write replaces the file atomically. Drawing three charts takes a few hundred
 * milliseconds, so reports after evaluations are drawn on a background thread from a snapshot (the
 * training thread only copies at most a few thousand numbers; if the previous one is still being
 * drawn, the newer snapshot replaces any waiting one); the final report is written before {@link
 * #onEnd} returns. Charts are drawn with XChart. Memory is bounded: each curve keeps at most {@code
 * maxPoints} evenly spaced points. On a resumed run the earlier history is read back from the
 * run's {@code metrics.jsonl} (written by {@link JsonlMetricsListener}) up to the resume step, so
 * the curves cover the whole run.
 *
 * <p>If the charts cannot be drawn (a JVM without fonts, for instance), the report is still
 * written, without images and with the reason, and a warning is logged.
 */
public final class HtmlReportListener implements TrainingListener {
  private static final Logger LOG = LoggerFactory.getLogger(HtmlReportListener.class);

  /** File name used when the listener is given a run directory. */
  public static final String FILE_NAME = "report.html";

  private static final Color TRAIN_RAW = new Color(0x9ecae1);
  private static final Color TRAIN = new Color(0x1f77b4);
  private static final Color VALIDATION = new Color(0xd62728);
  private static final Color THROUGHPUT = new Color(0x2ca02c);

  private final Path file;
  private final boolean atEachEvaluation;
  private final int maxPoints;

  private Run run;
  private Series loss;
  private Series smoothedLoss;
  private Series validationLoss;
  private Series learningRate;
  private Series tokensPerSecond;
  private ExponentialMovingAverage ema;
  private Step lastStep;
  private Evaluation lastEval;
  private Evaluation bestEval;
  private long tokens;
  private long sessionTokens;
  private double seconds;
  private String lastCheckpoint;
  private Instant started;

  private ExecutorService background;
  private final AtomicReference<Snapshot> waiting = new AtomicReference<>();
  private Future<?> pending;
  private final AtomicReference<Throwable> backgroundFailure = new AtomicReference<>();

  /**
   * @param file the report; {@code null} for {@value #FILE_NAME} in the run directory
   * @param atEachEvaluation also write the report after every evaluation
   * @param maxPoints most points kept per curve
   */
  public HtmlReportListener(Path file, boolean atEachEvaluation, int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
    }
    this.file = file;
    this.atEachEvaluation = atEachEvaluation;
    this.maxPoints = maxPoints;
  }

  /**
   * {@value #FILE_NAME} in the run directory, rewritten at each evaluation, 1,000 points per curve
   * (the charts are 900 pixels wide).
   */
  public HtmlReportListener() {
    this(null, true, 1000);
  }

  /** The report's path (once the run has started). */
  public Path file() {
    return file != null || run == null ? file : run.directory().resolve(FILE_NAME);
  }

  @Override
  public void onStart(Run r) {
    run = r;
    loss = new Series(maxPoints);
    smoothedLoss = new Series(maxPoints);
    validationLoss = new Series(maxPoints);
    learningRate = new Series(maxPoints);
    tokensPerSecond = new Series(maxPoints);
    ema = new ExponentialMovingAverage(0.9);
    lastStep = null;
    lastEval = null;
    bestEval = null;
    tokens = 0;
    sessionTokens = 0;
    seconds = 0;
    lastCheckpoint = null;
    started = Instant.now();
    backgroundFailure.set(null);
    if (r.startStep() > 0 && r.directory() != null) {
      readHistory(r.directory().resolve(JsonlMetricsListener.FILE_NAME), r.startStep());
    }
  }

  /** Steps and evaluations up to {@code upTo} from an earlier session's metrics log. */
  private void readHistory(Path metrics, long upTo) {
    if (!Files.isRegularFile(metrics)) {
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(metrics, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(line);
        } catch (IOException e) {
          // A line torn by a crash; the metrics listener drops it too.
          continue;
        }
        if (n == null || n.path("step").asLong(0) > upTo) {
          continue;
        }
        long step = n.path("step").asLong();
        switch (n.path("event").asText()) {
          case "step" -> {
            double l = number(n.path("loss"));
            loss.add(step, l);
            smoothedLoss.add(step, ema.add(l));
            learningRate.add(step, number(n.path("lr")));
            tokensPerSecond.add(step, number(n.path("tokens_per_second")));
            tokens += n.path("tokens").asLong();
            lastStep = new Step(step, l, number(n.path("lr")), number(n.path("grad_norm")),
                n.path("tokens").asLong(), 0, n.path("elapsed_seconds").asDouble());
          }
          case "eval" -> eval(new Evaluation(step, number(n.path("train_loss")),
              number(n.path("val_loss"))));
          default -> {
          }
        }
      }
    } catch (IOException e) {
      // The report is still useful with this session's curves only.
      LOG.warn("cannot read the earlier metrics in {}; the report covers this session only: {}",
          metrics, e.toString());
    }
  }

  private static double number(JsonNode n) {
    // Non-finite values were written as strings ("NaN").
    if (n.isNumber()) {
      return n.asDouble();
    }
    try {
      return n.isTextual() ? Double.parseDouble(n.asText()) : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  @Override
  public void onStep(Step s) {
    if (run == null) {
      return;
    }
    lastStep = s;
    loss.add(s.step(), s.loss());
    smoothedLoss.add(s.step(), ema.add(s.loss()));
    learningRate.add(s.step(), s.learningRate());
    tokensPerSecond.add(s.step(), s.tokensPerSecond());
    tokens += s.tokens();
    sessionTokens += s.tokens();
    seconds += s.seconds();
  }

  @Override
  public void onEvaluation(Evaluation e) {
    if (run == null) {
      return;
    }
    eval(e);
    if (atEachEvaluation) {
      writeInBackground(snapshot(null, false, e.step()));
    }
  }

  private void eval(Evaluation e) {
    lastEval = e;
    validationLoss.add(e.step(), e.validationLoss());
    if (Double.isFinite(e.validationLoss())
        && (bestEval == null || e.validationLoss() < bestEval.validationLoss())) {
      bestEval = e;
    }
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    if (run != null) {
      lastCheckpoint = "step " + step + ": " + directory;
    }
  }

  @Override
  public void onEnd(Run r, long finalStep, Throwable error) {
    if (run == null) {
      return;
    }
    try {
      Snapshot last = snapshot(error, true, finalStep);
      waiting.set(null);
      awaitBackground();
      write(last);
      Throwable failed = backgroundFailure.getAndSet(null);
      if (failed != null) {
        LOG.warn("an intermediate report could not be written (the final one was): {}",
            failed.toString());
      }
    } finally {
      run = null;
    }
  }

  private void writeInBackground(Snapshot s) {
    if (background == null) {
      background = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "llmtrain-html-report");
        t.setDaemon(true);
        return t;
      });
    }
    // Only the newest snapshot matters: one waiting slot. A task is queued whenever the slot was
    // empty; one thread runs them in order, so a task that finds the slot already drained simply
    // ends, and waiting for the latest task waits for all.
    if (waiting.getAndSet(s) == null) {
      pending = background.submit(this::drain);
    }
  }

  private void drain() {
    for (Snapshot s = waiting.getAndSet(null); s != null; s = waiting.getAndSet(null)) {
      try {
        write(s);
      } catch (RuntimeException e) {
        backgroundFailure.compareAndSet(null, e);
        LOG.warn("cannot write the training report {}: {}", s.target, e.toString());
      }
    }
  }

  /** Waits until the reports queued so far are on disk (for tests). */
  void awaitWritten() throws InterruptedException, ExecutionException {
    Future<?> p = pending;
    if (p != null) {
      p.get();
    }
  }

  private void awaitBackground() {
    if (background == null) {
      return;
    }
    try {
      if (pending != null) {
        pending.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new LlmtrainException("the training report thread failed", e.getCause());
    } finally {
      background.shutdown();
      background = null;
      pending = null;
    }
  }

  /** Everything a report shows, copied so it can be drawn on another thread. */
  private record Snapshot(Path target, Run run, String error, boolean ended, long step,
      double[][] loss, double[][] smoothedLoss, double[][] validationLoss,
      double[][] learningRate, double[][] tokensPerSecond, double smoothed, Step lastStep,
      Evaluation lastEval, Evaluation bestEval, long tokens, long sessionTokens, double seconds,
      String lastCheckpoint, Instant started) {
  }

  private Snapshot snapshot(Throwable error, boolean ended, long step) {
    return new Snapshot(file(), run, error == null ? null : String.valueOf(error), ended, step,
        points(loss), points(smoothedLoss), points(validationLoss), points(learningRate),
        points(tokensPerSecond), ema.value(), lastStep, lastEval, bestEval, tokens,
        sessionTokens, seconds, lastCheckpoint, started);
  }

  private static double[][] points(Series s) {
    return new double[][] {s.xs(), s.ys()};
  }

  private static void write(Snapshot s) {
    try {
      AtomicOutput.write(s.target, html(s).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training report " + s.target, e);
    }
  }

  /** The report for the current state (for tests and callers that want the text). */
  String html(Throwable error, boolean ended, long step) {
    return html(snapshot(error, ended, step));
  }

  private static String html(Snapshot s) {
    Run run = s.run;
    StringBuilder h = new StringBuilder(1 << 16);
    String title = "llmtrain report" + (run.directory() != null
        ? ": " + run.directory().getFileName() : "");
    Html.startPage(h, title, ".ok{color:#17692f}.failed{color:#b00020}.running{color:#8a6d00}\n");
    if (!s.ended) {
      h.append("<p class=\"status running\">In progress: step ").append(s.step).append(" of ")
          .append(run.totalSteps()).append("</p>\n");
    } else if (s.error == null) {
      h.append("<p class=\"status ok\">Completed at step ").append(s.step).append(" of ")
          .append(run.totalSteps()).append("</p>\n");
    } else {
      h.append("<p class=\"status failed\">Stopped at step ").append(s.step).append(": ")
          .append(escape(s.error)).append("</p>\n");
    }

    h.append("<h2>Metrics</h2>\n<table>\n");
    if (s.lastStep != null) {
      row(h, "Training loss (last step)", fmt("%.4f", s.lastStep.loss()));
      row(h, "Training loss (smoothed)", fmt("%.4f", s.smoothed));
      row(h, "Learning rate (last step)", fmt("%.3e", s.lastStep.learningRate()));
    }
    if (s.lastEval != null) {
      row(h, "Validation loss (step " + s.lastEval.step() + ")",
          fmt("%.4f", s.lastEval.validationLoss()));
      row(h, "Validation perplexity", fmt("%.3f", s.lastEval.perplexity()));
    }
    if (s.bestEval != null) {
      row(h, "Best validation loss", fmt("%.4f", s.bestEval.validationLoss()) + " at step "
          + s.bestEval.step());
    }
    row(h, "Tokens trained", String.format(Locale.ROOT, "%,d", s.tokens));
    if (s.seconds > 0) {
      double tps = s.sessionTokens / s.seconds;
      row(h, "Tokens/s (this session)", MetricValues.si(tps));
      if (run.peakFlops() > 0) {
        row(h, "MFU (this session)", fmt("%.2f%%",
            100 * tps * run.flopsPerToken() / run.peakFlops()));
      }
    }
    if (s.lastStep != null) {
      row(h, "Elapsed", MetricValues.duration(s.lastStep.elapsedSeconds()));
    }
    h.append("</table>\n");

    h.append("<h2>Curves</h2>\n");
    String failure = null;
    for (Map.Entry<String, XYChart> c : charts(s).entrySet()) {
      try {
        byte[] png = BitmapEncoder.getBitmapBytes(c.getValue(), BitmapEncoder.BitmapFormat.PNG);
        h.append("<img alt=\"").append(escape(c.getKey())).append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
      } catch (IOException | RuntimeException | LinkageError | InternalError e) {
        // Java2D without fonts or native libraries fails here; the numbers are still worth it.
        failure = e.toString();
        LOG.warn("cannot draw the charts of {}; the report will have none", s.target, e);
        break;
      }
    }
    if (failure != null) {
      h.append("<p class=\"failed\">Charts could not be drawn: ").append(escape(failure))
          .append("</p>\n");
    }

    h.append("<h2>Configuration</h2>\n<table>\n<tr><th>Setting</th><th>Value</th></tr>\n");
    MetricValues.plainConfig(run.config()).forEach((k, v) -> row(h, k, configValue(v)));
    h.append("</table>\n");

    h.append("<h2>Model and device</h2>\n<table>\n");
    row(h, "Parameters", String.format(Locale.ROOT, "%,d", run.parameterCount()));
    rowHtml(h, "FLOPs per token (6N + 12&middot;L&middot;H&middot;Q&middot;T)",
        MetricValues.si(run.flopsPerToken()));
    row(h, "Device", run.device());
    row(h, "Peak FLOP/s", run.peakFlops() > 0 ? MetricValues.si(run.peakFlops()) : "unknown");
    row(h, "Steps", run.startStep() > 0 ? (run.startStep() + 1) + " to " + run.totalSteps()
        + " (resumed)" : "1 to " + run.totalSteps());
    if (run.directory() != null) {
      row(h, "Run directory", run.directory().toString());
    }
    if (s.lastCheckpoint != null) {
      row(h, "Last checkpoint", s.lastCheckpoint);
    }
    h.append("</table>\n");
    h.append("<footer>Written by llmtrain ").append(escape(Version.get())).append(" at ")
        .append(Instant.now()).append("; session started ").append(s.started)
        .append(".</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static Map<String, XYChart> charts(Snapshot s) {
    Map<String, XYChart> out = new java.util.LinkedHashMap<>();
    XYChart lossChart = newChart("Loss", "loss", 400);
    if (s.loss[0].length > 0) {
      line(lossChart.addSeries("training loss", s.loss[0], s.loss[1]), TRAIN_RAW, 1f);
      line(lossChart.addSeries("training loss (EMA 0.9)", s.smoothedLoss[0], s.smoothedLoss[1]),
          TRAIN, 2f);
    }
    if (s.validationLoss[0].length > 0) {
      XYSeries val = lossChart.addSeries("validation loss", s.validationLoss[0],
          s.validationLoss[1]);
      line(val, VALIDATION, 2f);
      // Markers show where evaluations happened, until there are too many to tell apart.
      if (s.validationLoss[0].length <= 60) {
        val.setMarker(SeriesMarkers.CIRCLE);
        val.setMarkerColor(VALIDATION);
      }
    }
    if (!lossChart.getSeriesMap().isEmpty()) {
      out.put("Loss", lossChart);
    }
    if (s.learningRate[0].length > 0) {
      out.put("Learning rate", single("Learning rate", "learning rate", s.learningRate, TRAIN));
    }
    if (s.tokensPerSecond[0].length > 0) {
      out.put("Throughput", single("Throughput", "tokens/s", s.tokensPerSecond, THROUGHPUT));
    }
    return out;
  }

  private static XYChart single(String title, String yTitle, double[][] points, Color color) {
    XYChart c = newChart(title, yTitle, 260);
    double last = points[1][points[1].length - 1];
    // Learning rates are small: 3.0E-4 reads better than .0003.
    if (Math.abs(last) < 0.01) {
      c.getStyler().setYAxisDecimalPattern("0.0E0");
    }
    XYSeries series = c.addSeries(yTitle, points[0], points[1]);
    line(series, color, 2f);
    if (points[0].length == 1) {
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setMarkerColor(color);
    }
    c.getStyler().setLegendVisible(false);
    c.getStyler().setYAxisMin(0.0);
    double max = 0;
    for (double y : points[1]) {
      max = Math.max(max, y);
    }
    if (max > 0) {
      c.getStyler().setYAxisMax(niceCeiling(max));
    }
    return c;
  }

  /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above {@code x > 0}. */
  static double niceCeiling(double x) {
    double p = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= x * (1 - 1e-9)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static void line(XYSeries s, Color color, float width) {
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(width));
  }

  private static XYChart newChart(String title, String yTitle, int height) {
    XYChart c = new XYChartBuilder().width(900).height(height).title(title).xAxisTitle("step")
        .yAxisTitle(yTitle).build();
    XYStyler st = c.getStyler();
    st.setLegendPosition(Styler.LegendPosition.InsideNE);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xe5e5e5));
    st.setAntiAlias(true);
    // Steps are equally spaced, and XChart then puts ticks on data values (1, 265, 529, ...);
    // anchoring the axis at step 0 gives round ticks.
    st.setXAxisMin(0.0);
    st.setXAxisTickMarkSpacingHint(90);
    st.setYAxisTickMarkSpacingHint(45);
    return c;
  }

  private static String configValue(Object v) {
    if (v instanceof Map || v instanceof List) {
      try {
        return Json.MAPPER.writeValueAsString(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return String.valueOf(v);
  }

  private static String fmt(String pattern, double v) {
    return String.format(Locale.ROOT, pattern, v);
  }

  private static void row(StringBuilder h, String key, String value) {
    rowHtml(h, escape(key), value);
  }

  /** A row whose title is already HTML. */
  private static void rowHtml(StringBuilder h, String keyHtml, String value) {
    h.append("<tr><th>").append(keyHtml).append("</th><td>").append(escape(value))
        .append("</td></tr>\n");
  }
}
