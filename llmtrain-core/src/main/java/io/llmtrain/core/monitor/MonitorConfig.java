package io.llmtrain.core.monitor;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which of the standard listeners a training run gets, and how often they write. Defaults: the
 * console shows a bar on a terminal and a line every 10 steps otherwise; {@code metrics.jsonl},
 * TensorBoard event files and {@code report.html} are written in the run directory, with a step
 * record every step, flushed every 10; the device's peak FLOP/s is estimated ({@code peakFlops} 0)
 * unless given.
 *
 * <p>Immutable; parameters (camelCase): {@code console} (auto, bar, lines, quiet, off), {@code
 * logEvery}, {@code metricsEvery}, {@code flushEvery}, {@code jsonl}, {@code tensorboard}, {@code
 * htmlReport}, {@code reportAtEachEvaluation}, {@code peakFlops}.
 */
public final class MonitorConfig {

  /** What the console shows. */
  public enum Console {
    /** A bar on a terminal, otherwise a line every {@code logEvery} steps. */
    AUTO,
    BAR,
    LINES,
    /** No per-step output: evaluations, checkpoints and the final line only. */
    QUIET,
    /** Nothing at all. */
    OFF;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Console parse(String s) {
      for (Console c : values()) {
        if (c.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
      throw new ConfigException("'console' must be one of auto, bar, lines, quiet, off; got '" + s
          + "'");
    }
  }

  private final Console console;
  private final int logEvery;
  private final int metricsEvery;
  private final int flushEvery;
  private final boolean jsonl;
  private final boolean tensorboard;
  private final boolean htmlReport;
  private final boolean reportAtEachEvaluation;
  private final double peakFlops;

  private MonitorConfig(Builder b) {
    console = b.console;
    logEvery = b.logEvery;
    metricsEvery = b.metricsEvery;
    flushEvery = b.flushEvery;
    jsonl = b.jsonl;
    tensorboard = b.tensorboard;
    htmlReport = b.htmlReport;
    reportAtEachEvaluation = b.reportAtEachEvaluation;
    peakFlops = b.peakFlops;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static MonitorConfig defaults() {
    return builder().build();
  }

  /** Reads a configuration; unknown keys are refused. */
  public static MonitorConfig fromParams(Params p) {
    MonitorConfig d = defaults();
    MonitorConfig c = builder()
        .console(Console.parse(p.getString("console", d.console.label())))
        .logEvery(p.getInt("logEvery", d.logEvery, 1, Integer.MAX_VALUE))
        .metricsEvery(p.getInt("metricsEvery", d.metricsEvery, 1, Integer.MAX_VALUE))
        .flushEvery(p.getInt("flushEvery", d.flushEvery, 1, Integer.MAX_VALUE))
        .jsonl(p.getBoolean("jsonl", d.jsonl))
        .tensorboard(p.getBoolean("tensorboard", d.tensorboard))
        .htmlReport(p.getBoolean("htmlReport", d.htmlReport))
        .reportAtEachEvaluation(p.getBoolean("reportAtEachEvaluation",
            d.reportAtEachEvaluation))
        .peakFlops(p.getDouble("peakFlops", d.peakFlops, 0, Double.MAX_VALUE))
        .build();
    p.finish();
    return c;
  }

  /** The parameters {@link #fromParams} reads back to an equal configuration. */
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("console", console.label());
    m.put("logEvery", logEvery);
    m.put("metricsEvery", metricsEvery);
    m.put("flushEvery", flushEvery);
    m.put("jsonl", jsonl);
    m.put("tensorboard", tensorboard);
    m.put("htmlReport", htmlReport);
    m.put("reportAtEachEvaluation", reportAtEachEvaluation);
    m.put("peakFlops", peakFlops);
    return m;
  }

  /**
   * The configured listeners, new ones for each run (listeners hold one run's state). Files go to
   * the run's directory.
   */
  public List<TrainingListener> listeners() {
    List<TrainingListener> out = new ArrayList<>();
    // On resume the report reads metrics.jsonl up to the resume step, exactly what the metrics
    // listener keeps when it trims the file, so their order does not matter.
    if (htmlReport) {
      out.add(new HtmlReportListener(null, reportAtEachEvaluation, 1000));
    }
    if (jsonl) {
      out.add(new JsonlMetricsListener(null, metricsEvery, flushEvery));
    }
    if (tensorboard) {
      out.add(new TensorBoardListener(null, metricsEvery, flushEvery));
    }
    switch (console) {
      case AUTO -> out.add(ConsoleProgressListener.auto(false, logEvery));
      case BAR -> out.add(new ConsoleProgressListener(System.err,
          ConsoleProgressListener.Style.BAR, logEvery));
      case LINES -> out.add(new ConsoleProgressListener(System.err,
          ConsoleProgressListener.Style.LINES, logEvery));
      case QUIET -> out.add(new ConsoleProgressListener(System.err,
          ConsoleProgressListener.Style.QUIET, logEvery));
      case OFF -> {
      }
    }
    return out;
  }

  public Console console() {
    return console;
  }

  public int logEvery() {
    return logEvery;
  }

  public int metricsEvery() {
    return metricsEvery;
  }

  public int flushEvery() {
    return flushEvery;
  }

  public boolean jsonl() {
    return jsonl;
  }

  public boolean tensorboard() {
    return tensorboard;
  }

  public boolean htmlReport() {
    return htmlReport;
  }

  public boolean reportAtEachEvaluation() {
    return reportAtEachEvaluation;
  }

  /** A configured peak FLOP/s for MFU (all devices together); 0 to estimate it. */
  public double peakFlops() {
    return peakFlops;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitorConfig c && params().equals(c.params());
  }

  @Override
  public int hashCode() {
    return Objects.hash(params());
  }

  @Override
  public String toString() {
    return "MonitorConfig" + params();
  }

  /** Builds a {@link MonitorConfig}; each setter checks its value and names the field. */
  public static final class Builder {
    private Console console = Console.AUTO;
    private int logEvery = 10;
    private int metricsEvery = 1;
    private int flushEvery = 10;
    private boolean jsonl = true;
    private boolean tensorboard = true;
    private boolean htmlReport = true;
    private boolean reportAtEachEvaluation = true;
    private double peakFlops;

    private Builder() {
    }

    public Builder console(Console v) {
      console = Objects.requireNonNull(v, "console");
      return this;
    }

    public Builder logEvery(int v) {
      logEvery = positive("logEvery", v);
      return this;
    }

    public Builder metricsEvery(int v) {
      metricsEvery = positive("metricsEvery", v);
      return this;
    }

    public Builder flushEvery(int v) {
      flushEvery = positive("flushEvery", v);
      return this;
    }

    public Builder jsonl(boolean v) {
      jsonl = v;
      return this;
    }

    public Builder tensorboard(boolean v) {
      tensorboard = v;
      return this;
    }

    public Builder htmlReport(boolean v) {
      htmlReport = v;
      return this;
    }

    public Builder reportAtEachEvaluation(boolean v) {
      reportAtEachEvaluation = v;
      return this;
    }

    public Builder peakFlops(double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new ConfigException("'peakFlops' must be a finite number >= 0 (0: estimate), got "
            + v);
      }
      peakFlops = v;
      return this;
    }

    private static int positive(String field, int v) {
      if (v < 1) {
        throw new ConfigException("'" + field + "' must be at least 1, got " + v);
      }
      return v;
    }

    public MonitorConfig build() {
      return new MonitorConfig(this);
    }
  }
}
