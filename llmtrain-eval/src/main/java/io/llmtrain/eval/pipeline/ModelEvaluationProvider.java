package io.llmtrain.eval.pipeline;

import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.spi.Step;
import io.llmtrain.core.spi.StepKind;
import io.llmtrain.core.spi.StepProvider;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.eval.report.EvaluationReport;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's {@code .evaluate(ModelEvaluation...)} step {@code model}: evaluates the model of
 * the pretraining (or fine-tuning) step, writes {@code evaluation.json} and {@code
 * evaluation.html} (tables and charts) plus per-item JSONL, and hands back the typed {@link
 * EvaluationResult} ({@code report.result(EvaluationResult.class)}).
 */
public final class ModelEvaluationProvider implements StepProvider {
  @Override
  public String name() {
    return ModelEvaluation.NAME;
  }

  @Override
  public String description() {
    return "Evaluates the trained model: held-out perplexity and bits per byte, multiple choice, "
        + "generation scored with text metrics, bootstrap intervals; JSON and HTML report";
  }

  @Override
  public StepKind kind() {
    return StepKind.EVALUATE;
  }

  @Override
  public Step create(StageSpec spec) {
    ModelEvaluation e = spec instanceof ModelEvaluation m ? m
        : ModelEvaluation.fromParams(Params.of(spec));
    ModelEvaluator evaluator = new ModelEvaluator(e);
    return new Step() {
      @Override
      public Set<String> requires() {
        return evaluator.needsTokens() ? Set.of(Artifacts.MODEL, Artifacts.TOKENS)
            : Set.of(Artifacts.MODEL);
      }

      @Override
      public Set<String> produces() {
        return Set.of(Artifacts.METRICS);
      }

      @Override
      public Result run(Context context) throws Exception {
        Path out = context.outputDirectory();
        TokenDataset tokens = evaluator.needsTokens()
            ? TokenDataset.open(context.artifact(Artifacts.TOKENS)) : null;
        EvaluationResult result = evaluator.evaluate(
            context.artifact(Artifacts.MODEL), tokens, out);
        EvaluationReport.write(result, out);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (MetricResult m : result.metrics()) {
          summary.put(m.task() + "/" + m.metric(), m.value());
        }
        return new Result(Map.of(Artifacts.METRICS, out.resolve(EvaluationReport.JSON_FILE)),
            summary, result);
      }
    };
  }
}
