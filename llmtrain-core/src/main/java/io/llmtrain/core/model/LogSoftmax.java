package io.llmtrain.core.model;

/**
 * Log-softmax of one position's logits, in double precision, and its most likely token: the one
 * place perplexity, multiple-choice log-likelihoods and token accuracy take log-probabilities from.
 * The normalizer is the log-sum-exp with the maximum subtracted first, so large logits do not
 * overflow.
 */
public final class LogSoftmax {
  private final int offset;
  private final double logNormalizer;
  private final int argmax;

  private LogSoftmax(int offset, double logNormalizer, int argmax) {
    this.offset = offset;
    this.logNormalizer = logNormalizer;
    this.argmax = argmax;
  }

  /**
   * Over {@code logits[offset, offset + vocab)}, one row of a flattened
   * {@code [positions, vocab]} array.
   */
  public static LogSoftmax of(float[] logits, int offset, int vocab) {
    double max = Double.NEGATIVE_INFINITY;
    int best = 0;
    for (int v = 0; v < vocab; v++) {
      if (logits[offset + v] > max) {
        max = logits[offset + v];
        best = v;
      }
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    return new LogSoftmax(offset, max + Math.log(sum), best);
  }

  /** log p(token) in nats; {@code logits} is the array this row was read from. */
  public double logProbability(float[] logits, int token) {
    return logits[offset + token] - logNormalizer;
  }

  /** The most likely token, the lowest id on a tie. */
  public int argmax() {
    return argmax;
  }
}
