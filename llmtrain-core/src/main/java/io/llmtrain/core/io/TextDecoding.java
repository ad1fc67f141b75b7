package io.llmtrain.core.io;

import io.llmtrain.core.spi.ByteDecoder;
import io.llmtrain.core.spi.Plugins;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Turns input bytes into text: strict UTF-8 when the bytes are valid UTF-8 (the common case, kept
 * fast), otherwise the registered {@link ByteDecoder} of highest priority, and the caller learns
 * that the text was repaired.
 */
public final class TextDecoding {
  private static final ThreadLocal<CharsetDecoder> STRICT_UTF8 = ThreadLocal.withInitial(() ->
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT));

  private static volatile ByteDecoder fallback;

  private TextDecoding() {
  }

  /** Decoded text; {@code charset} is {@code UTF-8} unless the input had to be repaired. */
  public record Result(String text, String charset, boolean repaired) {
  }

  public static Result decode(byte[] bytes, int offset, int length) {
    // new String(..., UTF_8) is intrinsified and fast; only text containing U+FFFD needs the strict
    // check, because a malformed sequence and a genuine U+FFFD both decode to it.
    String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0 || isValidUtf8(bytes, offset, length)) {
      return new Result(stripBom(text), "UTF-8", false);
    }
    if (mostlyUtf8(bytes, offset, length)) {
      // A UTF-8 file with a few corrupt bytes is still UTF-8: read as a legacy charset, every
      // one of its accented letters would turn into mojibake to save the few broken ones.
      return new Result(stripBom(text), "UTF-8", true);
    }
    ByteDecoder.Decoded decoded = fallback().decode(bytes, offset, length);
    return new Result(stripBom(decoded.text()), decoded.charset(), true);
  }

  /**
   * Whether invalid bytes are rare next to well-formed multi-byte UTF-8 sequences: at least
   * {@value #MIN_UTF8_SEQUENCES} of those and at most one malformed sequence per {@value
   * #UTF8_SEQUENCES_PER_ERROR}. Text in a legacy charset almost never forms valid multi-byte
   * sequences (an accented letter there is one high byte between ASCII ones).
   */
  static boolean mostlyUtf8(byte[] bytes, int offset, int length) {
    int valid = 0;
    int invalid = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        continue;
      }
      int follow = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2
          : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
      boolean ok = follow > 0 && i + follow < end;
      for (int k = 1; ok && k <= follow; k++) {
        ok = (bytes[i + k] & 0xC0) == 0x80;
      }
      if (ok) {
        valid++;
        i += follow;
      } else {
        invalid++;
      }
    }
    return valid >= MIN_UTF8_SEQUENCES && (long) invalid * UTF8_SEQUENCES_PER_ERROR <= valid;
  }

  static final int MIN_UTF8_SEQUENCES = 8;
  static final int UTF8_SEQUENCES_PER_ERROR = 10;

  public static Result decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  static boolean isValidUtf8(byte[] bytes, int offset, int length) {
    CharsetDecoder decoder = STRICT_UTF8.get().reset();
    try {
      CharBuffer unused = decoder.decode(ByteBuffer.wrap(bytes, offset, length));
      return unused != null;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  /** The decoder used for bytes that are not UTF-8. */
  public static ByteDecoder fallback() {
    ByteDecoder d = fallback;
    if (d == null) {
      d = Plugins.all(ByteDecoder.class).values().stream()
          .max(Comparator.comparingInt(ByteDecoder::priority))
          .orElseGet(Windows1252Decoder::new);
      fallback = d;
    }
    return d;
  }

  /**
   * The core's fallback: most legacy Western text is Windows-1252 (a superset of Latin-1 in
   * practice). As in the WHATWG encoding standard, the five bytes Windows-1252 leaves undefined
   * map to the C1 controls of the same value, so every byte decodes and nothing is lost.
   */
  public static final class Windows1252Decoder implements ByteDecoder {
    private static final char[] HIGH = new char[256];

    static {
      Charset cp1252 = Charset.forName("windows-1252");
      for (int b = 0; b < 256; b++) {
        char c = new String(new byte[] {(byte) b}, cp1252).charAt(0);
        HIGH[b] = c == '\uFFFD' ? (char) b : c;
      }
    }

    @Override
    public String name() {
      return "windows-1252";
    }

    @Override
    public String description() {
      return "Reads non-UTF-8 bytes as Windows-1252";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public Decoded decode(byte[] bytes, int offset, int length) {
      char[] out = new char[length];
      for (int i = 0; i < length; i++) {
        out[i] = HIGH[bytes[offset + i] & 0xFF];
      }
      return new Decoded(new String(out), "windows-1252");
    }
  }
}
