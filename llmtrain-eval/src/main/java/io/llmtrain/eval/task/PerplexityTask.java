package io.llmtrain.eval.task;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.lm.PerplexityEvaluation;
import io.llmtrain.eval.report.MetricResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code perplexity}: loss, perplexity, bits per byte and token accuracy on held-out text (a text
 * file as one document, or JSONL documents), each document scored on its own with a sliding
 * window ({@link PerplexityEvaluation}). Parameters: {@code data} (required), {@code stride} (0:
 * the evaluation's), {@code textField} ({@code text}).
 */
public final class PerplexityTask implements ModelTask {
  public static final String NAME = "perplexity";

  private final Path data;
  private final int stride;
  private final String textField;

  public PerplexityTask(Path data, int stride, String textField) {
    this.data = requireNonNull(data, "data");
    this.stride = stride;
    this.textField = requireNonNull(textField, "textField");
  }

  @Override
  public String task() {
    return NAME + ":" + data.getFileName();
  }

  @Override
  public List<MetricResult> evaluate(TaskContext context) throws IOException {
    context.input(data);
    int window = Math.min(stride > 0 ? stride : context.stride(),
        context.model().model().contextLength());
    PerplexityEvaluation.Result r = PerplexityEvaluation.evaluate(context.model(),
        TaskFiles.documents(data, textField), window);
    Map<String, Object> details = Map.of("tokens", r.tokens(), "bytes", r.bytes(),
        "documents", r.documents(), "stride", r.stride());
    return scores(task(), r.loss(), r.bitsPerByte(), r.tokenAccuracy(), r.documents(), details);
  }

  /** The four numbers a language-model scoring reports: loss, perplexity, bits/byte, accuracy. */
  static List<MetricResult> scores(String task, double loss, double bitsPerByte,
      double tokenAccuracy, long items, Map<String, Object> details) {
    return List.of(
        new MetricResult(task, "loss", loss, items, null, details),
        new MetricResult(task, "perplexity", Math.exp(loss), items, null, details),
        new MetricResult(task, "bits_per_byte", bitsPerByte, items, null, details),
        new MetricResult(task, "token_accuracy", tokenAccuracy, items, null, details));
  }

  /** Registers {@code perplexity}. */
  public static final class Provider implements ModelTaskProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Perplexity, bits per byte and token accuracy on held-out text (sliding window)";
    }

    @Override
    public ModelTask create(StageSpec spec) {
      Params p = Params.of(spec);
      String data = p.getString("data", null);
      int stride = p.getInt("stride", 0, 0, Integer.MAX_VALUE);
      String textField = p.getString("textField", "text");
      p.finish();
      if (data == null) {
        throw new ConfigException("task '" + NAME + "': 'data' (a text or JSONL file) is "
            + "required");
      }
      return new PerplexityTask(Path.of(data), stride, textField);
    }
  }
}
