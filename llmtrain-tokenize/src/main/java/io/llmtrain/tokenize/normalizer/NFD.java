package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/** Unicode normalization form NFD ({@code {"type":"NFD"}}). */
public final class NFD implements Normalizer {
  public static final NFD INSTANCE = new NFD();

  private NFD() {
  }

  @Override
  public String type() {
    return "NFD";
  }

  @Override
  public String normalize(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }

  @Override
  public String toString() {
    return type();
  }
}
