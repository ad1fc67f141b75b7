package io.llmtrain.eval.metric;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;

/** {@code exact-match}: no parameters. */
public final class ExactMatchMetricProvider implements MetricProvider {
  @Override
  public String name() {
    return "exact-match";
  }

  @Override
  public String description() {
    return "SQuAD exact match after answer normalisation (max over references, 0-100)";
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params.of(spec).finish();
    return new ExactMatchMetric();
  }
}
