package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;
import java.util.regex.Pattern;

/** Words and runs of other non-space symbols ({@code \w+|[^\w\s]+}); whitespace is dropped. */
public final class Whitespace implements PreTokenizer {
  public static final Whitespace INSTANCE = new Whitespace();
  private static final Pattern WORDS = Pattern.compile("\\w+|[^\\w\\s]+",
      Pattern.UNICODE_CHARACTER_CLASS);

  private Whitespace() {
  }

  @Override
  public String type() {
    return "Whitespace";
  }

  @Override
  public List<String> split(String normalized) {
    return SplitBehavior.Removed.split(normalized, WORDS, true);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
