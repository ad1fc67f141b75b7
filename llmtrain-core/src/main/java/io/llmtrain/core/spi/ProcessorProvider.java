package io.llmtrain.core.spi;

/**
 * Registers a {@link DocumentProcessor} by name. Implementations are listed in
 * {@code META-INF/services/io.llmtrain.core.spi.ProcessorProvider} and need a public no-argument
 * constructor.
 */
public interface ProcessorProvider extends NamedPlugin {

  /**
   * Creates a fresh processor (stateful processors such as deduplication start empty). Rejects
   * unknown or invalid parameters with a {@link io.llmtrain.core.ConfigException}.
   */
  DocumentProcessor create(StageSpec spec);
}
