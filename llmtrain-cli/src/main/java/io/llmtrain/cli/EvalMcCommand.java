package io.llmtrain.cli;

import io.llmtrain.core.io.Json;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.lm.MultipleChoice;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval mc}: multiple-choice accuracy by log-likelihood. */
@Command(name = "mc", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Multiple-choice accuracy by log-likelihood as lm-evaluation-harness scores "
        + "it: acc (highest log-likelihood) and acc_norm (per character of the choice); prints "
        + "JSON, with --per-item one JSON line per item first.")
final class EvalMcCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN_DIR_OR_HF_DIR",
      description = "A pretraining run directory or a Hugging Face model directory.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "JSONL lines with \"context\" (a string), \"choices\" (a list of strings) and "
          + "\"label\" (the 0-based index of the right choice).")
  Path data;

  @Option(names = "--delimiter", defaultValue = " ", paramLabel = "TEXT",
      description = "Put between the context and each choice, as the harness's target_delimiter "
          + "(default: a space; \"\" joins them as they are).")
  String delimiter;

  @Option(names = "--per-item", description = "Also print one JSON line per item.")
  boolean perItem;

  @Override
  public Integer call() throws Exception {
    List<MultipleChoice.Item> items = MultipleChoice.read(data);
    try (EvalModel m = EvalModel.load(model)) {
      MultipleChoice.Result r = MultipleChoice.evaluate(m, items, delimiter);
      if (perItem) {
        for (int i = 0; i < r.items().size(); i++) {
          MultipleChoice.ItemResult ir = r.items().get(i);
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("item", i + 1);
          line.put("label", ir.label());
          line.put("prediction", ir.prediction());
          line.put("prediction_norm", ir.predictionNorm());
          line.put("loglikelihoods", ir.logLikelihoods());
          line.put("is_greedy", ir.greedy());
          System.out.println(Json.MAPPER.writeValueAsString(line));
        }
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("acc", r.acc());
      json.put("acc_norm", r.accNorm());
      json.put("items", r.items().size());
      System.out.println(Json.MAPPER.writeValueAsString(json));
    }
    return 0;
  }
}
