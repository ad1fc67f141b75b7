package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * First step of a tokenizer: rewrites the whole input text (Unicode normalization, lower-casing,
 * accent stripping, prepending or replacing characters). Mirrors the {@code normalizer} object of
 * a Hugging Face {@code tokenizer.json}. Implementations are immutable and thread-safe.
 */
public interface Normalizer {

  /** The {@code "type"} of this normalizer in {@code tokenizer.json}, e.g. {@code "NFC"}. */
  String type();

  String normalize(String text);

  /** This normalizer as its {@code tokenizer.json} object, {@code "type"} included. */
  ObjectNode toJson();
}
