package io.llmtrain.core.spi;

import io.llmtrain.core.Document;

/** A test plugin that rejects short documents, with a strictly checked parameter. */
public final class MinLengthProvider implements ProcessorProvider {
  @Override
  public String name() {
    return "test-min-length";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    Params p = Params.of(spec);
    int minChars = p.getInt("minChars", 20, 0, Integer.MAX_VALUE);
    p.finish();
    return new DocumentProcessor() {
      @Override
      public String name() {
        return "test-min-length";
      }

      @Override
      public Outcome process(Document d, StageContext context) {
        return d.text().length() < minChars
            ? Outcome.reject("too_short", d.text().length() + " chars < " + minChars)
            : Outcome.keep(d);
      }
    };
  }
}
