package io.llmtrain.tokenize.pretokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map from the 256 byte values to printable characters: printable Latin-1
 * bytes map to themselves, the others to code points from U+0100 up, so every byte sequence is a
 * string of visible characters that a BPE vocabulary can hold.
 */
public final class ByteLevelAlphabet {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
      char c = printable ? (char) b : (char) (256 + next++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevelAlphabet() {
  }

  public static char charOf(int unsignedByte) {
    return BYTE_TO_CHAR[unsignedByte];
  }

  /** The byte a character stands for, or -1 when it is not in the alphabet. */
  public static int byteOf(int c) {
    return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** The 256 characters of the alphabet, in byte order. */
  public static String alphabet() {
    return new String(BYTE_TO_CHAR);
  }

  /** {@code text} as UTF-8 bytes spelt in the alphabet. */
  public static String encode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] out = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(out);
  }
}
