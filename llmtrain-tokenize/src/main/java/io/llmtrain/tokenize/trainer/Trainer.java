package io.llmtrain.tokenize.trainer;

import io.llmtrain.tokenize.model.Model;

/**
 * Learns a {@link Model} from piece counts. Deterministic: the same counts and options give the
 * same model. Options (vocabulary size, minimum frequency, special tokens, alphabet limit, maximum
 * token length) live in each trainer's immutable config.
 */
public interface Trainer<M extends Model> {

  /** The model type this trainer makes, as in {@code tokenizer.json}. */
  String modelType();

  M train(WordCounts counts);
}
