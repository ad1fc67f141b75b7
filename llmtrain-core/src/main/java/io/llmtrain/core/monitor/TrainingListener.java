package io.llmtrain.core.monitor;

import java.nio.file.Path;
import java.util.Map;

/**
 * Observes a training run: progress bars, metric logs, TensorBoard files, reports. Called on the
 * training thread; implementations must be quick (buffer, write in the background if needed) and
 * must not throw for anything but a real failure of their own output.
 */
public interface TrainingListener {

  default void onStart(Run run) {
  }

  /** After every optimizer step (gradient accumulation done). */
  default void onStep(Step step) {
  }

  /** After each evaluation on the validation split. */
  default void onEvaluation(Evaluation evaluation) {
  }

  /** After a checkpoint has been written (atomically) to {@code directory}. */
  default void onCheckpoint(long step, Path directory) {
  }

  /** When the run ends, normally, by early stopping or by an error ({@code error} non-null). */
  default void onEnd(Run run, long lastStep, Throwable error) {
  }

  /**
   * What is being trained.
   *
   * @param peakFlops the device's peak FLOP/s for MFU, 0 when unknown
   */
  record Run(Path directory, Map<String, Object> config, long parameterCount,
      double flopsPerToken, double peakFlops, long totalSteps, long startStep, String device) {
    public Run {
      config = Map.copyOf(config);
    }
  }

  /**
   * One optimizer step.
   *
   * @param tokens tokens processed by this step (all micro-batches)
   * @param seconds wall time of this step
   */
  record Step(long step, double loss, double learningRate, double gradientNorm, long tokens,
      double seconds, double elapsedSeconds) {
    public double tokensPerSecond() {
      return seconds > 0 ? tokens / seconds : 0;
    }

    /** Model FLOPs utilisation of this step against {@code run}'s peak; 0 when unknown. */
    public double mfu(Run run) {
      return run.peakFlops() > 0 ? tokensPerSecond() * run.flopsPerToken() / run.peakFlops() : 0;
    }
  }

  /** A validation pass: mean token loss on the validation split, and the training loss then. */
  record Evaluation(long step, double trainingLoss, double validationLoss) {
    public double perplexity() {
      return Math.exp(validationLoss);
    }
  }
}
