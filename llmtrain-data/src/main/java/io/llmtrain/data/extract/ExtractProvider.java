package io.llmtrain.data.extract;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link AutoExtractor} as processor {@code extract}. */
public final class ExtractProvider implements ProcessorProvider {
  @Override
  public String name() {
    return ExtractConfig.NAME;
  }

  @Override
  public String description() {
    return "Extracts e-mail or HTML per document (by format metadata or content); plain text passes";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    ExtractConfig c = spec instanceof ExtractConfig e ? e
        : ExtractConfig.fromParams(Params.of(spec));
    return new AutoExtractor(c);
  }
}
