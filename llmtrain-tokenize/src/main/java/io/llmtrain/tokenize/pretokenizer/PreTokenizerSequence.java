package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;

/** Applies pre-tokenizers in turn, each to every piece the previous one made. */
public final class PreTokenizerSequence implements PreTokenizer {
  private final List<PreTokenizer> preTokenizers;

  public PreTokenizerSequence(List<? extends PreTokenizer> preTokenizers) {
    this.preTokenizers = List.copyOf(preTokenizers);
  }

  public List<PreTokenizer> preTokenizers() {
    return preTokenizers;
  }

  @Override
  public String type() {
    return "Sequence";
  }

  @Override
  public List<String> split(String normalized) {
    return split(normalized, true);
  }

  @Override
  public List<String> split(String normalized, boolean atStart) {
    List<String> pieces = List.of(normalized);
    for (PreTokenizer p : preTokenizers) {
      List<String> next = new ArrayList<>(pieces.size() * 2);
      for (int i = 0; i < pieces.size(); i++) {
        // only the first piece of a stretch that began the text still begins it
        next.addAll(p.split(pieces.get(i), atStart && i == 0));
      }
      pieces = next;
    }
    return pieces;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    ArrayNode a = o.putArray("pretokenizers");
    preTokenizers.forEach(p -> a.add(p.toJson()));
    return o;
  }
}
