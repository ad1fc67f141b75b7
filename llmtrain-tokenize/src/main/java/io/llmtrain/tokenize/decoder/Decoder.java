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

  ObjectNode toJson();
}
