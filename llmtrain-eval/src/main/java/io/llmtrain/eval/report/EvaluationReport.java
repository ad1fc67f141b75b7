package io.llmtrain.eval.report;

import static io.llmtrain.core.io.Html.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.Version;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Html;
import io.llmtrain.core.io.Json;
import io.llmtrain.eval.metric.ConfidenceInterval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Writes an {@link EvaluationResult} as {@value #JSON_FILE} (for programs) and
 * {@value #HTML_FILE} (for people), and reads the JSON back.
 *
 * <p><b>JSON</b> (keys are stable snake_case; the keys inside {@code details} and
 * {@code provenance} are the caller's own):
 *
 * <pre>
 * {"format":"llmtrain-evaluation","version":1,"model":"runs/a",
 *  "metrics":[{"task":"wmt","metric":"bleu","value":27.3,"items":2000,
 *              "interval":{"low":26.1,"high":28.4,"mean":27.2,"stdev":0.6,"samples":1000,
 *                          "level":0.95,"seed":1}|null,
 *              "details":{...}}],
 *  "overfitting":{"best_step":35,"best_validation_loss":1.19,"gap_grows_from":35|null,
 *                 "points":[{"step":5,"train_loss":5.1,"validation_loss":4.9,"gap":-0.2}]}|null,
 *  "provenance":{...}}
 * </pre>
 *
 * <p>JSON has no NaN or infinity, so such numbers are written as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"} (as the training metrics log does) and read back as
 * numbers where a number belongs. {@link #readJson} returns the JSON types in {@code details} and
 * {@code provenance}: whole numbers as {@code Long}, others as {@code Double}, objects as ordered
 * maps, arrays as lists.
 *
 * <p><b>HTML</b>: one self-contained file (charts embedded as base64 PNG, drawn with XChart,
 * nothing fetched): the metrics table (task, metric, value, confidence interval, items, details),
 * a bar chart per metric name over the tasks with the intervals as error bars, the overfitting
 * chart and table when the result has a view, and the provenance. Every piece of text is
 * escaped; a value that is not a finite number is shown as "n/a" and left out of the charts. If
 * the charts cannot be drawn (a JVM without fonts), the report says why and keeps the tables.
 *
 * <p>Both files are written atomically ({@link AtomicOutput}): a reader never sees half a file.
 */
public final class EvaluationReport {
  /** The JSON file's name in an output directory. */
  public static final String JSON_FILE = "evaluation.json";
  /** The HTML file's name in an output directory. */
  public static final String HTML_FILE = "evaluation.html";
  /** The value of the JSON's {@code format} key. */
  public static final String FORMAT = "llmtrain-evaluation";
  /** The JSON layout's version. */
  public static final int VERSION = 1;

  private EvaluationReport() {
  }

  /** Writes {@value #JSON_FILE} and {@value #HTML_FILE} into {@code directory}. */
  public static void write(EvaluationResult result, Path directory) {
    writeJson(result, directory.resolve(JSON_FILE));
    writeHtml(result, directory.resolve(HTML_FILE));
  }

  /** Writes the JSON to {@code file}, atomically. */
  public static void writeJson(EvaluationResult result, Path file) {
    try {
      byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(toJson(result));
      AtomicOutput.write(file, bytes, new byte[] {'\n'});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation " + file, e);
    }
  }

  /** Writes the HTML report to {@code file}, atomically. */
  public static void writeHtml(EvaluationResult result, Path file) {
    try {
      AtomicOutput.write(file, html(result).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the evaluation report " + file, e);
    }
  }

  // ---------------------------------------------------------------- JSON

  /** The result as the JSON tree that {@link #writeJson} writes. */
  public static ObjectNode toJson(EvaluationResult result) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("version", VERSION);
    o.put("model", result.model());
    ArrayNode metrics = o.putArray("metrics");
    for (MetricResult m : result.metrics()) {
      ObjectNode n = metrics.addObject();
      n.put("task", m.task());
      n.put("metric", m.metric());
      number(n, "value", m.value());
      n.put("items", m.items());
      ConfidenceInterval ci = m.interval();
      if (ci == null) {
        n.putNull("interval");
      } else {
        ObjectNode i = n.putObject("interval");
        number(i, "low", ci.low());
        number(i, "high", ci.high());
        number(i, "mean", ci.mean());
        number(i, "stdev", ci.stdev());
        i.put("samples", ci.samples());
        i.put("level", ci.level());
        i.put("seed", ci.seed());
      }
      n.set("details", tree(m.details()));
    }
    if (result.overfitting() == null) {
      o.putNull("overfitting");
    } else {
      o.set("overfitting", toJson(result.overfitting()));
    }
    o.set("provenance", tree(result.provenance()));
    return o;
  }

  /** An overfitting view as JSON: best step and loss, gap_grows_from (or null), the points. */
  public static ObjectNode toJson(OverfittingView v) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("best_step", v.bestStep());
    number(o, "best_validation_loss", v.bestValidationLoss());
    if (v.gapGrowsFrom() == null) {
      o.putNull("gap_grows_from");
    } else {
      o.put("gap_grows_from", v.gapGrowsFrom().longValue());
    }
    ArrayNode points = o.putArray("points");
    for (OverfittingView.Point p : v.points()) {
      ObjectNode n = points.addObject();
      n.put("step", p.step());
      number(n, "train_loss", p.trainLoss());
      number(n, "validation_loss", p.validationLoss());
      number(n, "gap", p.gap());
    }
    return o;
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.put(key, Double.toString(v));
    }
  }

  /**
   * Details and provenance as JSON. Doubles stay doubles: the shared mapper's big-decimal reading
   * would turn 50.0 into 5E+1 on the way through a tree.
   */
  private static final ObjectMapper TREES = Json.MAPPER.copy()
      .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static JsonNode tree(Object value) {
    try {
      return TREES.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + value, e);
    }
  }

  /**
   * Reads a file written by {@link #writeJson}.
   *
   * @throws InputException naming the file and the field when it is not such a file
   */
  public static EvaluationResult readJson(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new InputException(name, line, null, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(name, "cannot read: " + e, e);
    }
    return new Reader(name).result(root);
  }

  /** Turns the JSON tree back into records, naming the field of anything amiss. */
  private record Reader(String name) {
    EvaluationResult result(JsonNode root) {
      if (root == null || !root.isObject()) {
        throw bad(null, "expected a JSON object");
      }
      if (!FORMAT.equals(root.path("format").asText())) {
        throw bad("format", "expected \"" + FORMAT + "\", got " + root.get("format")
            + ": not an evaluation written by llmtrain");
      }
      int version = root.path("version").asInt(-1);
      if (version != VERSION) {
        throw bad("version", "unsupported version " + root.get("version") + " (this llmtrain "
            + "reads version " + VERSION + ")");
      }
      String model = text(root, "model", "model");
      JsonNode ms = root.get("metrics");
      if (ms == null || !ms.isArray()) {
        throw bad("metrics", "missing or not an array");
      }
      List<MetricResult> metrics = new ArrayList<>();
      for (int i = 0; i < ms.size(); i++) {
        metrics.add(metric(ms.get(i), "metrics[" + i + "]"));
      }
      JsonNode ov = root.get("overfitting");
      OverfittingView view = ov == null || ov.isNull() ? null : overfitting(ov);
      return new EvaluationResult(model, metrics, view, map(root.get("provenance"),
          "provenance"));
    }

    private MetricResult metric(JsonNode n, String at) {
      if (!n.isObject()) {
        throw bad(at, "expected an object");
      }
      JsonNode ci = n.get("interval");
      ConfidenceInterval interval = null;
      if (ci != null && !ci.isNull()) {
        String p = at + ".interval";
        try {
          interval = new ConfidenceInterval(number(ci, "low", p), number(ci, "high", p),
              number(ci, "mean", p), number(ci, "stdev", p),
              (int) integer(ci, "samples", p), number(ci, "level", p), integer(ci, "seed", p));
        } catch (IllegalArgumentException e) {
          throw bad(p, e.getMessage());
        }
      }
      return new MetricResult(text(n, "task", at + ".task"), text(n, "metric", at + ".metric"),
          number(n, "value", at), integer(n, "items", at), interval,
          map(n.get("details"), at + ".details"));
    }

    private OverfittingView overfitting(JsonNode n) {
      String at = "overfitting";
      JsonNode ps = n.get("points");
      if (ps == null || !ps.isArray()) {
        throw bad(at + ".points", "missing or not an array");
      }
      List<OverfittingView.Point> points = new ArrayList<>();
      for (int i = 0; i < ps.size(); i++) {
        String p = at + ".points[" + i + "]";
        points.add(new OverfittingView.Point(integer(ps.get(i), "step", p),
            number(ps.get(i), "train_loss", p), number(ps.get(i), "validation_loss", p)));
      }
      JsonNode from = n.get("gap_grows_from");
      Long gapGrowsFrom = null;
      if (from != null && !from.isNull()) {
        gapGrowsFrom = integer(n, "gap_grows_from", at);
      }
      return new OverfittingView(points, integer(n, "best_step", at),
          number(n, "best_validation_loss", at), gapGrowsFrom);
    }

    private String text(JsonNode n, String key, String at) {
      JsonNode v = n.get(key);
      if (v == null || !v.isTextual()) {
        throw bad(at, "missing or not a string");
      }
      return v.asText();
    }

    private long integer(JsonNode n, String key, String at) {
      JsonNode v = n.get(key);
      if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
        throw bad(at + "." + key, "missing or not an integer: " + v);
      }
      return v.asLong();
    }

    private double number(JsonNode n, String key, String at) {
      JsonNode v = n.get(key);
      if (v != null && v.isNumber()) {
        return v.asDouble();
      }
      OptionalDouble nonFinite = NonFiniteNumbers.read(v);
      if (nonFinite.isPresent()) {
        return nonFinite.getAsDouble();
      }
      throw bad(at + "." + key, "missing or not a number: " + v);
    }

    private Map<String, Object> map(JsonNode n, String at) {
      if (n == null || n.isNull()) {
        return Map.of();
      }
      if (!n.isObject()) {
        throw bad(at, "expected an object, got " + n);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) plain(n);
      return m;
    }

    private InputException bad(String field, String problem) {
      return new InputException(name, 0, field, problem);
    }
  }

  /** A JSON tree as plain Java values (see the class comment for the types). */
  private static Object plain(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), plain(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>(n.size());
      n.forEach(x -> l.add(plain(x)));
      return l;
    }
    if (n.isIntegralNumber() && n.canConvertToLong()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNull()) {
      return null;
    }
    return n.asText();
  }

  // ---------------------------------------------------------------- HTML

  /** The HTML report as text. */
  public static String html(EvaluationResult result) {
    Objects.requireNonNull(result, "result");
    StringBuilder h = new StringBuilder(1 << 16);
    String title = "llmtrain evaluation: " + result.model();
    Html.startPage(h, title, "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
        + "td code{font-size:.85em;word-break:break-all}\n"
        + "tr.best td{background:#eef6ee}tr.grows td{background:#fdf3e1}\n"
        + ".failed{color:#b00020}\n");

    List<String> chartFailures = new ArrayList<>();
    h.append("<h2>Metrics</h2>\n");
    if (result.metrics().isEmpty()) {
      h.append("<p>No metrics.</p>\n");
    } else {
      metricsTable(h, result.metrics());
      for (ReportCharts.Chart c : ReportCharts.metricCharts(result.metrics())) {
        image(h, c, chartFailures);
      }
    }

    OverfittingView v = result.overfitting();
    if (v != null) {
      h.append("<h2>Training against validation loss</h2>\n<p>");
      h.append("Lowest validation loss ").append(escape(fmt(v.bestValidationLoss())))
          .append(" at step ").append(v.bestStep()).append(". ");
      if (v.gapGrowsFrom() == null) {
        h.append("The gap between validation and training loss does not keep growing while "
            + "validation stalls: no sign of overfitting.");
      } else {
        h.append("Overfitting: from step ").append(v.gapGrowsFrom().longValue())
            .append(" the gap keeps growing while validation loss no longer improves.");
      }
      h.append("</p>\n");
      image(h, ReportCharts.overfittingChart(v), chartFailures);
      h.append("<table>\n<tr><th>Step</th><th>Training loss</th><th>Validation loss</th>")
          .append("<th>Gap</th></tr>\n");
      for (OverfittingView.Point p : v.points()) {
        boolean best = p.step() == v.bestStep();
        boolean grows = v.gapGrowsFrom() != null && p.step() == v.gapGrowsFrom();
        h.append("<tr").append(grows ? " class=\"grows\"" : best ? " class=\"best\"" : "")
            .append("><td class=\"num\">").append(p.step())
            .append(best ? " (best)" : "").append(grows ? " (gap grows)" : "")
            .append("</td><td class=\"num\">").append(escape(fmt(p.trainLoss())))
            .append("</td><td class=\"num\">").append(escape(fmt(p.validationLoss())))
            .append("</td><td class=\"num\">").append(escape(fmt(p.gap()))).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (!chartFailures.isEmpty()) {
      h.append("<p class=\"failed\">Charts could not be drawn: ")
          .append(escape(chartFailures.get(0))).append("</p>\n");
    }

    if (!result.provenance().isEmpty()) {
      h.append("<h2>Provenance</h2>\n<table>\n");
      result.provenance().forEach((k, val) -> h.append("<tr><th>").append(escape(k))
          .append("</th><td>").append(escape(plainText(val))).append("</td></tr>\n"));
      h.append("</table>\n");
    }
    h.append("<footer>Written by llmtrain ").append(escape(Version.get()))
        .append(".</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Details longer than this are cut in the table; the JSON has them whole. */
  private static final int DETAILS_CHARS = 400;

  private static void metricsTable(StringBuilder h, List<MetricResult> metrics) {
    h.append("<table>\n<tr><th>Task</th><th>Metric</th><th>Value</th>")
        .append("<th>Confidence interval</th><th>Items</th><th>Details</th></tr>\n");
    for (MetricResult m : metrics) {
      h.append("<tr><td>").append(escape(m.task())).append("</td><td>").append(escape(m.metric()))
          .append("</td><td class=\"num\">").append(escape(fmt(m.value())))
          .append("</td><td class=\"num\">");
      ConfidenceInterval ci = m.interval();
      h.append(ci == null ? "" : escape(fmt(ci.low()) + " \u2013 " + fmt(ci.high()) + " ("
          + trim(100 * ci.level()) + "%, " + ci.samples() + " resamples)"));
      h.append("</td><td class=\"num\">").append(m.items()).append("</td><td>");
      if (!m.details().isEmpty()) {
        String d = plainText(m.details());
        if (d.length() > DETAILS_CHARS) {
          d = d.substring(0, DETAILS_CHARS) + "\u2026 (all in " + JSON_FILE + ")";
        }
        h.append("<code>").append(escape(d)).append("</code>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void image(StringBuilder h, ReportCharts.Chart c, List<String> failures) {
    if (!failures.isEmpty()) {
      return;
    }
    try {
      h.append("<img alt=\"").append(escape(c.title())).append("\" src=\"data:image/png;base64,")
          .append(c.pngBase64()).append("\">\n");
    } catch (IOException | RuntimeException | LinkageError | InternalError e) {
      // Java2D without fonts or native libraries fails here; the tables are still worth it.
      failures.add(e.toString());
    }
  }

  /** A number for people: four decimals, scientific when very large or small, "n/a" if none. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e7)) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String plainText(Object v) {
    if (v instanceof String s) {
      return s;
    }
    try {
      return Json.MAPPER.writeValueAsString(v);
    } catch (JsonProcessingException e) {
      return String.valueOf(v);
    }
  }
}
