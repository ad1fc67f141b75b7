package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.eval.pipeline.ModelEvaluation;
import io.llmtrain.eval.pipeline.ModelEvaluator;
import io.llmtrain.eval.report.EvaluationReport;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llmtrain eval report}: the pipeline's evaluation step on a model directory, with its JSON
 * and HTML report.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Evaluates a model on several tasks at once and writes evaluation.json and "
        + "evaluation.html (tables, charts, bootstrap intervals, the run's overfitting view) plus "
        + "per-item JSONL to --out; prints one JSON line per metric.")
final class EvalReportCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN_DIR_OR_HF_DIR")
  Path model;

  @Option(names = "--tokens", arity = "1..*", paramLabel = "SHARDS",
      description = "The token shards the run trained on: adds perplexity on exactly the tokens "
          + "it held out. Default: RUN_DIR/data when the run encoded its own text.")
  List<Path> tokens;

  @Option(names = "--perplexity", arity = "1..*", paramLabel = "FILE",
      description = "Held-out text (or JSONL with a text field) to score.")
  List<Path> perplexity = new ArrayList<>();

  @Option(names = "--stride", defaultValue = "0", paramLabel = "N",
      description = "Perplexity window stride (default: the model's context).")
  int stride;

  @Option(names = "--mc", arity = "1..*", paramLabel = "FILE",
      description = "Multiple-choice JSONL (context, choices, label).")
  List<Path> mc = new ArrayList<>();

  @Option(names = "--generate", arity = "1..*", paramLabel = "FILE",
      description = "Prompts JSONL (prompt, refs or ref) to continue and score with --metric.")
  List<Path> generate = new ArrayList<>();

  @Option(names = "--metric", paramLabel = "NAME",
      description = "Text metric for --generate, repeatable (default: bleu and chrf).")
  List<String> metrics = new ArrayList<>();

  @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N") int maxTokens;

  @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
      description = "Resamples for confidence intervals, 0 for none (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() throws Exception {
    List<Path> shards = tokens;
    if (shards == null && Files.isDirectory(model.resolve("data"))) {
      shards = List.of(model.resolve("data"));
    }
    ModelEvaluation.Builder b = ModelEvaluation.builder().heldOut(shards != null).stride(stride)
        .bootstrap(bootstrap).generationConfig(GenerationConfig.greedy(maxTokens));
    perplexity.forEach(b::perplexity);
    mc.forEach(b::multipleChoice);
    for (Path g : generate) {
      b.generation(g, metrics.toArray(String[]::new));
    }
    ModelEvaluation spec;
    try {
      spec = b.build();
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage() + " (give --tokens, --perplexity, --mc or "
          + "--generate)");
    }
    Files.createDirectories(out);
    TokenDataset data = shards == null ? null : TokenDataset.open(shards);
    EvaluationResult result = new ModelEvaluator(spec).evaluate(model, data, out);
    EvaluationReport.write(result, out);
    for (MetricResult m : result.metrics()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("task", m.task());
      line.put("metric", m.metric());
      line.put("value", m.value());
      line.put("items", m.items());
      m.confidenceInterval().ifPresent(ci -> line.put("ci", List.of(ci.low(), ci.high())));
      System.out.println(Json.MAPPER.writeValueAsString(line));
    }
    System.err.println("report: " + out.resolve(EvaluationReport.HTML_FILE));
    return 0;
  }
}
