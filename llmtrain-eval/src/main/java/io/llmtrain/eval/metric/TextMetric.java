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
}
