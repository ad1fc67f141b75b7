package io.llmtrain.data.filter;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers {@link C4QualityFilter} as {@value C4Config#NAME}. */
public final class C4Provider implements ProcessorProvider {
  @Override
  public String name() {
    return C4Config.NAME;
  }

  @Override
  public String description() {
    return "C4 line rules: drops boilerplate lines, rejects pages with too few sentences (datatrove C4QualityFilter defaults)";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    C4Config c = spec instanceof C4Config typed ? typed : C4Config.fromParams(Params.of(spec));
    return new C4QualityFilter(c);
  }
}
