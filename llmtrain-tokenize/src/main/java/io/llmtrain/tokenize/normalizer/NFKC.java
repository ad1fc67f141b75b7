package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/** Unicode normalization form NFKC ({@code {"type":"NFKC"}}). */
public final class NFKC implements Normalizer {
  public static final NFKC INSTANCE = new NFKC();

  private NFKC() {
  }

  @Override
  public String type() {
    return "NFKC";
  }

  @Override
  public String normalize(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
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
