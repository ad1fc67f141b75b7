package io.llmtrain.tokenize.decoder;

import java.util.List;

/** A decoder defined by its chain step; {@link #decode} joins the chain's output. */
abstract class ChainDecoder implements Decoder {
  @Override
  public final String decode(List<String> tokens) {
    return String.join("", decodeChain(tokens));
  }

  @Override
  public abstract List<String> decodeChain(List<String> tokens);
}
