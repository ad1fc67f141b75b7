package io.llmtrain.core.spi;

/**
 * Registers a lifecycle {@link Step} by kind and name, for example a {@code bpe} tokenizer trainer
 * or a {@code gpt} pretrainer. Listed in {@code META-INF/services/io.llmtrain.core.spi.StepProvider}.
 */
public interface StepProvider extends NamedPlugin {

  StepKind kind();

  /** Creates the step, rejecting unknown or invalid parameters. */
  Step create(StageSpec spec);
}
