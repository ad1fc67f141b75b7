package io.llmtrain.data.extract;

import io.llmtrain.data.repair.IcuByteDecoder;
import io.llmtrain.data.repair.Windows1252;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Charset names as mail declares them, and decoding of body bytes with them. */
final class MailCharsets {
  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  /** Spam declares arbitrary names; past this many distinct ones, stop remembering new ones. */
  private static final int CACHE_LIMIT = 512;
  private static final Map<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();
  private static final ThreadLocal<CharsetDecoder> STRICT_UTF8 = ThreadLocal.withInitial(() ->
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT));

  private MailCharsets() {
  }

  /** Where the bytes of a message came from, which decides how much their charsets say. */
  enum Source {
    /** The original bytes of the message. */
    RAW,
    /**
     * Restored from text whose every character has a Windows-1252 byte: either the original bytes
     * read as Latin-1 or Windows-1252 (so declared charsets still apply), or text that was already
     * decoded and happens to be all Western (so its characters are right as they are).
     */
    WESTERN_TEXT,
    /** Text that was already decoded, re-encoded as UTF-8: its characters are what they are. */
    DECODED_TEXT
  }

  /** A decoded body, the charset it was read as, and whether that charset was detected. */
  record Decoded(String text, String charset, boolean detected) {
    Decoded(String text, String charset) {
      this(text, charset, false);
    }
  }

  /** The charset a declared name stands for; null when missing, unknown or unsupported. */
  static Charset resolve(String declared) {
    if (declared == null) {
      return null;
    }
    String name = declared.trim().toLowerCase(Locale.ROOT);
    if (name.length() > 1 && (name.charAt(0) == '"' || name.charAt(0) == '\'')) {
      name = name.substring(1, name.length() - 1).trim();
    }
    if (name.isEmpty()) {
      return null;
    }
    Optional<Charset> cached = CACHE.get(name);
    if (cached == null) {
      cached = Optional.ofNullable(lookup(name));
      if (CACHE.size() < CACHE_LIMIT) {
        CACHE.put(name, cached);
      }
    }
    return cached.orElse(null);
  }

  private static Charset lookup(String name) {
    String java = switch (name) {
      // Mail labelled GB2312 routinely uses GBK characters; GB18030 is a superset of both.
      case "gb2312", "gbk", "x-gbk", "euc-cn", "cn-gb" -> "GB18030";
      // Western mail that says Latin-1 is written on Windows; WHATWG reads it this way too.
      case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819",
          "ibm819", "x-ansi" -> "windows-1252";
      case "iso-8859-8-i" -> "ISO-8859-8";
      case "windows-874", "tis-620" -> "x-windows-874";
      default -> name;
    };
    try {
      return Charset.isSupported(java) ? Charset.forName(java) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Decodes a body. {@code transferEncoded} says whether the bytes came out of quoted-printable or
   * base64, in which case they are the sender's bytes whatever the {@link Source}.
   */
  static Decoded decode(byte[] bytes, String declaredName, boolean transferEncoded, Source source,
      boolean detect) {
    Charset declared = resolve(declaredName);
    if (isAscii(bytes) && (declared == null || isAsciiCompatible(declared))) {
      return new Decoded(new String(bytes, StandardCharsets.US_ASCII),
          declared == null ? "US-ASCII" : declared.name());
    }
    if (!transferEncoded && source == Source.DECODED_TEXT) {
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8");
    }
    if (declared != null && !isWesternOrUnicode(declared)) {
      return new Decoded(IcuByteDecoder.decode(bytes, 0, bytes.length, declared), declared.name());
    }
    if (isValidUtf8(bytes)) {
      // Multi-byte UTF-8 does not happen by chance in Latin text, so this also catches mail that
      // is UTF-8 but labelled Latin-1 or not labelled at all.
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), "UTF-8");
    }
    if (declared != null && declared.equals(WINDOWS_1252)) {
      return new Decoded(Windows1252.decode(bytes), WINDOWS_1252.name());
    }
    if (!transferEncoded && source == Source.WESTERN_TEXT) {
      // Undeclared 8-bit text that whoever made the document already turned into characters:
      // those characters are the best reading there is.
      return new Decoded(Windows1252.decode(bytes), WINDOWS_1252.name());
    }
    Charset guessed = detect ? IcuByteDecoder.detect(bytes, 0, bytes.length) : WINDOWS_1252;
    return new Decoded(IcuByteDecoder.decode(bytes, 0, bytes.length, guessed), guessed.name(),
        detect);
  }

  static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  static boolean isValidUtf8(byte[] bytes) {
    try {
      CharBuffer unused = STRICT_UTF8.get().reset().decode(ByteBuffer.wrap(bytes));
      return unused != null;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean isAsciiCompatible(Charset c) {
    String n = c.name();
    return !n.startsWith("UTF-16") && !n.startsWith("UTF-32") && !n.startsWith("x-UTF-32")
        && !n.startsWith("IBM0") && !n.startsWith("x-IBM");
  }

  private static boolean isWesternOrUnicode(Charset c) {
    return c.equals(StandardCharsets.UTF_8) || c.equals(StandardCharsets.US_ASCII)
        || c.equals(WINDOWS_1252) || c.equals(StandardCharsets.ISO_8859_1);
  }
}
