package io.llmtrain.data.clean;

import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;

/** Registers the {@code emoji} stage. */
public final class EmojiProvider implements ProcessorProvider {
  @Override
  public String name() {
    return EmojiConfig.NAME;
  }

  @Override
  public String description() {
    return "Removes emoji sequences and pictographs, or replaces them with a marker";
  }

  @Override
  public DocumentProcessor create(StageSpec spec) {
    EmojiConfig c = spec instanceof EmojiConfig e ? e : EmojiConfig.fromParams(Params.of(spec));
    return new EmojiRemover(c);
  }
}
