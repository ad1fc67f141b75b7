package io.llmtrain.eval.metric;

/**
 * SQuAD exact match: 1 when the normalised hypothesis equals a normalised reference ({@link
 * SquadNormalizer}), the best over references; scores are on the script's 0-100 scale (a
 * sentence scores 0 or 100, the corpus the mean). An empty hypothesis scores 0 unless a
 * reference also normalises to the empty string, as in the SQuAD script.
 */
public final class ExactMatchMetric extends SquadMetric {
  public ExactMatchMetric() {
    super(SquadNormalizer::exactMatch);
  }

  @Override
  public String name() {
    return "exact-match";
  }
}
