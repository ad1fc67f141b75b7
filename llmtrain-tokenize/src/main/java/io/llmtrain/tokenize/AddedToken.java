package io.llmtrain.tokenize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Preconditions;
import io.llmtrain.core.io.Json;
import java.util.Objects;

/**
 * A token matched in the raw text before normalization and kept whole ({@code <|endoftext|>},
 * {@code [CLS]}), as an entry of {@code added_tokens} in {@code tokenizer.json}. {@code special}
 * tokens are left out when decoding with {@code skipSpecialTokens}; {@code lstrip}/{@code rstrip}
 * absorb whitespace on that side; {@code singleWord} only matches outside words.
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip,
    boolean rstrip, boolean normalized, boolean special) {

  public AddedToken {
    Objects.requireNonNull(content, "content");
    Preconditions.checkArgument(!content.isEmpty(), "added token content must not be empty");
    Preconditions.checkArgument(id >= 0, "added token '%s': id must be >= 0, got %s", content,
        id);
  }

  /** A special token as trainers make them: not normalized, no stripping. */
  public static AddedToken special(int id, String content) {
    return new AddedToken(id, content, false, false, false, false, true);
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", id);
    o.put("content", content);
    o.put("single_word", singleWord);
    o.put("lstrip", lstrip);
    o.put("rstrip", rstrip);
    o.put("normalized", normalized);
    o.put("special", special);
    return o;
  }
}
