package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.tokenize.pretokenizer.Metaspace;
import java.util.ArrayList;
import java.util.List;

/** Turns {@code ▁} back into spaces, dropping the one the pre-tokenizer prepended. */
public final class MetaspaceDecoder extends ChainDecoder {
  private final char replacement;
  private final Metaspace.PrependScheme prependScheme;
  private final boolean split;

  public MetaspaceDecoder(char replacement, Metaspace.PrependScheme prependScheme,
      boolean split) {
    this.replacement = replacement;
    this.prependScheme = prependScheme;
    this.split = split;
  }

  @Override
  public String type() {
    return "Metaspace";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i).replace(replacement, ' ');
      if (i == 0 && prependScheme != Metaspace.PrependScheme.NEVER && t.startsWith(" ")) {
        t = t.substring(1);
      }
      out.add(t);
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    return Metaspace.json(type(), replacement, prependScheme, split);
  }
}
