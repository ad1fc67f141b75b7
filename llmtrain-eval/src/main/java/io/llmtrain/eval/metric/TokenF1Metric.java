package io.llmtrain.eval.metric;

/**
 * SQuAD token F1 over normalised bags of words ({@link SquadNormalizer}), the best over
 * references, on the script's 0-100 scale. As in the v1.1 script, a pair sharing no token,
 * including an empty hypothesis, scores 0.
 */
public final class TokenF1Metric extends SquadMetric {
  public TokenF1Metric() {
    super(SquadNormalizer::f1);
  }

  @Override
  public String name() {
    return "f1";
  }
}
