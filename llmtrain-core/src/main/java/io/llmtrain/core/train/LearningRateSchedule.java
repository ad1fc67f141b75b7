package io.llmtrain.core.train;

/**
 * The learning rate of each optimizer step ({@code step} counts from 0).
 *
 * <p>{@link #cosine} is nanoGPT's {@code get_lr}: a linear warm-up to the peak over
 * {@code warmupSteps} steps ({@code peak·(step+1)/(warmupSteps+1)}), then a half cosine from the
 * peak down to {@code minLr} at {@code decaySteps}, and {@code minLr} after that.
 */
public interface LearningRateSchedule {

  /** The rate for optimizer step {@code step} (0-based). */
  double learningRate(long step);

  /** The same rate at every step. */
  static LearningRateSchedule constant(double lr) {
    if (!(lr >= 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("lr must be a finite number >= 0, got " + lr);
    }
    return step -> lr;
  }

  /**
   * Warm-up then cosine decay to a floor.
   *
   * @param decaySteps the step at which the rate reaches {@code minLr} (usually the run's steps)
   */
  static LearningRateSchedule cosine(double peak, double minLr, long warmupSteps,
      long decaySteps) {
    if (!(peak >= 0) || !(minLr >= 0) || minLr > peak || warmupSteps < 0
        || decaySteps < warmupSteps) {
      throw new IllegalArgumentException("cosine schedule needs 0 <= minLr <= peak and 0 <= "
          + "warmupSteps <= decaySteps, got peak=" + peak + " minLr=" + minLr + " warmupSteps="
          + warmupSteps + " decaySteps=" + decaySteps);
    }
    return step -> {
      if (step < warmupSteps) {
        return peak * (step + 1) / (warmupSteps + 1);
      }
      if (step >= decaySteps) {
        return minLr;
      }
      double ratio = (double) (step - warmupSteps) / (decaySteps - warmupSteps);
      double coeff = 0.5 * (1.0 + Math.cos(Math.PI * ratio));
      return minLr + coeff * (peak - minLr);
    };
  }
}
