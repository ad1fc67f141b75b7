package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the {@code symbols} stage. */
public final class SymbolsProvider implements ProcessorProvider {
  @Override
  public String name() {
    return SymbolsConfig.NAME;
  }

  @Override
  public String description() {
    return "Removes runs of random symbols such as '#$%&*@!' or '=-=-=-=-'";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    SymbolsConfig c = spec instanceof SymbolsConfig s ? s
        : SymbolsConfig.fromParams(Params.of(spec));
    return new SymbolRunRemover(c);
  }
}
