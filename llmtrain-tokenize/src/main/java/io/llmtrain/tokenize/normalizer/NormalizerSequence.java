package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Applies normalizers in order ({@code {"type":"Sequence","normalizers":[...]}}). */
public final class NormalizerSequence implements Normalizer {
  private final List<Normalizer> normalizers;

  public NormalizerSequence(List<? extends Normalizer> normalizers) {
    this.normalizers = List.copyOf(normalizers);
  }

  public List<Normalizer> normalizers() {
    return normalizers;
  }

  @Override
  public String type() {
    return "Sequence";
  }

  @Override
  public String normalize(String text) {
    String s = text;
    for (Normalizer n : normalizers) {
      s = n.normalize(s);
    }
    return s;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    ArrayNode a = o.putArray("normalizers");
    normalizers.forEach(n -> a.add(n.toJson()));
    return o;
  }
}
