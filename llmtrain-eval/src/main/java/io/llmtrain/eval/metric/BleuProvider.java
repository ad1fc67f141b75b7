package io.llmtrain.eval.metric;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;

/**
 * {@code bleu}: parameters {@code tokenize} (13a, intl, none), {@code lowercase}, {@code
 * smoothing} (exp, floor, add-k, none), {@code smoothValue}, {@code maxOrder}.
 */
public final class BleuProvider implements MetricProvider {
  @Override
  public String name() {
    return "bleu";
  }

  @Override
  public String description() {
    return "BLEU as sacrebleu computes it (13a tokenizer, exponential smoothing by default)";
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params p = Params.of(spec);
    String tok = p.getString("tokenize", "13a");
    boolean lowercase = p.getBoolean("lowercase", false);
    BleuMetric.Smoothing smoothing =
        p.getEnum("smoothing", BleuMetric.Smoothing.class, BleuMetric.Smoothing.EXP);
    double smoothValue = p.has("smoothValue")
        ? p.getDouble("smoothValue", Double.NaN, 0, Double.MAX_VALUE) : Double.NaN;
    int maxOrder = p.getInt("maxOrder", BleuMetric.MAX_NGRAM_ORDER, 1, 100);
    p.finish();
    BleuTokenizer tokenizer;
    try {
      tokenizer = BleuTokenizer.of(tok);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Parameter 'tokenize' of 'bleu' must be one of 13a, intl, none, got '"
          + tok + "'");
    }
    return new BleuMetric(tokenizer, lowercase, smoothing, smoothValue, maxOrder);
  }
}
