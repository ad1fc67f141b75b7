package io.llmtrain.data.filter;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link LanguageFilter} as {@value LanguageConfig#NAME}. */
public final class LanguageProvider implements ProcessorProvider {
  @Override
  public String name() {
    return LanguageConfig.NAME;
  }

  @Override
  public String description() {
    return "Keeps documents in the given languages (lingua); adds language and language_score";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    LanguageConfig c = spec instanceof LanguageConfig typed ? typed
        : LanguageConfig.fromParams(Params.of(spec));
    return new LanguageFilter(c);
  }
}
