package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Turns the end-of-word {@code suffix} ({@code </w>}) into spaces (none after the last). */
public final class BpeDecoder extends ChainDecoder {
  private final String suffix;

  public BpeDecoder(String suffix) {
    this.suffix = Objects.requireNonNull(suffix, "suffix");
  }

  @Override
  public String type() {
    return "BPEDecoder";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      out.add(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type()).put("suffix", suffix);
  }
}
