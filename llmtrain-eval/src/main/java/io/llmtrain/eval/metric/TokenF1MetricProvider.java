package io.llmtrain.eval.metric;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;

/** {@code f1}: no parameters. */
public final class TokenF1MetricProvider implements MetricProvider {
  @Override
  public String name() {
    return "f1";
  }

  @Override
  public String description() {
    return "SQuAD token F1 after answer normalisation (max over references, 0-100)";
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params.of(spec).finish();
    return new TokenF1Metric();
  }
}
