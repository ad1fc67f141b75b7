package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Splits on Unicode whitespace, which is dropped. */
public final class WhitespaceSplit implements PreTokenizer {
  public static final WhitespaceSplit INSTANCE = new WhitespaceSplit();

  private WhitespaceSplit() {
  }

  @Override
  public String type() {
    return "WhitespaceSplit";
  }

  @Override
  public List<String> split(String normalized) {
    return SplitBehavior.Removed.split(normalized, SplitBehavior::isWhiteSpace);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
