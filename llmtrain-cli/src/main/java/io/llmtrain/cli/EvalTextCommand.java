package io.llmtrain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.metric.MetricProvider;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code llmtrain eval bleu|chrf|rouge}: a text metric over line-aligned files or JSONL, printing
 * the corpus score as JSON, and with {@code --per-line} one JSON line per segment first.
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

  /** The metric's registered name. */
  abstract String metric();

  /** The metric's parameters from this command's options. */
  abstract Map<String, Object> params();

  @Override
  public Integer call() throws Exception {
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
    System.out.println(json(m.corpus(hyps, refs), 0));
    return 0;
  }

  private static String json(Score s, int line) throws IOException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    if (line > 0) {
      n.put("line", line);
    }
    n.put("metric", s.metric());
    n.put("score", s.score());
    n.setAll((ObjectNode) Json.MAPPER.valueToTree(s.details()));
    return Json.MAPPER.writeValueAsString(n);
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
