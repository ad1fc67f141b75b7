package io.llmtrain.tokenize;

import java.util.List;

/** The result of encoding one text: ids and the matching token strings, in order. */
public record Encoding(int[] ids, List<String> tokens) {
  public Encoding {
    tokens = List.copyOf(tokens);
  }

  public int size() {
    return ids.length;
  }
}
