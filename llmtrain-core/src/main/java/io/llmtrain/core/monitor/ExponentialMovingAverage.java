package io.llmtrain.core.monitor;

/**
 * A debiased exponential moving average, for showing a noisy per-step loss as a readable trend.
 * The bias correction (divide by {@code 1 - beta^n}, as Adam does for its moments) makes the first
 * values the plain mean of what has been seen instead of being pulled toward zero. Non-finite
 * values are not averaged in (one NaN would poison every later value); {@link #value} then still
 * shows the trend, and the raw value is reported next to it.
 */
public final class ExponentialMovingAverage {
  private final double beta;
  private double biased;
  private double weight;
  private long count;

  /** @param beta weight of the past, in [0, 1): 0.9 is about the last 10 values */
  public ExponentialMovingAverage(double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
    }
    this.beta = beta;
  }

  /** Adds a value and returns the new average. */
  public double add(double x) {
    if (Double.isFinite(x)) {
      biased = beta * biased + (1 - beta) * x;
      weight = beta * weight + (1 - beta);
      count++;
    }
    return value();
  }

  /** The average so far; NaN before any finite value. */
  public double value() {
    return count == 0 ? Double.NaN : biased / weight;
  }

  /** How many finite values have been averaged. */
  public long count() {
    return count;
  }
}
