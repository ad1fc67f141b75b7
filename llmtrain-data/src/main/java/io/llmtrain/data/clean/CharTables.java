package io.llmtrain.data.clean;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;

/**
 * Character classes, case-and-accent folding and emoji properties, precomputed once for the whole
 * Basic Multilingual Plane so that the cleaning stages classify a character with one array load
 * instead of a Unicode property lookup. Emoji properties come from ICU (Unicode 16/17 data), not
 * from hand-written ranges.
 */
final class CharTables {
  /** Control characters, private use, unassigned: they neither form words nor symbol runs. */
  static final byte OTHER = 0;
  /** Letters, digits and combining marks: the characters words are made of. */
  static final byte WORD = 1;
  /** Horizontal white space (space, tab, no-break space, other Zs). */
  static final byte SPACE = 2;
  /** Line breaks: '\n', '\r', U+2028, U+2029, U+0085. */
  static final byte BREAK = 3;
  /** Punctuation and symbols that are not emoji. */
  static final byte SYMBOL = 4;
  /** Emoji, pictographs and the invisible parts of emoji sequences (U+FE0F, ZWJ, U+20E3). */
  static final byte EMOJI = 5;
  /** Format characters (soft hyphen, zero-width space): ignored inside words. */
  static final byte IGNORABLE = 6;
  /** A UTF-16 surrogate: classify the code point with {@link #classOfCodePoint}. */
  static final byte SURROGATE = 7;

  /** Extended_Pictographic. */
  static final byte PICT = 1;
  /** Emoji_Presentation: shown as emoji without a variation selector. */
  static final byte PRESENTATION = 2;
  /** Emoji_Modifier: the five skin tones. */
  static final byte MODIFIER = 4;
  /** Regional_Indicator: two of them make a flag. */
  static final byte REGIONAL = 8;
  /** '#', '*' and the ASCII digits: emoji only inside a keycap sequence. */
  static final byte KEYCAP_BASE = 16;
  /**
   * Pictographs that are ordinary typography when written without U+FE0F: (c), (r), TM, the
   * double exclamation marks and the arrows. They are emoji only in a presentation sequence.
   */
  static final byte TYPOGRAPHIC = 32;

  static final char VS15_TEXT = '\uFE0E';
  static final char VS16_EMOJI = '\uFE0F';
  static final char ZWJ = '\u200D';
  static final char KEYCAP = '\u20E3';
  static final int TAG_FIRST = 0xE0020;
  static final int TAG_CANCEL = 0xE007F;

  /** {@link #wordFold} of a character that ends a word. */
  static final char NOT_WORD = '\uFFFF';
  /** {@link #wordFold} of a surrogate: look at the code point. */
  static final char SURROGATE_FOLD = '\uFFFE';

  private static final byte[] CLASS = new byte[0x10000];
  private static final char[] FOLD = new char[0x10000];
  private static final char[] WORD_FOLD = new char[0x10000];
  private static final int[] WORD_CODE = new int[0x10000];

  /** {@link #wordCode} of a character that ends a word. */
  static final int CODE_NOT_WORD = -1;
  /** {@link #wordCode} of a character a word ignores (combining mark, soft hyphen). */
  static final int CODE_INVISIBLE = -2;
  /** {@link #wordCode} of a surrogate: look at the code point. */
  static final int CODE_SURROGATE = -3;
  private static final byte[] EMOJI_BMP = new byte[0x10000];
  private static final byte[] EMOJI_PLANE1 = new byte[0x10000];

  private static final String TYPOGRAPHIC_CHARS =
      "\u00A9\u00AE\u2122\u203C\u2049\u2194\u2195\u2196\u2197\u2198\u2199\u21A9\u21AA";

  static {
    Normalizer2 nfd = Normalizer2.getNFDInstance();
    for (int c = 0; c < 0x10000; c++) {
      EMOJI_BMP[c] = emojiFlags(c);
      CLASS[c] = classify(c);
      FOLD[c] = fold(c, nfd);
      byte cls = CLASS[c];
      WORD_FOLD[c] = cls == WORD || cls == IGNORABLE ? FOLD[c]
          : cls == SURROGATE ? SURROGATE_FOLD : NOT_WORD;
      char f = WORD_FOLD[c];
      WORD_CODE[c] = f == 0 ? CODE_INVISIBLE : f == SURROGATE_FOLD ? CODE_SURROGATE
          : f == NOT_WORD ? CODE_NOT_WORD : f;
    }
    for (int c = 0; c < 0x10000; c++) {
      EMOJI_PLANE1[c] = emojiFlags(0x10000 + c);
    }
  }

  private CharTables() {
  }

  private static byte emojiFlags(int cp) {
    int flags = 0;
    if (UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC)) {
      flags |= PICT;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_PRESENTATION)) {
      flags |= PRESENTATION;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_MODIFIER)) {
      flags |= MODIFIER;
    }
    if (UCharacter.hasBinaryProperty(cp, UProperty.REGIONAL_INDICATOR)) {
      flags |= REGIONAL;
    }
    if (cp < 0x80 && UCharacter.hasBinaryProperty(cp, UProperty.EMOJI_COMPONENT)) {
      flags |= KEYCAP_BASE;
    }
    if (cp < 0x10000 && TYPOGRAPHIC_CHARS.indexOf(cp) >= 0) {
      flags |= TYPOGRAPHIC;
    }
    return (byte) flags;
  }

  private static byte classify(int c) {
    if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) {
      return BREAK;
    }
    if (c == '\t' || c == 0x0B || c == 0x0C) {
      return SPACE;
    }
    if (c >= 0x80 && ((EMOJI_BMP[c] & (PICT | PRESENTATION)) != 0 || c == VS15_TEXT
        || c == VS16_EMOJI || c == ZWJ || c == KEYCAP)) {
      return EMOJI;
    }
    return classByType(Character.getType(c));
  }

  private static byte classByType(int type) {
    switch (type) {
      case Character.SPACE_SEPARATOR:
        return SPACE;
      case Character.UPPERCASE_LETTER:
      case Character.LOWERCASE_LETTER:
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
      case Character.DECIMAL_DIGIT_NUMBER:
      case Character.LETTER_NUMBER:
      case Character.OTHER_NUMBER:
      case Character.NON_SPACING_MARK:
      case Character.COMBINING_SPACING_MARK:
      case Character.ENCLOSING_MARK:
        return WORD;
      case Character.FORMAT:
        return IGNORABLE;
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
        return SYMBOL;
      case Character.SURROGATE:
        return SURROGATE;
      default:
        return OTHER;
    }
  }

  /** Lower case without diacritics; 0 for characters that words ignore (marks, format chars). */
  private static char fold(int c, Normalizer2 nfd) {
    byte cls = CLASS[c];
    if (cls == IGNORABLE) {
      return 0;
    }
    if (cls != WORD) {
      return (char) c;
    }
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      return 0;
    }
    char lower = Character.toLowerCase((char) c);
    String decomposed = nfd.getDecomposition(lower);
    if (decomposed != null && !decomposed.isEmpty() && onlyMarksAfterBase(decomposed)) {
      return Character.toLowerCase(decomposed.charAt(0));
    }
    return lower;
  }

  /** True for "base + accents" decompositions; false for Hangul syllables and the like. */
  private static boolean onlyMarksAfterBase(String decomposed) {
    if (Character.isSurrogate(decomposed.charAt(0))) {
      return false;
    }
    for (int i = 1; i < decomposed.length(); i++) {
      if (Character.getType(decomposed.charAt(i)) != Character.NON_SPACING_MARK) {
        return false;
      }
    }
    return true;
  }

  /** The class of a BMP character (surrogates give {@link #SURROGATE}). */
  static byte classOf(char c) {
    return CLASS[c];
  }

  /** The class of any code point. */
  static byte classOfCodePoint(int cp) {
    if (cp < 0x10000) {
      return CLASS[cp];
    }
    if (cp < 0x20000 && (EMOJI_PLANE1[cp - 0x10000] & (PICT | PRESENTATION | MODIFIER)) != 0) {
      return EMOJI;
    }
    if (cp >= 0xE0000 && cp <= TAG_CANCEL) {
      return EMOJI;
    }
    return classByType(Character.getType(cp));
  }

  /** The class of the code point at {@code i} (the pair when {@code i} starts one). */
  static byte classAt(CharSequence s, int i) {
    char c = s.charAt(i);
    byte cls = CLASS[c];
    if (cls != SURROGATE) {
      return cls;
    }
    return classOfCodePoint(Character.codePointAt(s, i));
  }

  /** The class of the code point that ends just before {@code i}. */
  static byte classBefore(CharSequence s, int i) {
    char c = s.charAt(i - 1);
    byte cls = CLASS[c];
    if (cls != SURROGATE) {
      return cls;
    }
    return classOfCodePoint(Character.codePointBefore(s, i));
  }

  /** Lower case, no diacritics; 0 when the character does not count inside a word. */
  static char fold(char c) {
    return FOLD[c];
  }

  /**
   * Word scanning in one lookup: the folded character for letters and digits, 0 for characters
   * a word ignores (combining marks, soft hyphens), {@link #NOT_WORD} for everything else and
   * {@link #SURROGATE_FOLD} for surrogates.
   */
  static char wordFold(char c) {
    return WORD_FOLD[c];
  }

  /**
   * {@link #wordFold} as a signed number, for loops without branches: the folded character
   * (positive) for letters and digits, {@link #CODE_NOT_WORD}, {@link #CODE_INVISIBLE} or
   * {@link #CODE_SURROGATE} otherwise.
   */
  static int wordCode(char c) {
    return WORD_CODE[c];
  }

  /** Folding for a supplementary letter: lower case only. */
  static int foldCodePoint(int cp) {
    return cp < 0x10000 ? FOLD[cp] : Character.toLowerCase(cp);
  }

  /** Emoji property flags of a code point (see the flag constants). */
  static int emoji(int cp) {
    if (cp < 0x10000) {
      return EMOJI_BMP[cp];
    }
    if (cp < 0x20000) {
      return EMOJI_PLANE1[cp - 0x10000];
    }
    return 0;
  }

  static boolean isHorizontalSpace(char c) {
    return CLASS[c] == SPACE;
  }

  static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r';
  }

  /** Lower-cases and strips accents from a whole string, the way words are compared. */
  static String foldString(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      byte cls = classOfCodePoint(cp);
      if (cls == WORD || cls == IGNORABLE) {
        int f = foldCodePoint(cp);
        if (f != 0) {
          b.appendCodePoint(f);
        }
      } else {
        b.appendCodePoint(cp);
      }
    }
    return b.toString();
  }
}
