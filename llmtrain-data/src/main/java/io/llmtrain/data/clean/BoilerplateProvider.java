package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the {@code boilerplate} stage. */
public final class BoilerplateProvider implements ProcessorProvider {
  @Override
  public String name() {
    return BoilerplateConfig.NAME;
  }

  @Override
  public String description() {
    return "Removes boilerplate lines (unsubscribe, cookie notices, copyright, separators)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    BoilerplateConfig c = spec instanceof BoilerplateConfig b ? b
        : BoilerplateConfig.fromParams(Params.of(spec));
    return new BoilerplateRemover(c);
  }
}
