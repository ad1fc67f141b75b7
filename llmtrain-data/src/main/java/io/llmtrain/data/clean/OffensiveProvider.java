package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the {@code offensive} stage. */
public final class OffensiveProvider implements ProcessorProvider {
  @Override
  public String name() {
    return OffensiveConfig.NAME;
  }

  @Override
  public String description() {
    return "Rejects documents with too many offensive words, or masks them (English, Portuguese)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    OffensiveConfig c = spec instanceof OffensiveConfig o ? o
        : OffensiveConfig.fromParams(Params.of(spec));
    return new OffensiveFilter(c);
  }
}
