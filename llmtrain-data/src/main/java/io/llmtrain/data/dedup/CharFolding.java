package io.llmtrain.data.dedup;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-character normalization for hashing, as one lookup table over the 65,536 UTF-16 units, so
 * the hashing loops do a single array read per character instead of several Unicode property
 * queries. A table maps each unit to the unit hashed in its place ({@code ' '} for any whitespace
 * when words are separated at spaces), to {@link #DROP} (ignored) or to {@link #SPECIAL} (look at
 * the character itself: a surrogate, or a character that Unicode normalization could change).
 * Every value from {@link #FIRST_UNUSUAL} up needs a second look, so the common case costs one
 * comparison. Tables are built once per option combination (128 KiB each) and shared.
 */
final class CharFolding {
  /** Marks a character to ignore. U+FFFE is a noncharacter, never meaningful in text. */
  static final char DROP = '\uFFFE';
  /** Marks a character to look at: a surrogate, or one that normalization could change. */
  static final char SPECIAL = '\uFFFF';
  /** Table values from here on need a second look (they include a few ordinary characters). */
  static final char FIRST_UNUSUAL = '\uD800';

  static final int LOWERCASE = 1;
  static final int STRIP_PUNCTUATION = 2;
  static final int FOLD_ACCENTS = 4;
  static final int SEPARATE_AT_SPACES = 8;
  /** Mark characters that NFC could change (not NFC_Quick_Check=Yes with combining class 0). */
  static final int CHECK_NFC = 16;
  /** Mark characters that NFKC could change. */
  static final int CHECK_NFKC = 32;

  /** The value of the Unicode *_Quick_Check properties meaning "Yes" (No is 0, Maybe 2). */
  static final int QUICK_CHECK_YES = 1;

  private static final ConcurrentHashMap<Integer, char[]> TABLES = new ConcurrentHashMap<>();

  private CharFolding() {
  }

  /** The shared table for a combination of the flags above. */
  static char[] table(int flags) {
    return TABLES.computeIfAbsent(flags, CharFolding::build);
  }

  private static char[] build(int flags) {
    char[] table = new char[1 << 16];
    for (int c = 0; c < table.length; c++) {
      if (c == DROP || c == SPECIAL) {
        table[c] = DROP;
      } else if (Character.isSurrogate((char) c) || !isNormalizationSafe(c, flags)) {
        table[c] = SPECIAL;
      } else {
        int folded = foldCodePoint(c, flags);
        // keep entries one unit wide; no BMP character folds outside the BMP anyway
        table[c] = folded < 0 ? DROP : folded > 0xFFFF ? (char) c : (char) folded;
      }
    }
    return table;
  }

  /**
   * Whether a string made only of characters like {@code c} is certainly unchanged by the
   * normalization {@code flags} ask to check for (the Unicode quick-check rule).
   */
  static boolean isNormalizationSafe(int c, int flags) {
    int property = (flags & CHECK_NFKC) != 0 ? UProperty.NFKC_QUICK_CHECK
        : (flags & CHECK_NFC) != 0 ? UProperty.NFC_QUICK_CHECK : -1;
    return property < 0 || UCharacter.getIntPropertyValue(c, property) == QUICK_CHECK_YES
        && UCharacter.getCombiningClass(c) == 0;
  }

  /** What code point {@code c} becomes under {@code flags}: a code point, or -1 to drop it. */
  static int foldCodePoint(int c, int flags) {
    if (isSpace(c)) {
      return (flags & SEPARATE_AT_SPACES) != 0 ? ' ' : c;
    }
    int type = Character.getType(c);
    if ((flags & STRIP_PUNCTUATION) != 0 && isPunctuationSymbolOrControl(type)) {
      return -1;
    }
    if ((flags & FOLD_ACCENTS) != 0) {
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        return -1;
      }
      c = withoutMarks(c);
    }
    if ((flags & LOWERCASE) != 0) {
      c = Character.toLowerCase(c);
    }
    return c;
  }

  /** The base letter of a precomposed letter with accents (é to e, ç to c), else {@code c}. */
  private static int withoutMarks(int c) {
    String decomposed = Normalizer2.getNFDInstance().getDecomposition(c);
    if (decomposed == null) {
      return c;
    }
    int base = -1;
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
        continue;
      }
      if (base >= 0) {
        return c; // decomposes into several base characters (Hangul, for one): keep it whole
      }
      base = cp;
    }
    return base < 0 ? c : base;
  }

  /**
   * Whitespace in the broad sense: Java's whitespace plus the no-break spaces and NEL, which
   * copies of the same text often differ in.
   */
  static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }

  /**
   * Punctuation (P*), symbols (S*: currency, maths, emoji), invisible format characters (Cf: soft
   * hyphen, zero-width space) and control characters other than whitespace, which decorate text
   * without changing what it says.
   */
  private static boolean isPunctuationSymbolOrControl(int type) {
    switch (type) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
      case Character.MATH_SYMBOL:
      case Character.CURRENCY_SYMBOL:
      case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
      case Character.FORMAT:
      case Character.CONTROL:
        return true;
      default:
        return false;
    }
  }
}
