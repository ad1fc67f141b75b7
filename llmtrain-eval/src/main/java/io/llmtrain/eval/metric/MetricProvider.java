package io.llmtrain.eval.metric;

import io.llmtrain.core.spi.NamedPlugin;
import io.llmtrain.core.spi.StageSpec;

/**
 * Registers a {@link TextMetric} by name, listed in {@code
 * META-INF/services/io.llmtrain.eval.metric.MetricProvider}; unknown or invalid parameters are
 * refused.
 */
public interface MetricProvider extends NamedPlugin {
  TextMetric create(StageSpec spec);
}
