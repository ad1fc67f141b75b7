package io.llmtrain.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.eval.metric.BleuMetric;
import io.llmtrain.eval.metric.ChrfMetric;
import io.llmtrain.eval.metric.ConfidenceInterval;
import io.llmtrain.eval.metric.ExactMatchMetric;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluation.json round trip, the HTML's table, images and escaping. */
class EvaluationReportTest {
  @TempDir
  Path dir;

  // sacrebleu's documented example
  static final List<String> HYPS = List.of("The dog bit the man.", "It wasn't surprising.",
      "The man had just bitten him.");
  static final List<List<String>> REFS = List.of(
      List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
      List.of("The dog had bit the man.", "No one was surprised.",
          "The man had bitten the dog."));

  /** The corpus score of {@code metric} with a 95% percentile bootstrap interval. */
  static MetricResult scored(String task, TextMetric metric, int samples, long seed) {
    Score corpus = metric.corpus(HYPS, REFS);
    List<double[]> stats = new ArrayList<>();
    for (int i = 0; i < HYPS.size(); i++) {
      stats.add(metric.statistics(HYPS.get(i), List.of(REFS.get(0).get(i), REFS.get(1).get(i))));
    }
    Random rnd = new Random(seed);
    double[] scores = new double[samples];
    for (int s = 0; s < samples; s++) {
      List<double[]> sample = new ArrayList<>();
      for (int i = 0; i < stats.size(); i++) {
        sample.add(stats.get(rnd.nextInt(stats.size())));
      }
      scores[s] = metric.aggregate(sample).score();
    }
    java.util.Arrays.sort(scores);
    double mean = java.util.Arrays.stream(scores).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(scores).map(x -> (x - mean) * (x - mean))
        .sum() / (samples - 1));
    ConfidenceInterval ci = new ConfidenceInterval(scores[(int) (0.025 * samples)],
        scores[(int) (0.975 * samples) - 1], mean, sd, samples, 0.95, seed);
    return new MetricResult(task, metric.name(), corpus.score(), HYPS.size(), ci,
        corpus.details());
  }

  static EvaluationResult result() {
    List<MetricResult> metrics = new ArrayList<>();
    metrics.add(scored("sacrebleu-example", new BleuMetric(), 200, 11));
    metrics.add(scored("sacrebleu-example", new ChrfMetric(), 200, 12));
    // A second task for the same metric without an interval: one error bar, two bars.
    BleuMetric bleu = new BleuMetric();
    metrics.add(new MetricResult("first-two-lines", bleu.name(), bleu.corpus(HYPS.subList(0, 2),
        List.of(REFS.get(0).subList(0, 2), REFS.get(1).subList(0, 2))).score(), 2));
    ExactMatchMetric em = new ExactMatchMetric();
    Score exact = em.corpus(HYPS, REFS);
    metrics.add(new MetricResult("sacrebleu-example", em.name(), exact.score(), HYPS.size()));
    // No items: a mean over nothing is undefined, which the report must show, not hide.
    metrics.add(new MetricResult("empty-set", em.name(), Double.NaN, 0));
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("model_dir", "runs/nano");
    provenance.put("checkpoint", "checkpoint-000060");
    provenance.put("seed", 42L);
    provenance.put("data_sha256", Map.of("hyp.txt", "ab".repeat(32)));
    List<OverfittingView.Point> points = new ArrayList<>();
    double[] train = {3.0, 2.5, 2.2, 2.0, 1.8, 1.6, 1.4};
    double[] val = {2.9, 2.6, 2.4, 2.45, 2.5, 2.6, 2.7};
    for (int i = 0; i < train.length; i++) {
      points.add(new OverfittingView.Point(10L * (i + 1), train[i], val[i]));
    }
    OverfittingView view = OverfittingView.of(points, OverfittingView.Rule.DEFAULT);
    return new EvaluationResult("runs/nano", metrics, view, provenance);
  }

  @Test
  void jsonRoundTripsWithStableKeys() throws Exception {
    EvaluationResult r = result();
    EvaluationReport.write(r, dir);
    Path json = dir.resolve(EvaluationReport.JSON_FILE);
    EvaluationResult back = EvaluationReport.readJson(json);
    // Details come back as JSON types (whole numbers as Long, others Double): compare as JSON.
    assertThat(Json.MAPPER.writeValueAsString(EvaluationReport.toJson(back)))
        .isEqualTo(Json.MAPPER.writeValueAsString(EvaluationReport.toJson(r)));
    assertThat(back.model()).isEqualTo(r.model());
    assertThat(back.overfitting()).isEqualTo(r.overfitting());
    assertThat(back.metric("sacrebleu-example", "bleu").value())
        .isEqualTo(r.metric("sacrebleu-example", "bleu").value());
    assertThat(back.metric("sacrebleu-example", "bleu").interval())
        .isEqualTo(r.metric("sacrebleu-example", "bleu").interval());
    assertThat(back.metric("empty-set", "exact-match").value()).isNaN();
    assertThat(back.provenance()).containsEntry("seed", 42L)
        .containsEntry("checkpoint", "checkpoint-000060");

    JsonNode n = Json.MAPPER.readTree(json.toFile());
    assertThat(n.get("format").asText()).isEqualTo("llmtrain-evaluation");
    assertThat(n.get("version").asInt()).isEqualTo(1);
    JsonNode bleu = n.get("metrics").get(0);
    assertThat(bleu.fieldNames()).toIterable()
        .containsExactly("task", "metric", "value", "items", "interval", "details");
    assertThat(bleu.get("interval").fieldNames()).toIterable()
        .containsExactly("low", "high", "mean", "stdev", "samples", "level", "seed");
    assertThat(bleu.get("interval").get("low").asDouble())
        .isLessThanOrEqualTo(bleu.get("interval").get("high").asDouble());
    assertThat(n.get("metrics").get(2).get("interval").isNull()).isTrue();
    assertThat(n.get("metrics").get(4).get("value").asText()).isEqualTo("NaN");
    JsonNode of = n.get("overfitting");
    assertThat(of.get("best_step").asLong()).isEqualTo(30);
    assertThat(of.get("gap_grows_from").asLong()).isEqualTo(30);
    assertThat(of.get("points").get(0).fieldNames()).toIterable()
        .containsExactly("step", "train_loss", "validation_loss", "gap");
    // no temporary files left beside the outputs
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("evaluation.json", "evaluation.html");
    }
  }

  @Test
  void htmlHasTheTableRowsAndDecodableCharts() throws Exception {
    EvaluationResult r = result();
    EvaluationReport.write(r, dir);
    String html = Files.readString(dir.resolve(EvaluationReport.HTML_FILE),
        StandardCharsets.UTF_8);
    MetricResult bleu = r.metric("sacrebleu-example", "bleu");
    assertThat(html).contains("<td>sacrebleu-example</td><td>bleu</td><td class=\"num\">"
        + EvaluationReport.fmt(bleu.value()) + "</td>");
    assertThat(html).contains(EvaluationReport.fmt(bleu.interval().low()) + " \u2013 "
        + EvaluationReport.fmt(bleu.interval().high()) + " (95%, 200 resamples)");
    assertThat(html).contains("<td>empty-set</td><td>exact-match</td><td class=\"num\">n/a");
    assertThat(html).contains("Overfitting: from step 30", "30 (best) (gap grows)");
    assertThat(html).contains("<th>model_dir</th><td>runs/nano</td>");

    List<BufferedImage> images = images(html);
    // bleu, chrf, exact-match (the NaN bar left out, not the chart) and the overfitting chart
    assertThat(images).hasSize(4);
    for (BufferedImage img : images) {
      assertThat(img.getWidth()).isEqualTo(900);
      assertThat(img.getHeight()).isGreaterThan(200);
    }
 assertThat(html).contains("<td>first-two-lines</td><td>bleu</td>");
    assertThat(html).contains("alt=\"bleu\"", "alt=\"Training against validation loss\"");
  }

  @Test
  void manyTasksWithoutIntervalsAndNoOverfittingViewStillRender() throws Exception {
    List<MetricResult> metrics = new ArrayList<>();
    TextMetric em = new ExactMatchMetric();
    for (int t = 0; t < 45; t++) {
      List<String> hyps = HYPS.subList(0, 1 + t % 3);
      List<List<String>> refs = List.of(REFS.get(t % 2).subList(0, hyps.size()));
      metrics.add(new MetricResult("task-with-a-rather-long-name-" + t, em.name(),
          em.corpus(hyps, refs).score(), hyps.size()));
    }
    EvaluationResult r = new EvaluationResult("m", metrics, null, Map.of());
    String html = EvaluationReport.html(r);
    assertThat(html).contains("task-with-a-rather-long-name-44").doesNotContain("Overfitting");
    assertThat(html).contains("alt=\"exact-match (1 of 2)\"", "alt=\"exact-match (2 of 2)\"");
    assertThat(images(html)).hasSize(2);
    EvaluationReport.writeJson(r, dir.resolve("e.json"));
    assertThat(EvaluationReport.readJson(dir.resolve("e.json")).overfitting()).isNull();
  }

  @Test
  void errorBarsStandOnTheBarsThatHaveIntervals() throws Exception {
    // XChart pairs error bars with bars by position: the interval of the middle task must be
    // drawn on the middle bar, and nothing on the others.
    MetricResult b = scored("b-with-interval", new ChrfMetric(), 200, 3);
    List<MetricResult> ms = List.of(new MetricResult("a", "chrf", b.value() * 0.8, 3),
        b, new MetricResult("c", "chrf", b.value() * 0.6, 3));
    BufferedImage img = images(EvaluationReport.html(
        new EvaluationResult("m", ms, null, Map.of()))).get(0);
    int bar = 0x4c78a8;
    List<int[]> bars = new ArrayList<>(); // {left, right, top}
    int row = img.getHeight() - 1;
    // a row just above the x axis crosses every bar
    for (int y = img.getHeight() - 1; y > 0 && bars.isEmpty(); y--) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == bar) {
          int left = x;
          while (x < img.getWidth() && (img.getRGB(x, y) & 0xffffff) == bar) {
            x++;
          }
          bars.add(new int[] {left, x - 1, 0});
        }
      }
      row = y;
    }
    assertThat(bars).hasSize(3);
    int[] blackAbove = new int[3];
    for (int i = 0; i < 3; i++) {
      int mid = (bars.get(i)[0] + bars.get(i)[1]) / 2;
      int top = row;
      while ((img.getRGB(mid, top - 1) & 0xffffff) == bar) {
        top--;
      }
      for (int y = 45; y < top - 1; y++) {
        int rgb = img.getRGB(mid, y) & 0xffffff;
        if (((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80) {
          blackAbove[i]++;
        }
      }
    }
    assertThat(blackAbove[0]).isZero();
    assertThat(blackAbove[1]).isGreaterThan(10);
    assertThat(blackAbove[2]).isZero();
  }

  @Test
  void hostileTextIsEscaped() throws Exception {
    String task = "<script>alert('x')</script>&\"quoted\"";
    MetricResult m = new MetricResult(task, "<b>bleu</b>", 1.5, 3, null,
        Map.of("note", "</code><img src=x onerror=alert(1)>"));
    EvaluationResult r = new EvaluationResult("<model dir=\"x\">", List.of(m), null,
        Map.of("path", "a<b>&c"));
    String html = EvaluationReport.html(r);
    assertThat(html).doesNotContain("<script>", "<b>bleu", "<img src=x", "<model", "a<b>");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"
        + "&quot;quoted&quot;", "&lt;b&gt;bleu&lt;/b&gt;", "a&lt;b&gt;&amp;c",
        "&lt;img src=x onerror=alert(1)&gt;");
    // the chart's alt text too
    assertThat(html).contains("alt=\"&lt;b&gt;bleu&lt;/b&gt;\"");
    assertThat(images(html)).hasSize(1);
    // and the JSON keeps the text as it was
    EvaluationReport.writeJson(r, dir.resolve("h.json"));
    assertThat(EvaluationReport.readJson(dir.resolve("h.json")).metrics().get(0).task())
        .isEqualTo(task);
  }

  @Test
  void badJsonIsRefusedNamingFileAndField() throws Exception {
    Path notJson = Files.writeString(dir.resolve("x.json"), "{\"format\": \n\"llm");
    assertThatThrownBy(() -> EvaluationReport.readJson(notJson))
        .isInstanceOf(InputException.class).hasMessageContaining("x.json:2")
        .hasMessageContaining("not valid JSON");
    EvaluationReport.writeJson(result(), dir.resolve("ok.json"));
    String ok = Files.readString(dir.resolve("ok.json"));
    Path other = Files.writeString(dir.resolve("other.json"),
        ok.replace("llmtrain-evaluation", "something-else"));
    assertThatThrownBy(() -> EvaluationReport.readJson(other))
        .isInstanceOf(InputException.class).hasMessageContaining("other.json")
        .hasMessageContaining("'format'");
    Path badValue = Files.writeString(dir.resolve("v.json"),
        ok.replaceFirst("\"value\" : [^,]+,", "\"value\" : \"high\","));
    assertThatThrownBy(() -> EvaluationReport.readJson(badValue))
        .isInstanceOf(InputException.class).hasMessageContaining("v.json")
        .hasMessageContaining("'metrics[0].value'");
    Path badInterval = Files.writeString(dir.resolve("i.json"),
        ok.replaceFirst("\"level\" : 0.95", "\"level\" : 95"));
    assertThatThrownBy(() -> EvaluationReport.readJson(badInterval))
        .isInstanceOf(InputException.class).hasMessageContaining("'metrics[0].interval'")
        .hasMessageContaining("level");
  }

  static List<BufferedImage> images(String html) throws Exception {
    Matcher m = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"")
        .matcher(html);
    List<BufferedImage> out = new ArrayList<>();
    while (m.find()) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(
          Base64.getDecoder().decode(m.group(1))));
      assertThat(img).isNotNull();
      out.add(img);
    }
    return out;
  }
}
