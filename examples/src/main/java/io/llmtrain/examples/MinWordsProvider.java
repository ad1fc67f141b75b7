package io.llmtrain.examples;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.core.spi.StageSpec;

/**
 * A plugin registered by name: this class plus one line in
 * {@code META-INF/services/io.llmtrain.core.spi.ProcessorProvider} makes
 * {@code .apply("min-words")} work, and {@code llmtrain plugins} list it.
 */
public final class MinWordsProvider implements ProcessorProvider {
  @Override
  public String name() {
    return "min-words";
  }

  @Override
  public String description() {
    return "Rejects documents with fewer than 'min' whitespace-separated words (example plugin)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    Params p = Params.of(spec);
    int min = p.getInt("min", 5, 1, 1_000_000);
    p.finish(); // a misspelt key fails here, naming the keys this plugin knows
    return new DocumentProcessor() {
      @Override
      public String name() {
        return "min-words";
      }

      @Override
      public Outcome process(Document d, StageContext context) {
        String text = d.text().strip();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        return words < min ? Outcome.reject("too_few_words", words + " words < " + min)
            : Outcome.keep(d);
      }
    };
  }
}
