package io.llmtrain.data.dedup;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link ExactDeduplicator} as processor {@code dedup}. */
public final class DedupProvider implements ProcessorProvider {
  @Override
  public String name() {
    return DedupConfig.NAME;
  }

  @Override
  public String description() {
    return "Drops exact duplicates (same text after whitespace and Unicode normalization), "
        + "keeping the first occurrence";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    DedupConfig config = spec instanceof DedupConfig c ? c : DedupConfig.fromParams(Params.of(spec));
    return new ExactDeduplicator(config);
  }
}
