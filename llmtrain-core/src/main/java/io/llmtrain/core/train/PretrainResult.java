package io.llmtrain.core.train;

import io.llmtrain.core.monitor.TrainingListener;
import java.nio.file.Path;
import java.util.List;

/**
 * What a pretraining run did.
 *
 * @param losses the training loss of every optimizer step from step 1 (steps before a resume
 *     included, read from the checkpoint), {@code losses.get(i)} being step {@code i + 1}
 * @param evaluations every validation pass, in order (before a resume included)
 * @param finalValidationLoss the validation loss at the last step
 * @param steps optimizer steps done in all (the last step's number)
 * @param startStep the step this process started from (0, or the resumed checkpoint's)
 * @param stopReason why the loop ended
 * @param warnings overfitting and similar warnings, also logged
 * @param lastCheckpoint the newest checkpoint written, or null
 */
public record PretrainResult(List<Double> losses, List<TrainingListener.Evaluation> evaluations,
    double finalValidationLoss, long steps, long startStep, StopReason stopReason,
    List<String> warnings, Path lastCheckpoint) {

  /** Why a run ended. */
  public enum StopReason {
    /** All configured steps ran. */
    COMPLETED,
    /** Validation loss did not improve for {@code earlyStoppingPatience} evaluations. */
    EARLY_STOPPED
  }

  public PretrainResult {
    losses = List.copyOf(losses);
    evaluations = List.copyOf(evaluations);
    warnings = List.copyOf(warnings);
  }
}
