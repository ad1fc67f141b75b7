package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/** Unicode normalization form NFC ({@code {"type":"NFC"}}). */
public final class NFC implements Normalizer {
  public static final NFC INSTANCE = new NFC();

  private NFC() {
  }

  @Override
  public String type() {
    return "NFC";
  }

  @Override
  public String normalize(String text) {
    return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
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
