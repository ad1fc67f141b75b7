package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the composite {@code clean} stage. */
public final class CleanProvider implements ProcessorProvider {
  @Override
  public String name() {
    return CleanConfig.NAME;
  }

  @Override
  public String description() {
    return "Removes symbol runs, emoji and boilerplate lines, redacts PII, filters offensive words";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    CleanConfig c = spec instanceof CleanConfig cc ? cc : CleanConfig.fromParams(Params.of(spec));
    return new Cleaner(c);
  }
}
