package io.llmtrain.data.extract;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link HtmlExtractor} as processor {@code html}. */
public final class HtmlProvider implements ProcessorProvider {
  @Override
  public String name() {
    return HtmlConfig.NAME;
  }

  @Override
  public String description() {
    return "Extracts the text of HTML pages, without scripts, navigation and other boilerplate";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    HtmlConfig c = spec instanceof HtmlConfig h ? h : HtmlConfig.fromParams(Params.of(spec));
    return new HtmlExtractor(c);
  }
}
