package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportListenerTest {
  private static final Pattern IMG = Pattern.compile("<img alt=\"([^\"]*)\" src=\"([^\"]*)\">");

  @TempDir
  Path dir;

  private static Map<String, BufferedImage> images(String html) throws IOException {
    Map<String, BufferedImage> out = new java.util.LinkedHashMap<>();
    Matcher m = IMG.matcher(html);
    while (m.find()) {
      assertThat(m.group(2)).startsWith("data:image/png;base64,");
      byte[] png = Base64.getDecoder().decode(m.group(2).substring("data:image/png;base64,"
          .length()));
      out.put(m.group(1), ImageIO.read(new ByteArrayInputStream(png)));
    }
    return out;
  }

  private static long pixels(BufferedImage img, int rgb) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void reportIsSelfContainedWithChartsConfigAndFinalMetrics() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 40, 0, 1e12);
    // Only the final report (intermediate ones are tested below): keeps the test quick.
    HtmlReportListener l = new HtmlReportListener(null, false, 1000);
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 40);
    l.onEnd(run, 40, null);

    Path file = dir.resolve("report.html");
    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Completed at step 40 of 40");
    // Self-contained: nothing is fetched from anywhere.
    assertThat(html).doesNotContain("http://", "https://", "<link", "<script", "url(");
    assertThat(IMG.matcher(html).results().map(r -> r.group(2)))
        .allMatch(src -> src.startsWith("data:image/png;base64,"));

    Map<String, BufferedImage> images = images(html);
    assertThat(images).containsOnlyKeys("Loss", "Learning rate", "Throughput");
    BufferedImage lossChart = images.get("Loss");
    assertThat(lossChart.getWidth()).isEqualTo(900);
    assertThat(lossChart.getHeight()).isEqualTo(400);
    // The validation curve (red) and the smoothed training curve (blue) are drawn.
    assertThat(pixels(lossChart, 0xd62728)).isGreaterThan(100);
    assertThat(pixels(lossChart, 0x1f77b4)).isGreaterThan(100);

    // Configuration values, escaped as text.
    assertThat(html).contains("<tr><th>preset</th><td>nano</td></tr>")
        .contains("<tr><th>learningRate</th><td>3.0E-4</td></tr>")
        .contains("<tr><th>data</th><td>/data/shard-0.bin</td></tr>");
    // Final metrics.
    assertThat(html).contains(String.format("<td>%.4f</td>", SyntheticRun.loss(40)))
        .contains(String.format("Validation loss (step 40)</th><td>%.4f</td>",
            SyntheticRun.loss(40) + 0.1))
        .contains(String.format("<td>%.3f</td>", Math.exp(SyntheticRun.loss(40) + 0.1)))
        .contains("Best validation loss</th><td>" + String.format("%.4f",
            SyntheticRun.loss(40) + 0.1) + " at step 40")
        .contains("<td>163,840</td>")
        .contains("MFU (this session)</th><td>6.07%")
        .contains("<td>1,234,567</td>")
        .contains(dir.resolve("checkpoints/step-40").toString());
  }

  @Test
  void writtenAtEachEvaluationWhileRunningAndFailureShown() throws Exception {
    TrainingListener.Run run = SyntheticRun.run(dir, 40, 0, 0);
    HtmlReportListener l = new HtmlReportListener();
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 5);
    l.awaitWritten();
    String midway = Files.readString(dir.resolve("report.html"));
    assertThat(midway).contains("In progress: step 5 of 40");
    assertThat(images(midway)).containsKey("Loss");
    // (Outside the images: base64 can spell anything.)
    assertThat(IMG.matcher(midway).replaceAll("")).doesNotContain("MFU");
    l.onEnd(run, 7, new IllegalStateException("loss is <NaN>"));
    String failed = Files.readString(dir.resolve("report.html"));
    assertThat(failed).contains("Stopped at step 7: java.lang.IllegalStateException: loss is "
        + "&lt;NaN&gt;");
  }

  @Test
  void configurationIsEscaped() throws IOException {
    TrainingListener.Run base = SyntheticRun.run(dir, 1, 0, 0);
    TrainingListener.Run run = new TrainingListener.Run(dir, Map.of("name", "<b>x</b> & y",
        "layers", List.of(1, 2)), 10, 60, 0, 1, 0, "cpu()");
    Path out = dir.resolve("sub/r.html");
    HtmlReportListener l = new HtmlReportListener(out, false, 100);
    l.onStart(run);
    l.onEnd(run, 0, null);
    String html = Files.readString(out);
    assertThat(html).contains("&lt;b&gt;x&lt;/b&gt; &amp; y").doesNotContain("<b>x</b>")
        .contains("<td>[1,2]</td>");
    // No steps: no charts, but a valid report.
    assertThat(images(html)).isEmpty();
    assertThat(base.totalSteps()).isEqualTo(1);
  }

  @Test
  void resumedReportIncludesEarlierHistoryFromTheMetricsLog() throws IOException {
    TrainingListener.Run first = SyntheticRun.run(dir, 20, 0, 0);
    JsonlMetricsListener jsonl = new JsonlMetricsListener();
    HtmlReportListener a = new HtmlReportListener();
    List<TrainingListener> both = List.of(jsonl, a);
    both.forEach(x -> x.onStart(first));
    for (TrainingListener x : both) {
      SyntheticRun.feed(x, first, 0, 13);
    }
    both.forEach(x -> x.onEnd(first, 13, new RuntimeException("killed")));

    TrainingListener.Run resumed = SyntheticRun.run(dir, 20, 10, 0);
    JsonlMetricsListener jsonl2 = new JsonlMetricsListener();
    HtmlReportListener b = new HtmlReportListener(null, false, 1000);
    List<TrainingListener> again = new ArrayList<>(List.of(b, jsonl2));
    again.forEach(x -> x.onStart(resumed));
    for (TrainingListener x : again) {
      SyntheticRun.feed(x, resumed, 10, 20);
    }
    again.forEach(x -> x.onEnd(resumed, 20, null));

    String html = Files.readString(dir.resolve("report.html"));
    // 20 steps of 4096 tokens: 10 read back, 10 trained now; steps 11 to 13 of the first
    // session are not counted twice.
    assertThat(html).contains("<td>81,920</td>").contains("Completed at step 20 of 20")
        .contains("11 to 20 (resumed)");
  }

  @Test
  void axisCeilingIsARoundNumber() {
    assertThat(HtmlReportListener.niceCeiling(3e-4)).isCloseTo(5e-4, org.assertj.core.api
        .Assertions.within(1e-15));
    assertThat(HtmlReportListener.niceCeiling(12_345)).isEqualTo(20_000);
    assertThat(HtmlReportListener.niceCeiling(2.2)).isEqualTo(2.5);
    assertThat(HtmlReportListener.niceCeiling(100)).isEqualTo(100);
  }

  @Test
  void seriesKeepsEvenlySpacedPointsWithinCapacity() {
    Series s = new Series(8);
    for (int i = 0; i < 1000; i++) {
      s.add(i, i * 2.0);
    }
    s.add(1000, Double.NaN);
    assertThat(s.size()).isBetween(4, 8);
    double[] xs = s.xs();
    assertThat(xs[0]).isZero();
    double gap = xs[1] - xs[0];
    for (int i = 1; i < xs.length; i++) {
      assertThat(xs[i] - xs[i - 1]).isEqualTo(gap);
    }
    assertThat(xs[xs.length - 1]).isGreaterThan(1000 - 2 * gap);
    assertThat(s.ys()[3]).isEqualTo(xs[3] * 2);
  }
}
