package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.Objects;

/** Prepends a string to non-empty text (Llama 2 style {@code "▁"}). */
public final class Prepend implements Normalizer {
  private final String prepend;

  public Prepend(String prepend) {
    this.prepend = Objects.requireNonNull(prepend, "prepend");
  }

  public String prepend() {
    return prepend;
  }

  @Override
  public String type() {
    return "Prepend";
  }

  @Override
  public String normalize(String text) {
    return text.isEmpty() ? text : prepend + text;
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type()).put("prepend", prepend);
  }
}
