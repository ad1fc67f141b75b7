package io.llmtrain.eval.task;

import io.llmtrain.core.spi.NamedPlugin;
import io.llmtrain.core.spi.StageSpec;

/**
 * Registers a {@link ModelTask} by name, listed in {@code
 * META-INF/services/io.llmtrain.eval.task.ModelTaskProvider}; built in: {@code held-out}, {@code
 * perplexity}, {@code multiple-choice}, {@code generation}. Unknown or invalid parameters are
 * refused when the task is created, before any model is loaded.
 */
public interface ModelTaskProvider extends NamedPlugin {
  ModelTask create(StageSpec spec);
}
