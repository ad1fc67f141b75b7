package io.llmtrain.tokenize.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The core of a tokenizer: turns one pre-tokenized piece into tokens of its vocabulary (BPE,
 * WordPiece, Unigram). Mirrors the {@code model} object of a Hugging Face {@code tokenizer.json}.
 * Immutable and thread-safe.
 */
public interface Model {

  /** The {@code "type"} in {@code tokenizer.json}: {@code "BPE"}, {@code "WordPiece"}, ... */
  String type();

  /** The tokens of one piece, in order. Never empty for a non-empty piece (unknown token). */
  List<Token> tokenize(String piece);

  /** The ids of {@link #tokenize}, without building token objects (the encoder's fast path). */
  default int[] tokenizeToIds(String piece) {
    List<Token> tokens = tokenize(piece);
    int[] ids = new int[tokens.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = tokens.get(i).id();
    }
    return ids;
  }

  /** Id of a vocabulary entry, or -1 when it is not in the vocabulary. */
  int tokenToId(String token);

  /** The vocabulary entry of an id, or null when the id is out of range. */
  String idToToken(int id);

  int vocabSize();

  /** Token to id, in id order. */
  Map<String, Integer> vocab();

  ObjectNode toJson();

  /** One token of a piece: its id and its text as it appears in the vocabulary. */
  record Token(int id, String value) {
  }
}
