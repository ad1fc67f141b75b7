package io.llmtrain.eval.metric;

/**
 * A bootstrap confidence interval of a corpus-level score: the {@code level} percentile interval
 * ({@code low}, {@code high}) of the score over {@code samples} resamples of the segments with
 * replacement, with the resampled scores' mean and standard deviation.
 */
public record ConfidenceInterval(double low, double high, double mean, double stdev, int samples,
    double level, long seed) {
  public ConfidenceInterval {
    if (!(low <= high)) {
      throw new IllegalArgumentException("low " + low + " > high " + high);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + samples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
  }
}
