package io.llmtrain.data.filter;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link QualityFilter} as {@value QualityConfig#NAME}. */
public final class QualityProvider implements ProcessorProvider {
  @Override
  public String name() {
    return QualityConfig.NAME;
  }

  @Override
  public String description() {
    return "gopher-repetition, gopher-quality and c4 in one pass over shared tokens";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    QualityConfig c = spec instanceof QualityConfig typed ? typed : QualityConfig.fromParams(Params.of(spec));
    return new QualityFilter(c);
  }
}
