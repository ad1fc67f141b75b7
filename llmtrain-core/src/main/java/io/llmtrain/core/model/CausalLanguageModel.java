package io.llmtrain.core.model;

import ai.djl.nn.Block;

/**
 * A causal language model as the trainer, the generator and the exporters see it: a DJL block that
 * maps token ids {@code (B, T)} (int32) to next-token logits {@code (B, T, vocabSize)} (float32),
 * position {@code t} seeing only positions {@code <= t}.
 */
public interface CausalLanguageModel {

  /** The initialized block; its parameters are what training updates and checkpoints save. */
  Block block();

  int vocabSize();

  /** The longest sequence the model accepts. */
  int contextLength();

  /**
   * Whether AdamW applies weight decay to the parameter of this name (as in {@code
   * block().getParameters()}): matrices of linear layers yes; biases, norms and embeddings no.
   */
  boolean decays(String parameterName);

  /** Trainable parameters, tied ones counted once. */
  long parameterCount();

  /**
   * Training FLOPs per token, {@code 6N + 12·L·H·Q·T} (N parameters without the position table,
   * as nanoGPT counts: the token embedding also does the output matmul; L layers, H heads, Q head
   * size, T context), for model FLOPs utilisation.
   */
  double flopsPerToken();
}
