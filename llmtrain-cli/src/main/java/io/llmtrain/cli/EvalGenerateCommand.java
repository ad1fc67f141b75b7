package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.lm.GenerationEvaluation;
import io.llmtrain.eval.metric.Score;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llmtrain eval generate}: generate from prompts, then score with text metrics. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Continue each prompt with the model, then score the continuations against "
        + "the references with text metrics; prints JSON with each metric's corpus score.")
final class EvalGenerateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN_DIR_OR_HF_DIR",
      description = "A pretraining run directory or a Hugging Face model directory.")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "JSONL lines with \"prompt\" and \"refs\" (a list of strings) or \"ref\".")
  Path data;

  @Option(names = "--metric", required = true, paramLabel = "NAME",
      description = "A text metric (bleu, chrf, rouge, exact-match, f1...); repeat for several.")
  List<String> metrics;

  @Mixin SamplingOptions sampling;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "Item i samples with seed S + i.")
  long seed;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Also write JSONL lines with prompt, hyp and refs (the input of eval bleu "
          + "--jsonl).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (new LinkedHashSet<>(metrics).size() != metrics.size()) {
      throw new ConfigException("--metric names a metric twice: " + metrics);
    }
    List<GenerationEvaluation.Item> items = GenerationEvaluation.read(data);
    GenerationConfig config = sampling.builder().seed(seed).build();
    var textMetrics = GenerationEvaluation.metrics(metrics);
    try (EvalModel m = EvalModel.load(model)) {
      GenerationEvaluation.Result r = GenerationEvaluation.evaluate(m, items, config,
          textMetrics);
      if (output != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < items.size(); i++) {
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("prompt", items.get(i).prompt());
          line.put("hyp", r.hypotheses().get(i));
          line.put("refs", items.get(i).references());
          bytes.write(Json.MAPPER.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
          bytes.write('\n');
        }
        AtomicOutput.write(output, bytes.toByteArray());
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("items", items.size());
      Map<String, Object> details = new LinkedHashMap<>();
      for (Score s : r.scores()) {
        json.put(s.metric(), s.score());
        details.put(s.metric(), s.details());
      }
      json.put("details", details);
      json.put("generation", config.params());
      System.out.println(Json.MAPPER.writeValueAsString(json));
    }
    return 0;
  }
}
