package io.llmtrain.data.repair;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link TextRepairer} as processor {@code repair}. */
public final class RepairProvider implements ProcessorProvider {
  @Override
  public String name() {
    return RepairConfig.NAME;
  }

  @Override
  public String description() {
    return "Repairs mojibake and removes control, zero-width and unpaired surrogate characters";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    RepairConfig c = spec instanceof RepairConfig r ? r : RepairConfig.fromParams(Params.of(spec));
    return new TextRepairer(c);
  }
}
