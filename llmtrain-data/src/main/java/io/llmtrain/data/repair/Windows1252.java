package io.llmtrain.data.repair;

import java.nio.charset.Charset;

/**
 * Windows-1252 as browsers read it (the WHATWG encoding standard): bytes 0x80-0x9F are the
 * typographic characters Windows puts there (curly quotes, dashes, the euro sign), the five bytes
 * Windows leaves undefined read as the C1 control of the same value, and every other byte is its
 * ISO-8859-1 character. Unlike the JDK's {@code windows-1252}, which turns the undefined bytes
 * into U+FFFD, every byte sequence round-trips, which mojibake repair and e-mail parsing rely on.
 */
public final class Windows1252 {
  /** The character of each byte 0x80-0x9F. */
  private static final char[] HIGH = new char[32];
  /** The byte for each character up to U+2122 (the highest one Windows-1252 uses), or 0. */
  private static final byte[] BYTE_OF = new byte[0x2123];

  static {
    // Taken from the JDK's table rather than typed in, so there is nothing to get wrong.
    Charset jdk = Charset.forName("windows-1252");
    for (int b = 0x80; b <= 0x9F; b++) {
      char c = new String(new byte[] {(byte) b}, jdk).charAt(0);
      HIGH[b - 0x80] = c == '\uFFFD' ? (char) b : c;
      BYTE_OF[HIGH[b - 0x80]] = (byte) b;
    }
  }

  private Windows1252() {
  }

  /** Decodes bytes; never fails. */
  public static String decode(byte[] bytes, int offset, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      int b = bytes[offset + i] & 0xFF;
      chars[i] = b >= 0x80 && b < 0xA0 ? HIGH[b - 0x80] : (char) b;
    }
    return new String(chars);
  }

  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /**
   * The byte that encodes {@code c}, or -1 if Windows-1252 has none. C1 controls U+0080-U+009F
   * map to the byte of the same value too, because text that was decoded as ISO-8859-1 (rather
   * than Windows-1252) carries them where the typographic characters should be.
   */
  public static int byteOf(char c) {
    if (c < 0x100) {
      return c;
    }
    if (c < BYTE_OF.length) {
      int b = BYTE_OF[c] & 0xFF;
      return b == 0 ? -1 : b;
    }
    return -1;
  }

  /**
   * The character of byte {@code b} (0-255). For 0x80-0x9F that is the typographic character, or
   * the C1 control of the same value for the five undefined bytes.
   */
  public static char charOf(int b) {
    return b >= 0x80 && b < 0xA0 ? HIGH[b - 0x80] : (char) b;
  }

  /** Whether every character of {@code s} has a byte. */
  public static boolean canEncode(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x100 && byteOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Encodes text for which {@link #canEncode} holds; other characters become '?'. */
  public static byte[] encode(CharSequence s) {
    int n = s.length();
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int b = byteOf(s.charAt(i));
      out[i] = (byte) (b < 0 ? '?' : b);
    }
    return out;
  }
}
