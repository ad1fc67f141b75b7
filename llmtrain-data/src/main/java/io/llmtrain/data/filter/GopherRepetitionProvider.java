package io.llmtrain.data.filter;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link GopherRepetitionFilter} as {@value GopherRepetitionConfig#NAME}. */
public final class GopherRepetitionProvider implements ProcessorProvider {
  @Override
  public String name() {
    return GopherRepetitionConfig.NAME;
  }

  @Override
  public String description() {
    return "Gopher repetition limits on lines, paragraphs and n-grams (datatrove GopherRepetitionFilter defaults)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    GopherRepetitionConfig c = spec instanceof GopherRepetitionConfig typed ? typed : GopherRepetitionConfig.fromParams(Params.of(spec));
    return new GopherRepetitionFilter(c);
  }
}
