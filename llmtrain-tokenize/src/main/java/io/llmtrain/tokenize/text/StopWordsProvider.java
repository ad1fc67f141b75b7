package io.llmtrain.tokenize.text;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;

/** Registers stop-word removal as processor {@code stopwords}. */
public final class StopWordsProvider implements ProcessorProvider {
  @Override
  public String name() {
    return StopWordsConfig.NAME;
  }

  @Override
  public String description() {
    return "Removes stop words (Snowball lists for 14 languages, or your own), keeping "
        + "punctuation, line breaks, URLs and code";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    StopWordsConfig config = spec instanceof StopWordsConfig c ? c
        : StopWordsConfig.fromParams(Params.of(spec));
    return new Processor(StopWords.from(config));
  }

  /** Counts {@code stopwords_removed}. */
  static final class Processor implements DocumentProcessor {
    private final StopWords stopWords;

    Processor(StopWords stopWords) {
      this.stopWords = stopWords;
    }

    @Override
    public String name() {
      return StopWordsConfig.NAME;
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      int[] removed = new int[1];
      List<WordTokenizer.Token> kept =
          stopWords.remove(WordTokenizer.tokenize(document.text()), removed);
      if (removed[0] == 0) {
        return Outcome.keep(document);
      }
      context.count("stopwords_removed", removed[0]);
      return Outcome.keep(document.withText(WordTokenizer.join(kept)));
    }
  }
}
