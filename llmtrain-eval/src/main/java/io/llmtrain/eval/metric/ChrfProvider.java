package io.llmtrain.eval.metric;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;

/**
 * {@code chrf}: parameters {@code charOrder} (6), {@code wordOrder} (0; 2 for chrF++), {@code
 * beta} (2), {@code lowercase}, {@code whitespace}, {@code epsSmoothing}.
 */
public final class ChrfProvider implements MetricProvider {
  @Override
  public String name() {
    return "chrf";
  }

  @Override
  public String description() {
    return "chrF2 / chrF++ as sacrebleu computes them";
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params p = Params.of(spec);
    int charOrder = p.getInt("charOrder", ChrfMetric.CHAR_ORDER, 0, 100);
    int wordOrder = p.getInt("wordOrder", 0, 0, 100);
    int beta = p.getInt("beta", ChrfMetric.BETA, 0, 100);
    boolean lowercase = p.getBoolean("lowercase", false);
    boolean whitespace = p.getBoolean("whitespace", false);
    boolean eps = p.getBoolean("epsSmoothing", false);
    p.finish();
    if (charOrder + wordOrder == 0) {
      throw new io.llmtrain.core.ConfigException(
          "Parameters 'charOrder' and 'wordOrder' of 'chrf' cannot both be 0");
    }
    return new ChrfMetric(charOrder, wordOrder, beta, lowercase, whitespace, eps);
  }
}
