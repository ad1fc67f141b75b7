package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Decoders chained: each works on the token list the previous one produced. */
public final class DecoderSequence extends ChainDecoder {
  private final List<Decoder> decoders;

  public DecoderSequence(List<? extends Decoder> decoders) {
    this.decoders = List.copyOf(decoders);
  }

  @Override
  public String type() {
    return "Sequence";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> t = tokens;
    for (Decoder d : decoders) {
      t = d.decodeChain(t);
    }
    return t;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    ArrayNode a = o.putArray("decoders");
    decoders.forEach(d -> a.add(d.toJson()));
    return o;
  }
}
