package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the {@code pii} stage. */
public final class PiiProvider implements ProcessorProvider {
  @Override
  public String name() {
    return PiiConfig.NAME;
  }

  @Override
  public String description() {
    return "Replaces e-mail addresses, IP addresses, phone and card numbers with placeholders";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    PiiConfig c = spec instanceof PiiConfig p ? p : PiiConfig.fromParams(Params.of(spec));
    return new PiiRedactor(c);
  }
}
