package io.llmtrain.data.extract;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link EmailExtractor} as processor {@code email}. */
public final class EmailProvider implements ProcessorProvider {
  @Override
  public String name() {
    return EmailConfig.NAME;
  }

  @Override
  public String description() {
    return "Extracts the body text of raw e-mail messages (MIME, any charset), without headers "
        + "and attachments";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    EmailConfig c = spec instanceof EmailConfig e ? e : EmailConfig.fromParams(Params.of(spec));
    return new EmailExtractor(c);
  }
}
