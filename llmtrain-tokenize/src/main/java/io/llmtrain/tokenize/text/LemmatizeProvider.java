package io.llmtrain.tokenize.text;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/**
 * Registers dictionary lemmatization as processor {@code lemmatize}; counts
 * {@code words_lemmatized}.
 */
public final class LemmatizeProvider implements ProcessorProvider {
  @Override
  public String name() {
    return LemmatizeConfig.NAME;
  }

  @Override
  public String description() {
    return "Replaces words by their dictionary lemmas (pt, en; LanguageTool lexicons), keeping "
        + "unknown words, punctuation, URLs and code";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    LemmatizeConfig config = spec instanceof LemmatizeConfig c ? c
        : LemmatizeConfig.fromParams(Params.of(spec));
    Lemmatizer lemmatizer = Lemmatizer.forLanguage(config.language());
    return new WordMapper(LemmatizeConfig.NAME, "words_lemmatized", lemmatizer::lemma);
  }
}
