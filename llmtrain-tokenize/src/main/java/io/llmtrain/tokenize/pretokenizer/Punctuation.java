package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;
import java.util.Objects;

/** Splits at punctuation marks with a {@link SplitBehavior} (Hugging Face default: Isolated). */
public final class Punctuation implements PreTokenizer {
  private final SplitBehavior behavior;

  public Punctuation(SplitBehavior behavior) {
    this.behavior = Objects.requireNonNull(behavior, "behavior");
  }

  @Override
  public String type() {
    return "Punctuation";
  }

  @Override
  public List<String> split(String normalized) {
    return behavior.split(normalized, SplitBehavior::isPunctuation);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type()).put("behavior", behavior.name());
  }
}
