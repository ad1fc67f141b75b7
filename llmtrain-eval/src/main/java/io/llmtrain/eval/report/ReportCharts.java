package io.llmtrain.eval.report;

import io.llmtrain.eval.metric.ConfidenceInterval;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart. */
final class ReportCharts {
  private static final Color BAR = new Color(0x4c78a8);
  private static final Color TRAIN = new Color(0x1f77b4);
  private static final Color VALIDATION = new Color(0xd62728);
  private static final Color GAP = new Color(0x7f7f7f);
  private static final Color GROWS = new Color(0xff7f0e);
  /** More bars than this are split over several charts, so labels stay readable. */
  static final int BARS_PER_CHART = 30;
  private static final int LABEL_CHARS = 28;

  private ReportCharts() {
  }

  /** A chart and its title; drawn to PNG only when asked, so failures are caught by callers. */
  record Chart(String title, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    String pngBase64() throws IOException {
      return Base64.getEncoder().encodeToString(
          BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
  }

  /**
   * One bar chart per metric name, a bar per task (finite values only), the confidence
   * intervals drawn exactly as error bars from low to high where present.
   */
  static List<Chart> metricCharts(List<MetricResult> metrics) {
    Map<String, List<MetricResult>> byMetric = new LinkedHashMap<>();
    for (MetricResult m : metrics) {
      if (Double.isFinite(m.value())) {
        byMetric.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m);
      }
    }
    List<Chart> out = new ArrayList<>();
    for (Map.Entry<String, List<MetricResult>> e : byMetric.entrySet()) {
      List<MetricResult> all = e.getValue();
      int parts = (all.size() + BARS_PER_CHART - 1) / BARS_PER_CHART;
      for (int p = 0; p < parts; p++) {
        List<MetricResult> slice = all.subList(p * BARS_PER_CHART,
            Math.min(all.size(), (p + 1) * BARS_PER_CHART));
        String title = e.getKey() + (parts > 1 ? " (" + (p + 1) + " of " + parts + ")" : "");
        out.add(new Chart(title, bars(title, e.getKey(), slice)));
      }
    }
    return out;
  }

  private static CategoryChart bars(String title, String metric, List<MetricResult> ms) {
    List<String> tasks = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<Double> mids = new ArrayList<>();
    List<Double> halfWidths = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String level = null;
    for (MetricResult m : ms) {
      String task = unique(label(m.task()), seen);
      tasks.add(task);
      values.add(m.value());
      ConfidenceInterval ci = m.interval();
      if (ci != null && Double.isFinite(ci.low()) && Double.isFinite(ci.high())) {
        // XChart's error bars are symmetric; a point at the interval's middle with half its
        // width as the error draws the (possibly asymmetric) interval exactly.
        mids.add((ci.low() + ci.high()) / 2);
        halfWidths.add((ci.high() - ci.low()) / 2);
        String l = trim(100 * ci.level()) + "% interval";
        level = level == null || level.equals(l) ? l : "intervals of several levels";
      } else {
        // XChart pairs error bars with bars by position and takes no nulls here: a bar without
        // an interval gets an empty one at 0, hidden in the bar's base.
        mids.add(0.0);
        halfWidths.add(0.0);
      }
    }
    boolean rotate = tasks.size() > 6 || tasks.stream().mapToInt(String::length).sum() > 90;
    CategoryChart c = new CategoryChartBuilder().width(900).height(rotate ? 420 : 320)
        .title(level == null ? title : title + " (error bars: " + level + ")")
        .xAxisTitle("task").yAxisTitle(metric).build();
    var st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xe5e5e5));
    st.setAntiAlias(true);
    st.setOverlapped(true);
    st.setAvailableSpaceFill(0.6);
    st.setErrorBarsColor(Color.BLACK);
    st.setLegendVisible(false);
    // Category charts put ticks on data values (0.0833333333333333); round labels read better.
    st.setYAxisDecimalPattern("#,##0.###");
    if (rotate) {
      st.setXAxisLabelRotation(45);
    }
    CategorySeries bar = c.addSeries("value", tasks, values);
    bar.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
    bar.setFillColor(BAR);
    if (level != null) {
      CategorySeries ci = c.addSeries(level, tasks, mids, halfWidths);
      ci.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      ci.setMarker(SeriesMarkers.NONE);
      ci.setMarkerColor(Color.BLACK);
      ci.setLineColor(Color.BLACK);
    }
    return c;
  }

  /**
   * Long task names are cut in the middle in the chart (the table has them whole): names of a
   * suite often differ only at the end.
   */
  private static String label(String task) {
    if (task.length() <= LABEL_CHARS) {
      return task;
    }
    int head = (LABEL_CHARS - 1) / 2;
    int tail = LABEL_CHARS - 1 - head;
    return task.substring(0, head) + "\u2026" + task.substring(task.length() - tail);
  }

  /** The same label twice would draw one bar over the other. */
  private static String unique(String label, Set<String> seen) {
    String l = label;
    for (int n = 2; !seen.add(l); n++) {
      l = label + " (" + n + ")";
    }
    return l;
  }

  /** Training and validation loss and their gap against step, the two steps of note marked. */
  static Chart overfittingChart(OverfittingView v) {
    int n = v.points().size();
    double[] steps = new double[n];
    double[] train = new double[n];
    double[] val = new double[n];
    double[] gap = new double[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      OverfittingView.Point p = v.points().get(i);
      steps[i] = p.step();
      train[i] = p.trainLoss();
      val[i] = p.validationLoss();
      gap[i] = p.gap();
      lo = Math.min(lo, Math.min(Math.min(train[i], val[i]), gap[i]));
      hi = Math.max(hi, Math.max(Math.max(train[i], val[i]), gap[i]));
    }
    XYChart c = new XYChartBuilder().width(900).height(400)
        .title("Training against validation loss").xAxisTitle("step").yAxisTitle("loss")
        .build();
    var st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotGridLinesColor(new Color(0xe5e5e5));
    st.setAntiAlias(true);
    st.setLegendPosition(Styler.LegendPosition.OutsideS); // inside, it hides the curves
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setXAxisMin(0.0);
    boolean markers = n <= 60;
    line(c.addSeries("training loss", steps, train), TRAIN, 2f, markers);
    line(c.addSeries("validation loss", steps, val), VALIDATION, 2f, markers);
    XYSeries g = c.addSeries("gap (validation - training)", steps, gap);
    line(g, GAP, 1.5f, markers);
    g.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    XYSeries best = c.addSeries("best validation loss, step " + v.bestStep(),
        new double[] {v.bestStep()}, new double[] {v.bestValidationLoss()});
    best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    best.setMarker(SeriesMarkers.DIAMOND);
    best.setMarkerColor(Color.BLACK);
    if (v.gapGrowsFrom() != null) {
      double x = v.gapGrowsFrom();
      XYSeries grows = c.addSeries("gap grows from step " + v.gapGrowsFrom(),
          new double[] {x, x}, new double[] {lo, hi});
      line(grows, GROWS, 2f, false);
    }
    return new Chart("Training against validation loss", c);
  }

  private static void line(XYSeries s, Color color, float width, boolean markers) {
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(width));
    if (markers) {
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(color);
    } else {
      s.setMarker(SeriesMarkers.NONE);
    }
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
