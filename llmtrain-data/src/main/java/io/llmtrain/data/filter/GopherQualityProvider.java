package io.llmtrain.data.filter;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link GopherQualityFilter} as {@value GopherQualityConfig#NAME}. */
public final class GopherQualityProvider implements ProcessorProvider {
  @Override
  public String name() {
    return GopherQualityConfig.NAME;
  }

  @Override
  public String description() {
    return "Gopher quality heuristics (datatrove GopherQualityFilter defaults)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    GopherQualityConfig c = spec instanceof GopherQualityConfig typed ? typed : GopherQualityConfig.fromParams(Params.of(spec));
    return new GopherQualityFilter(c);
  }
}
