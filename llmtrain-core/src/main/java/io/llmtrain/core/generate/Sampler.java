package io.llmtrain.core.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from one position's logits, in Java, with its own seeded random source:
 * greedy, or temperature then top-k then top-p sampling (see {@link GenerationConfig}). Not
 * thread-safe; one per generation.
 */
public final class Sampler {
  private final GenerationConfig config;
  private final SplittableRandom random;

  public Sampler(GenerationConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
  }

  /**
   * The next token id.
   *
   * @throws IllegalArgumentException if the logits hold NaN (a diverged model)
   */
  public int next(float[] logits) {
    if (config.greedy()) {
      return argmax(logits);
    }
    int[] kept = candidates(logits);
    double[] p = probabilities(logits, kept);
    double u = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < kept.length; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        return kept[i];
      }
    }
    return kept[kept.length - 1]; // u within rounding of 1
  }

  /** The ids sampling may return, most likely first (ties: lower id first). */
  public int[] candidates(float[] logits) {
    int[] order = sortedDescending(logits);
    if (config.topK() > 0 && config.topK() < order.length) {
      order = Arrays.copyOf(order, config.topK());
    }
    if (config.topP() < 1) {
      double[] p = probabilities(logits, order);
      double cumulative = 0;
      int keep = 0;
      while (keep < order.length) {
        cumulative += p[keep++];
        if (cumulative >= config.topP()) {
          break;
        }
      }
      order = Arrays.copyOf(order, keep);
    }
    return order;
  }

  /** Softmax of {@code logits/temperature} over {@code ids}, renormalised to sum to 1. */
  private double[] probabilities(float[] logits, int[] ids) {
    double t = config.temperature() == 0 ? 1 : config.temperature();
    double max = Double.NEGATIVE_INFINITY;
    for (int id : ids) {
      max = Math.max(max, logits[id] / t);
    }
    double[] p = new double[ids.length];
    double sum = 0;
    for (int i = 0; i < ids.length; i++) {
      p[i] = Math.exp(logits[ids[i]] / t - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  static int argmax(float[] logits) {
    int best = 0;
    for (int i = 0; i < logits.length; i++) {
      checkFinite(logits[i], i);
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Ids by descending logit in one primitive sort: (reversed sortable float bits, id) keys. */
  private static int[] sortedDescending(float[] logits) {
    long[] keys = new long[logits.length];
    for (int i = 0; i < logits.length; i++) {
      checkFinite(logits[i], i);
      int bits = Float.floatToIntBits(logits[i] + 0.0f); // -0 and 0 sort together
      int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
      keys[i] = ((long) ~sortable << 32) | i;
    }
    Arrays.sort(keys);
    int[] ids = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ids[i] = (int) keys[i];
    }
    return ids;
  }

  private static void checkFinite(float f, int id) {
    if (Float.isNaN(f)) {
      throw new IllegalArgumentException("logit of token " + id + " is NaN");
    }
  }
}
