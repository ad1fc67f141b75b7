package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes runs of byte tokens {@code <0xE2><0x82><0xAC>} into their UTF-8 text; a run that is
 * not valid UTF-8 becomes one U+FFFD per byte, as in Hugging Face.
 */
public final class ByteFallback extends ChainDecoder {
  public static final ByteFallback INSTANCE = new ByteFallback();

  private ByteFallback() {
  }

  @Override
  public String type() {
    return "ByteFallback";
  }

  static int byteValue(String t) {
    if (t.length() == 6 && t.startsWith("<0x") && t.endsWith(">")) {
      try {
        return Integer.parseInt(t.substring(3, 5), 16);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    ByteBuffer pending = ByteBuffer.allocate(Math.max(16, tokens.size()));
    for (String t : tokens) {
      int b = byteValue(t);
      if (b >= 0) {
        pending.put((byte) b);
      } else {
        flush(pending, out);
        out.add(t);
      }
    }
    flush(pending, out);
    return out;
  }

  private static void flush(ByteBuffer pending, List<String> out) {
    if (pending.position() == 0) {
      return;
    }
    pending.flip();
    int n = pending.remaining();
    try {
      out.add(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(pending).toString());
    } catch (CharacterCodingException e) {
      // not valid UTF-8: Hugging Face emits one replacement character per byte
      for (int i = 0; i < n; i++) {
        out.add("\uFFFD");
      }
    }
    pending.clear();
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
