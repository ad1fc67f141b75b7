package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Splits numbers off the text: each digit alone, or runs of digits together. */
public final class Digits implements PreTokenizer {
  private final boolean individualDigits;

  public Digits(boolean individualDigits) {
    this.individualDigits = individualDigits;
  }

  @Override
  public String type() {
    return "Digits";
  }

  @Override
  public List<String> split(String normalized) {
    return (individualDigits ? SplitBehavior.Isolated : SplitBehavior.Contiguous)
        .split(normalized, SplitBehavior::isNumeric);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type())
        .put("individual_digits", individualDigits);
  }
}
