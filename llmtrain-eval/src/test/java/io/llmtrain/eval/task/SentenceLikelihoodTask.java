package io.llmtrain.eval.task;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.lm.PerplexityEvaluation;
import io.llmtrain.eval.report.MetricResult;
import java.util.List;
import java.util.Map;

/**
 * A user's own task as a plugin: this class plus one line in the test resources' {@code
 * META-INF/services/io.llmtrain.eval.task.ModelTaskProvider}. Scores one sentence given as a
 * parameter.
 */
public final class SentenceLikelihoodTask implements ModelTask {
  private final String text;

  SentenceLikelihoodTask(String text) {
    this.text = text;
  }

  @Override
  public String task() {
    return "sentence";
  }

  @Override
  public List<MetricResult> evaluate(TaskContext context) {
    PerplexityEvaluation.Result r = PerplexityEvaluation.evaluate(context.model(),
        List.of(text));
    context.provenance("sentence", text);
    return List.of(new MetricResult(task(), "loss", r.loss(), 1, null,
        Map.of("tokens", r.tokens())));
  }

  /** Registers {@code sentence-likelihood}. */
  public static final class Provider implements ModelTaskProvider {
    @Override
    public String name() {
      return "sentence-likelihood";
    }

    @Override
    public String description() {
      return "Loss of one sentence (a test plugin)";
    }

    @Override
    public ModelTask create(StageSpec spec) {
      Params p = Params.of(spec);
      String text = p.getString("text", "The ferry crosses the bay.");
      p.finish();
      return new SentenceLikelihoodTask(text);
    }
  }
}
