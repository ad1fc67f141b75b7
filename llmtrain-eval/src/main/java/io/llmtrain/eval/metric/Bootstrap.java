package io.llmtrain.eval.metric;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Percentile bootstrap confidence intervals of corpus-level scores.
 *
 * <p>Each of {@code samples} resamples draws as many segment indices as there are segments,
 * uniformly with replacement, and scores the resample with {@link TextMetric#aggregate} of the
 * drawn segments' {@link TextMetric#statistics} (n-gram counts are re-summed, never re-tokenized).
 * The interval is the {@code (1 - level) / 2} and {@code (1 + level) / 2} percentiles of the
 * resampled scores with linear interpolation between order statistics (numpy's default {@code
 * percentile}); {@code mean} and {@code stdev} (n - 1 denominator) are those of the resampled
 * scores. {@link #mean(double[])} does the same for a plain per-item value (accuracy, per-document
 * loss) whose corpus value is the mean.
 *
 * <p>How this relates to the reference tools:
 *
 * <ul>
 *   <li>sacrebleu ({@code --confidence}, and the paired bootstrap test) also resamples segment
 *       indices with replacement and recomputes the score from summed sufficient statistics, 1000
 *       resamples by default, seed 12345 ({@code SACREBLEU_SEED}). It reports the resamples' mean
 *       and half the width between the sorted resampled scores at indices {@code n/40} and {@code
 *       n - n/40 - 1}, a fixed 95% level without interpolation; we report both ends instead, for
 *       any level, with numpy-style interpolation.
 *   <li>rouge-score's {@code BootstrapAggregator} resamples per-segment (precision, recall, F)
 *       triples and averages them, 1000 resamples, level 0.95, and reports {@code np.percentile}
 *       (linear) at 2.5, 50 and 97.5; our low and high are computed the same way, its {@code mid}
 *       is the median of the resamples where our {@code mean} is their mean, and its RNG is
 *       numpy's global one, unseeded.
 *   <li>Random numbers come from our own SplitMix64 generator, so intervals are identical for a
 *       seed on every JVM and platform, but do not reproduce numpy's draws digit for digit.
 * </ul>
 *
 * Immutable and thread-safe; configure with {@link #builder()}.
 */
public final class Bootstrap {
  public static final int DEFAULT_SAMPLES = 1000;
  public static final double DEFAULT_LEVEL = 0.95;
  /** sacrebleu's default seed. */
  public static final long DEFAULT_SEED = 12345L;

  private final int samples;
  private final double level;
  private final long seed;

  private Bootstrap(Builder b) {
    this.samples = b.samples;
    this.level = b.level;
    this.seed = b.seed;
  }

  public static Bootstrap defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public int samples() {
    return samples;
  }

  public double level() {
    return level;
  }

  public long seed() {
    return seed;
  }

  /** The interval of {@code metric}'s corpus score over line-aligned segments. */
  public ConfidenceInterval interval(TextMetric metric, List<String> hypotheses,
      List<List<String>> references) {
    Objects.requireNonNull(metric, "metric");
    return interval(metric, statistics(metric, hypotheses, references));
  }

  /** The interval of {@code metric}'s corpus score from its segments' statistics. */
  public ConfidenceInterval interval(TextMetric metric, List<double[]> statistics) {
    Objects.requireNonNull(metric, "metric");
    return intervals(metric, statistics, Map.of("score", Score::score)).get("score");
  }

  /**
   * Intervals of several values read from each resample's aggregated {@link Score} (for example
   * the F of each ROUGE type), from one set of resamples; keys as given, in their order.
   */
  public Map<String, ConfidenceInterval> intervals(TextMetric metric, List<double[]> statistics,
      Map<String, ToDoubleFunction<Score>> values) {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(values, "values");
    if (statistics.isEmpty()) {
      throw new IllegalArgumentException("statistics must not be empty: a corpus without "
          + "segments has no interval");
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values must name at least one value to bootstrap");
    }
    List<ToDoubleFunction<Score>> readers = new ArrayList<>(values.values());
    double[][] scores = new double[readers.size()][samples];
    SplitMix64 rng = new SplitMix64(seed);
    int n = statistics.size();
    int[] idx = new int[n];
    List<double[]> resample = new AbstractList<>() {
      @Override
      public double[] get(int i) {
        return statistics.get(idx[i]);
      }

      @Override
      public int size() {
        return n;
      }
    };
    for (int b = 0; b < samples; b++) {
      for (int i = 0; i < n; i++) {
        idx[i] = rng.nextInt(n);
      }
      Score s = metric.aggregate(resample);
      for (int v = 0; v < readers.size(); v++) {
        scores[v][b] = readers.get(v).applyAsDouble(s);
      }
    }
    Map<String, ConfidenceInterval> out = new LinkedHashMap<>();
    int v = 0;
    for (String key : values.keySet()) {
      out.put(key, summarize(scores[v++]));
    }
    return out;
  }

  /** The interval of the mean of per-item values (accuracy as 0/1, per-document loss...). */
  public ConfidenceInterval mean(double[] values) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      throw new IllegalArgumentException("values must not be empty: no items, no interval");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] must be finite, got " + values[i]);
      }
    }
    SplitMix64 rng = new SplitMix64(seed);
    int n = values.length;
    double[] means = new double[samples];
    for (int b = 0; b < samples; b++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[rng.nextInt(n)];
      }
      means[b] = sum / n;
    }
    return summarize(means);
  }

  /** Each segment's statistics, checking the corpus shape as the metrics' corpus methods do. */
  static List<double[]> statistics(TextMetric metric, List<String> hypotheses,
      List<List<String>> references) {
    BleuMetric.checkCorpus(hypotheses, references);
    List<double[]> out = new ArrayList<>(hypotheses.size());
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>(references.size());
      for (List<String> stream : references) {
        refs.add(stream.get(i));
      }
      out.add(metric.statistics(hypotheses.get(i), refs));
    }
    return out;
  }

  private ConfidenceInterval summarize(double[] scores) {
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    double alpha = (1 - level) / 2;
    double low = percentile(sorted, alpha);
    double high = percentile(sorted, 1 - alpha);
    // Shifted by the first score so that equal scores give exactly that mean and a zero stdev.
    double shift = scores[0];
    double meanShifted = 0;
    for (double s : scores) {
      meanShifted += s - shift;
    }
    meanShifted /= scores.length;
    double ss = 0;
    for (double s : scores) {
      double d = s - shift - meanShifted;
      ss += d * d;
    }
    double mean = shift + meanShifted;
    double stdev = scores.length > 1 ? Math.sqrt(ss / (scores.length - 1)) : 0.0;
    return new ConfidenceInterval(low, Math.max(low, high), mean, stdev, samples, level, seed);
  }

  /** numpy's default ("linear") percentile of sorted values, q in [0, 1]. */
  static double percentile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  @Override
  public String toString() {
    return "bootstrap{samples=" + samples + ", level=" + level + ", seed=" + seed + "}";
  }

  /**
   * SplitMix64 (Steele, Lea and Flood 2014): a tiny, fully specified generator, so a seed gives
   * the same resamples everywhere, independent of the JDK's implementation choices.
   */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long nextLong() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound): draws in the last, incomplete block of {@code bound} are redrawn. */
    int nextInt(int bound) {
      long rest = Long.remainderUnsigned(-1L, bound) + 1; // 2^64 mod bound, or bound when 0
      long accept = rest == bound ? 0 : -rest; // 2^64 - rest; 0 means every value
      while (true) {
        long r = nextLong();
        if (accept == 0 || Long.compareUnsigned(r, accept) < 0) {
          return (int) Long.remainderUnsigned(r, bound);
        }
      }
    }
  }

  /** Builds a {@link Bootstrap}; starts from 1000 samples, level 0.95, seed 12345. */
  public static final class Builder {
    private int samples = DEFAULT_SAMPLES;
    private double level = DEFAULT_LEVEL;
    private long seed = DEFAULT_SEED;

    private Builder() {
    }

    public Builder samples(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("samples must be >= 1, got " + samples);
      }
      this.samples = samples;
      return this;
    }

    public Builder level(double level) {
      if (!(level > 0 && level < 1)) {
        throw new IllegalArgumentException("level must be in (0, 1), got " + level);
      }
      this.level = level;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Bootstrap build() {
      return new Bootstrap(this);
    }
  }
}
