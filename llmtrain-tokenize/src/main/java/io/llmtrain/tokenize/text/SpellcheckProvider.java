package io.llmtrain.tokenize.text;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.core.spi.StageSpec;

/** Registers conservative spelling correction as processor {@code spellcheck}. */
public final class SpellcheckProvider implements ProcessorProvider {
  @Override
  public String name() {
    return SpellcheckConfig.NAME;
  }

  @Override
  public String description() {
    return "Corrects unambiguous typos (pt, en; morfologik with LanguageTool dictionaries), "
        + "never in URLs, code or proper nouns";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    SpellcheckConfig config = spec instanceof SpellcheckConfig c ? c
        : SpellcheckConfig.fromParams(Params.of(spec));
    return new Processor(SpellChecker.from(config));
  }

  /** Counts {@code spelling_corrections}. */
  static final class Processor implements DocumentProcessor {
    private final SpellChecker checker;

    Processor(SpellChecker checker) {
      this.checker = checker;
    }

    @Override
    public String name() {
      return SpellcheckConfig.NAME;
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      SpellChecker.Result result = checker.correct(document.text());
      if (result.corrections() == 0) {
        return Outcome.keep(document);
      }
      context.count("spelling_corrections", result.corrections());
      return Outcome.keep(document.withText(result.text()));
    }
  }
}
