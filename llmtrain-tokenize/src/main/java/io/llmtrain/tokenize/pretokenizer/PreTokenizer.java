package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Second step of a tokenizer: splits normalized text into pieces that the model tokenizes one by
 * one, transforming them on the way where the scheme says so (byte-level maps UTF-8 bytes to
 * printable characters, metaspace turns spaces into {@code ▁}). Mirrors the {@code pre_tokenizer}
 * object of a Hugging Face {@code tokenizer.json}. Immutable and thread-safe.
 */
public interface PreTokenizer {

  /** The {@code "type"} in {@code tokenizer.json}, e.g. {@code "ByteLevel"}. */
  String type();

  /** The pieces of {@code normalized}, in order, already transformed for the model. */
  List<String> split(String normalized);

  /**
   * As {@link #split(String)}, told whether {@code normalized} begins the original text: a
   * Metaspace with {@code prepend_scheme: first} only marks the very first piece. The tokenizer
   * calls this once per stretch of text between added tokens.
   */
  default List<String> split(String normalized, boolean atStart) {
    return split(normalized);
  }

  ObjectNode toJson();
}
