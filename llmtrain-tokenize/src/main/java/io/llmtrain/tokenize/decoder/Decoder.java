package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Turns vocabulary entries back into text (byte-level to UTF-8, {@code ##} joins, {@code ▁} to
 * spaces). Mirrors the {@code decoder} object of a Hugging Face {@code tokenizer.json}.
 */
public interface Decoder {

  String type();

  String decode(List<String> tokens);

  /**
   * The tokens after this decoder, still as a list, so that decoders chain in a
   * {@code Sequence} as in Hugging Face. {@link #decode} is their concatenation.
   */
  default List<String> decodeChain(List<String> tokens) {
    return List.of(decode(tokens));
  }

  ObjectNode toJson();
}
