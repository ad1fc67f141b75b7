package io.llmtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.metric.ConfidenceInterval;
import io.llmtrain.eval.metric.MetricProvider;
import io.llmtrain.eval.metric.RougeMetric;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code llmtrain eval bleu|chrf|rouge}: a text metric over line-aligned files or JSONL, printing
 * the corpus score as JSON, and with {@code --per-line} one JSON line per segment first; with
 * {@code --bootstrap N} the corpus JSON gains a {@code "ci"} bootstrap interval
 * ({@link Bootstrap}).
 */
abstract class EvalTextCommand implements Callable<Integer> {

  static final class Input {
    @Option(names = "--hyp", paramLabel = "FILE", description = "Hypotheses, one per line.")
    Path hyp;

    @Option(names = "--ref", arity = "1..*", paramLabel = "FILE",
        description = "References, line-aligned with --hyp; repeat for several references.")
    List<Path> refs;

    @Option(names = "--jsonl", paramLabel = "FILE",
        description = "JSONL lines with \"hyp\" (a string) and \"refs\" (a list of strings).")
    Path jsonl;
  }

  @ArgGroup(exclusive = false, multiplicity = "1")
  Input input;

  @Option(names = "--per-line", description = "Also print one JSON line per segment.")
  boolean perLine;

  @Option(names = "--bootstrap", defaultValue = "0", paramLabel = "N",
      description = "Add a percentile bootstrap confidence interval (\"ci\") of the corpus score "
          + "from N resamples of the segments (for ROUGE, of each type's F); 0, the default, "
          + "adds none. sacrebleu uses 1000.")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "12345", paramLabel = "S",
      description = "Seed of the bootstrap resamples (default: ${DEFAULT-VALUE}, as sacrebleu).")
  long seed;

  @Option(names = "--confidence-level", defaultValue = "0.95", paramLabel = "L",
      description = "Level of the bootstrap interval, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double confidenceLevel;

  /** The metric's registered name. */
  abstract String metric();

  /** The metric's parameters from this command's options. */
  abstract Map<String, Object> params();

  @Override
  public Integer call() throws Exception {
    Bootstrap bootstrapper = bootstrapper();
    List<String> hyps = new ArrayList<>();
    List<List<String>> refs = new ArrayList<>();
    read(hyps, refs);
    TextMetric m = Plugins.get(MetricProvider.class, metric())
        .create(StageSpec.of(metric(), params()));
    if (perLine) {
      for (int i = 0; i < hyps.size(); i++) {
        List<String> mine = new ArrayList<>();
        for (List<String> r : refs) {
          mine.add(r.get(i));
        }
        System.out.println(json(m.sentence(hyps.get(i), mine), i + 1));
      }
    }
    ObjectNode corpus = node(m.corpus(hyps, refs), 0);
    if (bootstrapper != null) {
      corpus.set("ci", Json.MAPPER.valueToTree(intervals(m, bootstrapper, hyps, refs)));
    }
    System.out.println(Json.MAPPER.writeValueAsString(corpus));
    return 0;
  }

  /** The configured bootstrap, or null without --bootstrap; bad values blame their option. */
  private Bootstrap bootstrapper() {
    if (bootstrap < 0) {
      throw new ConfigException("--bootstrap must be >= 0 (0 = no interval), got " + bootstrap);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw new ConfigException("--confidence-level must be in (0, 1), got " + confidenceLevel);
    }
    if (bootstrap == 0) {
      return null;
    }
    return Bootstrap.builder().samples(bootstrap).level(confidenceLevel).seed(seed).build();
  }

  /** The headline score's interval, or for ROUGE one per type (its F), from the same draws. */
  private static Object intervals(TextMetric m, Bootstrap b, List<String> hyps,
      List<List<String>> refs) {
    List<double[]> stats = new ArrayList<>(hyps.size());
    for (int i = 0; i < hyps.size(); i++) {
      List<String> mine = new ArrayList<>();
      for (List<String> r : refs) {
        mine.add(r.get(i));
      }
      stats.add(m.statistics(hyps.get(i), mine));
    }
    if (m instanceof RougeMetric rouge) {
      Map<String, ToDoubleFunction<Score>> values = new LinkedHashMap<>();
      for (String type : rouge.types()) {
        values.put(type, s -> ((Number) ((Map<?, ?>) s.details().get(type)).get("fmeasure"))
            .doubleValue());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      b.intervals(m, stats, values).forEach((type, ci) -> out.put(type, ciJson(ci)));
      return out;
    }
    return ciJson(b.interval(m, stats));
  }

  private static Map<String, Object> ciJson(ConfidenceInterval ci) {
    return map("low", ci.low(), "high", ci.high(), "mean", ci.mean(), "stdev", ci.stdev(),
        "samples", ci.samples(), "level", ci.level(), "seed", ci.seed());
  }

  private static String json(Score s, int line) throws IOException {
    return Json.MAPPER.writeValueAsString(node(s, line));
  }

  private static ObjectNode node(Score s, int line) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    if (line > 0) {
      n.put("line", line);
    }
    n.put("metric", s.metric());
    n.put("score", s.score());
    n.setAll((ObjectNode) Json.MAPPER.valueToTree(s.details()));
    return n;
  }

  private void read(List<String> hyps, List<List<String>> refs) throws IOException {
    if (input.jsonl != null) {
      if (input.hyp != null || input.refs != null) {
        throw new ConfigException("give either --jsonl or --hyp with --ref, not both");
      }
      List<String> lines = lines(input.jsonl);
      int width = -1;
      for (int i = 0; i < lines.size(); i++) {
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(lines.get(i));
        } catch (IOException e) {
          throw new InputException(input.jsonl.toString(), i + 1, null,
              "invalid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.path("hyp").isTextual()) {
          throw new InputException(input.jsonl.toString(), i + 1, "hyp", "missing or not a "
              + "string");
        }
        JsonNode r = n.path("refs");
        if (!r.isArray() || r.isEmpty()) {
          throw new InputException(input.jsonl.toString(), i + 1, "refs", "must be a non-empty "
              + "list of strings");
        }
        if (width < 0) {
          width = r.size();
          for (int k = 0; k < width; k++) {
            refs.add(new ArrayList<>());
          }
        } else if (r.size() != width) {
          throw new InputException(input.jsonl.toString(), i + 1, "refs", "has " + r.size()
              + " references where line 1 has " + width);
        }
        hyps.add(n.get("hyp").asText());
        for (int k = 0; k < width; k++) {
          refs.get(k).add(r.get(k).asText());
        }
      }
      return;
    }
    if (input.hyp == null || input.refs == null) {
      throw new ConfigException("give --hyp FILE and at least one --ref FILE, or --jsonl FILE");
    }
    hyps.addAll(lines(input.hyp));
    for (Path ref : input.refs) {
      List<String> r = lines(ref);
      if (r.size() != hyps.size()) {
        throw new InputException(ref.toString(), Math.min(r.size(), hyps.size()) + 1, null,
            "has " + r.size() + " lines where " + input.hyp + " has " + hyps.size());
      }
      refs.add(r);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file", null);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new InputException(file.toString(), "is empty", null);
    }
    return lines;
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }
}
