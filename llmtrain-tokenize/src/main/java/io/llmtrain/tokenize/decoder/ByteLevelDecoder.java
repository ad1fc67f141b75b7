package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.pretokenizer.ByteLevelAlphabet;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Maps byte-level characters back to bytes and decodes them as UTF-8 (invalid sequences become
 * U+FFFD). A token with a character outside the alphabet (an added token such as
 * {@code <|endoftext|>}) contributes its own UTF-8, as in Hugging Face.
 */
public final class ByteLevelDecoder extends ChainDecoder {
  private final boolean addPrefixSpace;
  private final boolean trimOffsets;
  private final boolean useRegex;

  public ByteLevelDecoder(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    this.addPrefixSpace = addPrefixSpace;
    this.trimOffsets = trimOffsets;
    this.useRegex = useRegex;
  }

  public static ByteLevelDecoder gpt2() {
    return new ByteLevelDecoder(true, true, true);
  }

  @Override
  public String type() {
    return "ByteLevel";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String t : tokens) {
      boolean allMapped = true;
      for (int i = 0; i < t.length(); i++) {
        if (ByteLevelAlphabet.byteOf(t.charAt(i)) < 0) {
          allMapped = false;
          break;
        }
      }
      if (allMapped) {
        for (int i = 0; i < t.length(); i++) {
          bytes.write(ByteLevelAlphabet.byteOf(t.charAt(i)));
        }
      } else {
        bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
      }
    }
    return List.of(bytes.toString(StandardCharsets.UTF_8));
  }

  @Override
  public ObjectNode toJson() {
    return ByteLevel.json(type(), addPrefixSpace, trimOffsets, useRegex);
  }
}
