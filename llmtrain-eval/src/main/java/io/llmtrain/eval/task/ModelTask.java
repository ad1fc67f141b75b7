package io.llmtrain.eval.task;

import io.llmtrain.eval.report.MetricResult;
import java.io.IOException;
import java.util.List;

/**
 * One model-based evaluation (held-out perplexity, a multiple-choice set, a generation set, or a
 * user's own benchmark): given a loaded model, it returns its numbers as {@link MetricResult}s
 * under its {@link #task} label. Created by a {@link ModelTaskProvider} from a name and
 * parameters, or passed as an instance to {@code ModelEvaluation.Builder.task}.
 */
public interface ModelTask {

  /** The label of this task's results, e.g. {@code mc:questions.jsonl}. */
  String task();

  /** Whether it needs the token shards the model was pretrained on (see {@link TaskContext}). */
  default boolean needsTokens() {
    return false;
  }

  /** Evaluates; may write per-item files to {@link TaskContext#outputDirectory()}. */
  List<MetricResult> evaluate(TaskContext context) throws IOException;
}
