package io.llmtrain.eval.metric;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;

/**
 * {@code rouge}: parameters {@code types} (list of rouge1..rouge9, rougeL, rougeLsum; default
 * all of rouge1, rouge2, rougeL, rougeLsum) and {@code stem} (Porter stemming, default false).
 */
public final class RougeMetricProvider implements MetricProvider {
  @Override
  public String name() {
    return "rouge";
  }

  @Override
  public String description() {
    return "ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's rouge-score (precision, recall, F)";
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params p = Params.of(spec);
    List<String> types = p.getList("types", RougeMetric.DEFAULT_TYPES);
    boolean stem = p.getBoolean("stem", false);
    p.finish();
    try {
      return new RougeMetric(types, stem);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Parameter 'types' of 'rouge': " + e.getMessage());
    }
  }
}
