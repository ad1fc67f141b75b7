package io.llmtrain.data.dedup;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link MinHashDeduplicator} as processor {@code near-dedup}. */
public final class NearDedupProvider implements ProcessorProvider {
  @Override
  public String name() {
    return NearDedupConfig.NAME;
  }

  @Override
  public String description() {
    return "Drops near duplicates found by MinHash LSH over word 5-grams, keeping the first "
        + "occurrence";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    NearDedupConfig config = spec instanceof NearDedupConfig c
        ? c
        : NearDedupConfig.fromParams(Params.of(spec));
    return new MinHashDeduplicator(config);
  }
}
