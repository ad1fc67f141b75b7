package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.tokenize.normalizer.Replace;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import java.util.ArrayList;
import java.util.List;

/** Replaces a pattern in every token ({@code ▁} to space in Llama 2 style files). */
public final class ReplaceDecoder extends ChainDecoder {
  private final Replace replace;

  public ReplaceDecoder(SplitPattern pattern, String content) {
    this.replace = new Replace(pattern, content);
  }

  @Override
  public String type() {
    return "Replace";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      out.add(replace.normalize(t));
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    return replace.toJson();
  }
}
