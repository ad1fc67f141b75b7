package io.llmtrain.tokenize.text;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.function.UnaryOperator;

/**
 * A stage that replaces each plain word of a document by a function of it (its stem, its lemma),
 * leaving whitespace, punctuation, protected spans and words with digits or inner capitals
 * (identifiers) as they are. Counts the words it changed under {@code counter}.
 */
final class WordMapper implements DocumentProcessor {
  private final String name;
  private final String counter;
  private final UnaryOperator<String> mapping;

  WordMapper(String name, String counter, UnaryOperator<String> mapping) {
    this.name = name;
    this.counter = counter;
    this.mapping = mapping;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    StringBuilder sb = new StringBuilder(text.length());
    long changed = 0;
    for (WordTokenizer.Token t : WordTokenizer.tokenize(text)) {
      String out = t.text();
      if (t.isWord() && !WordTokenizer.looksLikeIdentifier(out)) {
        out = mapping.apply(out);
        if (!out.equals(t.text())) {
          changed++;
        }
      }
      sb.append(out);
    }
    if (changed == 0) {
      return Outcome.keep(document);
    }
    context.count(counter, changed);
    return Outcome.keep(document.withText(sb.toString()));
  }
}
