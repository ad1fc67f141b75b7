package io.llmtrain.core.spi;

import io.llmtrain.core.Document;
import java.util.Locale;

/** A test plugin registered in the test class path's META-INF/services. */
public final class UpperCaseProvider implements ProcessorProvider {
  @Override
  public String name() {
    return "test-upper";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    Params.of(spec).finish();
    return new DocumentProcessor() {
      @Override
      public String name() {
        return "test-upper";
      }

      @Override
      public Outcome process(Document document, StageContext context) {
        context.count("upper_cased");
        return Outcome.keep(document.withText(document.text().toUpperCase(Locale.ROOT)));
      }
    };
  }
}
