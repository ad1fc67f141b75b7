package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/** Unicode normalization form NFKD ({@code {"type":"NFKD"}}). */
public final class NFKD implements Normalizer {
  public static final NFKD INSTANCE = new NFKD();

  private NFKD() {
  }

  @Override
  public String type() {
    return "NFKD";
  }

  @Override
  public String normalize(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
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
