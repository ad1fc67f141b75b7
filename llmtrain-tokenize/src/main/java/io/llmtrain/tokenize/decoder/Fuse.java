package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Joins all tokens into one string. */
public final class Fuse extends ChainDecoder {
  public static final Fuse INSTANCE = new Fuse();

  private Fuse() {
  }

  @Override
  public String type() {
    return "Fuse";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    return List.of(String.join("", tokens));
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
