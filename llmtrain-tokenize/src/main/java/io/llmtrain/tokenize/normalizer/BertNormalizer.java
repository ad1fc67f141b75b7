package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.Locale;

/**
 * BERT's normalizer: drops control characters and maps whitespace to spaces ({@code clean_text}),
 * puts spaces around CJK ideographs ({@code handle_chinese_chars}), strips accents
 * ({@code strip_accents}; null means "when lower-casing", as in BERT) and lower-cases.
 */
public final class BertNormalizer implements Normalizer {
  private final boolean cleanText;
  private final boolean handleChineseChars;
  private final Boolean stripAccents;
  private final boolean lowercase;

  public BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents,
      boolean lowercase) {
    this.cleanText = cleanText;
    this.handleChineseChars = handleChineseChars;
    this.stripAccents = stripAccents;
    this.lowercase = lowercase;
  }

  /** BERT uncased defaults: clean, CJK spacing, accents stripped with lower-casing. */
  public static BertNormalizer uncased() {
    return new BertNormalizer(true, true, null, true);
  }

  @Override
  public String type() {
    return "BertNormalizer";
  }

  @Override
  public String normalize(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (cleanText) {
        if (c == 0 || c == 0xFFFD || isControl(c)) {
          continue;
        }
        if (isWhitespace(c)) {
          sb.append(' ');
          continue;
        }
      }
      if (handleChineseChars && isChinese(c)) {
        sb.append(' ').appendCodePoint(c).append(' ');
      } else {
        sb.appendCodePoint(c);
      }
    }
    String s = sb.toString();
    boolean strip = stripAccents == null ? lowercase : stripAccents;
    if (strip) {
      s = StripAccents.removeMarks(java.text.Normalizer.normalize(s,
          java.text.Normalizer.Form.NFD), false);
    }
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    return s;
  }

  static boolean isWhitespace(int c) {
    return c == '\t' || c == '\n' || c == '\r' || Character.isWhitespace(c)
        || Character.isSpaceChar(c);
  }

  static boolean isControl(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return false;
    }
    int t = Character.getType(c);
    return t == Character.CONTROL || t == Character.FORMAT || t == Character.UNASSIGNED
        || t == Character.PRIVATE_USE || t == Character.SURROGATE;
  }

  static boolean isChinese(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    o.put("clean_text", cleanText);
    o.put("handle_chinese_chars", handleChineseChars);
    if (stripAccents == null) {
      o.putNull("strip_accents");
    } else {
      o.put("strip_accents", stripAccents);
    }
    o.put("lowercase", lowercase);
    return o;
  }
}
