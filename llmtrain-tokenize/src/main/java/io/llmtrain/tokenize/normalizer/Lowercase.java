package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.Locale;

/** Unicode lower-casing, locale-independent ({@code {"type":"Lowercase"}}). */
public final class Lowercase implements Normalizer {
  public static final Lowercase INSTANCE = new Lowercase();

  private Lowercase() {
  }

  @Override
  public String type() {
    return "Lowercase";
  }

  @Override
  public String normalize(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
