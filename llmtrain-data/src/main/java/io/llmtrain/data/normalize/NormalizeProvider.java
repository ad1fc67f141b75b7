package io.llmtrain.data.normalize;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link TextNormalizer} as the processor {@code normalize}. */
public final class NormalizeProvider implements ProcessorProvider {
  @Override
  public String name() {
    return NormalizeConfig.NAME;
  }

  @Override
  public String description() {
    return "Unicode form, punctuation, whitespace, optional lower-casing, accent stripping and "
        + "URL/e-mail/date/number placeholders";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    NormalizeConfig config = spec instanceof NormalizeConfig c
        ? c
        : NormalizeConfig.fromParams(Params.of(spec));
    return new TextNormalizer(config);
  }
}
