package io.llmtrain.eval.task;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.lm.GenerationEvaluation;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import io.llmtrain.eval.report.MetricResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code generation}: continues JSONL prompts ({@code prompt}, {@code refs} or {@code ref}) with
 * the model and scores the continuations with text metrics, each with a bootstrap interval;
 * prompts, hypotheses and references go to {@code generate-FILE.items.jsonl}. Parameters: {@code
 * data} (required), {@code metrics} (bleu, chrf), {@code generationConfig} (nested; the
 * evaluation's when absent).
 */
public final class GenerationTask implements ModelTask {
  public static final String NAME = "generation";

  private final Path data;
  private final List<TextMetric> metrics;
  private final GenerationConfig config;

  /** {@code config} may be null: the evaluation's decoding is used. */
  public GenerationTask(Path data, List<TextMetric> metrics, GenerationConfig config) {
    this.data = requireNonNull(data, "data");
    this.metrics = List.copyOf(metrics);
    this.config = config;
    if (this.metrics.isEmpty()) {
      throw new ConfigException("task '" + NAME + "': name at least one text metric");
    }
  }

  @Override
  public String task() {
    return "generate:" + data.getFileName();
  }

  @Override
  public List<MetricResult> evaluate(TaskContext context) throws IOException {
    context.input(data);
    List<GenerationEvaluation.Item> items = GenerationEvaluation.read(data);
    GenerationEvaluation.Result r = GenerationEvaluation.evaluate(context.model(), items,
        config != null ? config : context.generationConfig(), metrics);
    // streams.get(k).get(i): the k-th reference of item i, as TextMetric takes them
    List<List<String>> streams = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<String> refs = items.get(i).references();
      for (int k = 0; k < refs.size(); k++) {
        if (streams.size() <= k) {
          streams.add(new ArrayList<>());
        }
        streams.get(k).add(refs.get(k));
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("prompt", items.get(i).prompt());
      row.put("hyp", r.hypotheses().get(i));
      row.put("refs", refs);
      rows.add(row);
    }
    String task = task();
    TaskFiles.writeItems(context, task, rows);
    Bootstrap b = context.bootstrap().orElse(null);
    List<MetricResult> out = new ArrayList<>();
    for (int m = 0; m < metrics.size(); m++) {
      Score score = r.scores().get(m);
      out.add(new MetricResult(task, metrics.get(m).name(), score.score(), items.size(),
          b == null ? null : b.interval(metrics.get(m), r.hypotheses(), streams),
          score.details()));
    }
    return out;
  }

  /** Registers {@code generation}. */
  public static final class Provider implements ModelTaskProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Continues prompts with the model and scores them with text metrics (bleu, chrf...)";
    }

    @Override
    public ModelTask create(StageSpec spec) {
      Params p = Params.of(spec);
      String data = p.getString("data", null);
      List<String> names = p.getList("metrics", List.of("bleu", "chrf"));
      Params gen = p.nested("generationConfig");
      boolean hasConfig = p.has("generationConfig");
      p.finish();
      GenerationConfig config = GenerationConfig.fromParams(gen);
      if (data == null) {
        throw new ConfigException("task '" + NAME + "': 'data' (a JSONL file of prompt and "
            + "refs) is required");
      }
      return new GenerationTask(Path.of(data), GenerationEvaluation.metrics(names),
          hasConfig ? config : null);
    }
  }
}
