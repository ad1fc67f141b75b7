package io.llmtrain.tokenize.text;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers Snowball stemming as processor {@code stem}; counts {@code words_stemmed}. */
public final class StemProvider implements ProcessorProvider {
  @Override
  public String name() {
    return StemConfig.NAME;
  }

  @Override
  public String description() {
    return "Replaces words by their Snowball stems (pt, en, es and 26 more languages), keeping "
        + "punctuation, URLs and code";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    StemConfig config = spec instanceof StemConfig c ? c : StemConfig.fromParams(Params.of(spec));
    Stemmer stemmer = Stemmer.forLanguage(config.language());
    return new WordMapper(StemConfig.NAME, "words_stemmed", stemmer::stem);
  }
}
