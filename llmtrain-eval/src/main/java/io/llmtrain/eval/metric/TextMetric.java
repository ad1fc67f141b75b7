package io.llmtrain.eval.metric;

import java.util.List;

/**
 * A metric comparing generated text with references (BLEU, chrF, ROUGE, exact match, F1...).
 * Implementations are immutable and thread-safe; configuration (tokenizer, lower-casing, n-gram
 * orders...) is fixed at construction.
 */
public interface TextMetric {

  /** The registered name, e.g. {@code bleu}. */
  String name();

  /**
   * The corpus-level score of line-aligned hypotheses; {@code references.get(r).get(i)} is the
   * r-th reference of hypothesis i (every reference stream has one line per hypothesis).
   */
  Score corpus(List<String> hypotheses, List<List<String>> references);

  /** The score of one hypothesis against its references. */
  Score sentence(String hypothesis, List<String> references);

  /**
   * The sufficient statistics of one segment (n-gram match counts and lengths for BLEU and chrF,
   * precision/recall/F per type for ROUGE, the segment's score for mean-of-segments metrics), such
   * that {@code aggregate} of all segments' statistics is exactly {@link #corpus}. Bootstrap
   * resampling recombines them without re-tokenizing. The default suits metrics whose corpus score
   * is the mean of sentence scores.
   */
  default double[] statistics(String hypothesis, List<String> references) {
    return new double[] {sentence(hypothesis, references).score()};
  }

  /** The corpus score from segments' {@link #statistics}, in any order, with repeats. */
  default Score aggregate(List<double[]> statistics) {
    double sum = 0;
    for (double[] s : statistics) {
      sum += s[0];
    }
    return new Score(name(), statistics.isEmpty() ? 0 : sum / statistics.size(),
        java.util.Map.of());
  }
}
