package io.llmtrain.core.spi;

/**
 * Names of the artifacts steps hand to each other. Every artifact is a file or directory under the
 * pipeline's work directory, so each can be inspected, reused and carries its own provenance.
 */
public final class Artifacts {
  /** The kept documents as JSONL, written by the document stages. */
  public static final String CORPUS = "corpus";
  /** A {@code tokenizer.json}. */
  public static final String TOKENIZER = "tokenizer";
  /** A directory of token shards with their sidecars. */
  public static final String TOKENS = "tokens";
  /** A model directory (weights, configuration, tokenizer). */
  public static final String MODEL = "model";
  /** A JSON file of evaluation results. */
  public static final String METRICS = "metrics";

  private Artifacts() {
  }
}
