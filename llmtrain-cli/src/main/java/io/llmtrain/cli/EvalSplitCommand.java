package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.io.Json;
import io.llmtrain.eval.split.HeldOutSplit;
import io.llmtrain.eval.split.SplitConfig;
import io.llmtrain.eval.split.SplitManifest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval split}: a held-out split of JSONL documents ({@link HeldOutSplit}). */
@Command(name = "split", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Split JSONL documents into train.jsonl, test.jsonl (and validation.jsonl) "
        + "with a split.json manifest: seeded, by document, no group (duplicate texts by "
        + "default) on two sides, optionally stratified; prints the manifest's counts.")
final class EvalSplitCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description = "JSONL documents, one object per line.")
  List<Path> input;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Directory for train.jsonl, test.jsonl, validation.jsonl and split.json.")
  Path out;

  @Option(names = "--test-fraction", defaultValue = "0.1", paramLabel = "F",
      description = "Share of documents for test, in (0, 1) (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--validation-fraction", defaultValue = "0", paramLabel = "F",
      description = "Share for validation besides test (default: ${DEFAULT-VALUE}, none).")
  double validationFraction;

  @Option(names = "--stratify", paramLabel = "FIELD",
      description = "Split each value of this field in proportion (dotted paths allowed).")
  String stratify;

  @Option(names = "--group-by", paramLabel = "FIELD",
      description = "Keep documents with the same value together (e.g. id or url); default: "
          + "the hash of the normalized text, so duplicates stay together.")
  String groupBy;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Seed of the assignment (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
      description = "The text field (default: ${DEFAULT-VALUE}).")
  String textField;

  @Override
  public Integer call() throws Exception {
    SplitConfig config;
    try {
      SplitConfig.Builder b = SplitConfig.builder().seed(seed).textField(textField)
          .testFraction(testFraction).validationFraction(validationFraction);
      if (stratify != null) {
        b.stratify(stratify);
      }
      if (groupBy != null) {
        b.groupBy(groupBy);
      }
      config = b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(option(e.getMessage()));
    }
    SplitManifest m = new HeldOutSplit(config).split(input, out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("out", out.toString());
    json.put("documents", m.documents());
    json.put("groups", m.groups());
    json.put("counts", m.counts());
    if (config.stratify().isPresent()) {
      json.put("strata", m.strata());
      json.put("small_strata", m.smallStrata());
    }
    System.out.println(Json.MAPPER.writeValueAsString(json));
    return 0;
  }

  /** The builder names its parameters; the user typed options. */
  private static String option(String message) {
    return message.replace("testFraction", "--test-fraction")
        .replace("validationFraction", "--validation-fraction")
        .replace("stratify", "--stratify").replace("groupBy", "--group-by")
        .replace("textField", "--text-field");
  }
}
