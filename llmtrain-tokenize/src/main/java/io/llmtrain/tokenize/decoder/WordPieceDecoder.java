package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins WordPiece tokens: a token with the continuation {@code prefix} ({@code ##}) is glued to
 * the previous one, others are preceded by a space; {@code cleanup} removes the spaces BERT's
 * splitting put before punctuation and contractions.
 */
public final class WordPieceDecoder extends ChainDecoder {
  private final String prefix;
  private final boolean cleanup;

  public WordPieceDecoder(String prefix, boolean cleanup) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.cleanup = cleanup;
  }

  @Override
  public String type() {
    return "WordPiece";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (i != 0) {
        t = t.startsWith(prefix) ? t.substring(prefix.length()) : " " + t;
      }
      out.add(cleanup ? cleanup(t) : t);
    }
    return out;
  }

  static String cleanup(String s) {
    return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
        .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m")
        .replace(" do not", " don't").replace(" 's", "'s").replace(" 've", "'ve")
        .replace(" 're", "'re");
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type()).put("prefix", prefix)
        .put("cleanup", cleanup);
  }
}
