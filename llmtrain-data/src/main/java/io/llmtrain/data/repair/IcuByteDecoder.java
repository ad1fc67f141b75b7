package io.llmtrain.data.repair;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import io.llmtrain.core.spi.ByteDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads bytes that are not valid UTF-8 by detecting their charset with ICU4J's
 * {@link CharsetDetector} (registered as {@code icu}, priority 10, above the core's plain
 * Windows-1252 fallback).
 *
 * <p>Detection is statistical, so it is kept where it is reliable. UTF-8 is never a candidate (the
 * caller has already found the bytes invalid), nor are UTF-16/32 without a byte-order mark or the
 * EBCDIC code pages, which ICU proposes with low confidence for any Western text. Inputs shorter
 * than {@value #SHORT_INPUT} bytes are too short to tell ISO-8859-1 from its Central European or
 * Turkish cousins, so there only Western Latin, Cyrillic, Greek and the structurally recognisable
 * East Asian multi-byte charsets are considered, and a non-Western pick needs a confidence of at
 * least {@value #SHORT_NON_WESTERN_CONFIDENCE}. When nothing reaches {@value #MIN_CONFIDENCE}, the
 * bytes are read as Windows-1252, the most common legacy charset of Western text. ISO-8859-1 is
 * always read as Windows-1252, its superset in practice.
 */
public final class IcuByteDecoder implements ByteDecoder {
  public static final String NAME = "icu";
  /** Below this many bytes, only the charsets that short text can be told apart by are tried. */
  static final int SHORT_INPUT = 256;
  static final int MIN_CONFIDENCE = 20;
  static final int SHORT_NON_WESTERN_CONFIDENCE = 50;

  private static final Set<String> NEVER = Set.of("UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE",
      "UTF-32LE", "IBM424_rtl", "IBM424_ltr", "IBM420_rtl", "IBM420_ltr");
  private static final Set<String> SHORT_INPUT_CHARSETS = Set.of("ISO-8859-1", "windows-1252",
      "ISO-8859-5", "ISO-8859-7", "windows-1253", "windows-1251", "KOI8-R", "Shift_JIS",
      "GB18030", "EUC-JP", "EUC-KR", "Big5");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Detects the charset of non-UTF-8 input with ICU4J (Windows-1252 when unsure)";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Decoded decode(byte[] bytes, int offset, int length) {
    Charset charset;
    try {
      charset = detect(bytes, offset, length);
    } catch (RuntimeException e) {
      // ICU should not throw on any input; if it does, reading as Windows-1252 loses nothing.
      charset = WINDOWS_1252;
    }
    return new Decoded(decode(bytes, offset, length, charset), charset.name());
  }

  /**
   * The charset these bytes most likely are in, never UTF-8; Windows-1252 when unsure. Valid UTF-8
   * input should not be passed here: it is UTF-8.
   */
  public static Charset detect(byte[] bytes, int offset, int length) {
    Charset bom = byteOrderMark(bytes, offset, length);
    if (bom != null) {
      return bom;
    }
    byte[] data = offset == 0 && length == bytes.length
        ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    boolean shortInput = length < SHORT_INPUT;
    CharsetDetector detector = new CharsetDetector();
    // HTML mail and pages would otherwise be judged on their tags, which are plain ASCII.
    detector.enableInputFilter(true);
    detector.setText(data);
    CharsetMatch[] matches = detector.detectAll();
    for (CharsetMatch m : matches) {
      if (m.getConfidence() < MIN_CONFIDENCE) {
        break;
      }
      String name = m.getName();
      boolean wanted = !NEVER.contains(name)
          && (!shortInput || SHORT_INPUT_CHARSETS.contains(name));
      if (!wanted) {
        continue;
      }
      Charset c = javaCharset(name);
      if (c == null) {
        continue;
      }
      if (shortInput && !isWestern(c) && m.getConfidence() < SHORT_NON_WESTERN_CONFIDENCE) {
        break;
      }
      return c;
    }
    return WINDOWS_1252;
  }

  /** Decodes with {@code charset}, replacing malformed input; Latin-1 is read as Windows-1252. */
  public static String decode(byte[] bytes, int offset, int length, Charset charset) {
    if (isWestern(charset)) {
      return Windows1252.decode(bytes, offset, length);
    }
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      // Cannot happen with REPLACE; read as Windows-1252 rather than fail.
      return Windows1252.decode(bytes, offset, length);
    }
  }

  private static boolean isWestern(Charset c) {
    return c.equals(WINDOWS_1252) || c.equals(StandardCharsets.ISO_8859_1);
  }

  private static Charset javaCharset(String icuName) {
    String name = switch (icuName) {
      case "ISO-8859-1" -> "windows-1252";
      case "ISO-8859-8-I" -> "ISO-8859-8";
      default -> icuName;
    };
    try {
      return Charset.isSupported(name) ? Charset.forName(name) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Charset byteOrderMark(byte[] b, int off, int len) {
    if (len >= 4 && b[off] == (byte) 0xFF && b[off + 1] == (byte) 0xFE && b[off + 2] == 0
        && b[off + 3] == 0) {
      return charsetOrNull("UTF-32LE");
    }
    if (len >= 4 && b[off] == 0 && b[off + 1] == 0 && b[off + 2] == (byte) 0xFE
        && b[off + 3] == (byte) 0xFF) {
      return charsetOrNull("UTF-32BE");
    }
    if (len >= 2 && b[off] == (byte) 0xFE && b[off + 1] == (byte) 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    if (len >= 2 && b[off] == (byte) 0xFF && b[off + 1] == (byte) 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    return null;
  }

  private static Charset charsetOrNull(String name) {
    return Charset.isSupported(name) ? Charset.forName(name) : null;
  }
}
