package io.llmtrain.eval.task;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.lm.MultipleChoice;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.report.MetricResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multiple-choice}: lm-evaluation-harness's log-likelihood scoring of JSONL items ({@code
 * context}, {@code choices}, {@code label}) into {@code acc} and {@code acc_norm}, with bootstrap
 * intervals over items and per-item log-likelihoods in {@code mc-FILE.items.jsonl}. Parameters:
 * {@code data} (required), {@code delimiter} (between context and choice, {@code " "}).
 */
public final class MultipleChoiceTask implements ModelTask {
  public static final String NAME = "multiple-choice";

  private final Path data;
  private final String delimiter;

  public MultipleChoiceTask(Path data, String delimiter) {
    this.data = requireNonNull(data, "data");
    this.delimiter = requireNonNull(delimiter, "delimiter");
  }

  @Override
  public String task() {
    return "mc:" + data.getFileName();
  }

  @Override
  public List<MetricResult> evaluate(TaskContext context) throws IOException {
    context.input(data);
    List<MultipleChoice.Item> items = MultipleChoice.read(data);
    MultipleChoice.Result r = MultipleChoice.evaluate(context.model(), items, delimiter);
    double[] acc = new double[r.items().size()];
    double[] accNorm = new double[r.items().size()];
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < acc.length; i++) {
      MultipleChoice.ItemResult it = r.items().get(i);
      acc[i] = it.correct() ? 1 : 0;
      accNorm[i] = it.correctNorm() ? 1 : 0;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("item", i + 1);
      row.put("label", items.get(i).label());
      row.put("prediction", it.prediction());
      row.put("prediction_norm", it.predictionNorm());
      row.put("loglikelihoods", it.logLikelihoods());
      rows.add(row);
    }
    String task = task();
    TaskFiles.writeItems(context, task, rows);
    Bootstrap b = context.bootstrap().orElse(null);
    return List.of(
        new MetricResult(task, "acc", r.acc(), acc.length, b == null ? null : b.mean(acc),
            Map.of()),
        new MetricResult(task, "acc_norm", r.accNorm(), acc.length,
            b == null ? null : b.mean(accNorm), Map.of()));
  }

  /** Registers {@code multiple-choice}. */
  public static final class Provider implements ModelTaskProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Multiple-choice log-likelihood (acc, acc_norm) as lm-evaluation-harness scores it";
    }

    @Override
    public ModelTask create(StageSpec spec) {
      Params p = Params.of(spec);
      String data = p.getString("data", null);
      String delimiter = p.getString("delimiter", MultipleChoice.DEFAULT_DELIMITER);
      p.finish();
      if (data == null) {
        throw new ConfigException("task '" + NAME + "': 'data' (a JSONL file of context, "
            + "choices, label) is required");
      }
      return new MultipleChoiceTask(Path.of(data), delimiter);
    }
  }
}
