package io.llmtrain.data.filter;

import com.ibm.icu.text.UnicodeSet;

/**
 * Character classes the filters share: datatrove's punctuation set (what makes a token a "symbol"
 * rather than a word), sentence terminals, and the classes of spaCy's English tokenizer rules that
 * datatrove's word tokenizer relies on. Lookups are a bitmap for the BMP and a set for the rest.
 */
final class CharClasses {
  private CharClasses() {
  }

  /** A set of code points: a bitmap over the BMP plus a frozen ICU set for astral planes. */
  static final class CodePointSet {
    private final long[] bmp = new long[1024];
    private final UnicodeSet astral = new UnicodeSet();

    CodePointSet add(int cp) {
      if (cp < 0x10000) {
        bmp[cp >>> 6] |= 1L << cp;
      } else {
        astral.add(cp);
      }
      return this;
    }

    CodePointSet addRange(int from, int to) {
      for (int cp = from; cp <= to; cp++) {
        add(cp);
      }
      return this;
    }

    CodePointSet addAll(String chars) {
      chars.codePoints().forEach(this::add);
      return this;
    }

    CodePointSet addAll(UnicodeSet set) {
      for (UnicodeSet.EntryRange r : set.ranges()) {
        addRange(r.codepoint, r.codepointEnd);
      }
      return this;
    }

    CodePointSet freeze() {
      astral.freeze();
      return this;
    }

    boolean contains(int cp) {
      if (cp < 0x10000) {
        return (bmp[cp >>> 6] & (1L << cp)) != 0;
      }
      return astral.contains(cp);
    }
  }

  /**
   * Unicode's Sentence_Terminal property (ICU). datatrove's {@code TERMINAL_PUNCTUATION} and
   * spaCy's sentencizer list enumerate this property by hand for an older Unicode version.
   */
  static final CodePointSet SENTENCE_TERMINAL =
      new CodePointSet().addAll(new UnicodeSet("[:Sentence_Terminal:]").freeze()).freeze();

  /**
   * datatrove's {@code PUNCTUATION_SET}: a token made only of these is a symbol, not a word. It is
   * every ASCII punctuation and symbol character, the C0 and C1 controls other than tab and line
   * feed, a few typographic and CJK marks, and the sentence terminals.
   */
  private static final CodePointSet DATATROVE_PUNCTUATION = new CodePointSet()
      .addRange(0x00, 0x08).addRange(0x0b, 0x1f).addRange(0x7f, 0x9f)
      .addRange('!', '/').addRange(':', '@').addRange('[', '`').addRange('{', '~')
      .addAll("\u00ab\u00b4\u00bb")
      .addAll("\u2013\u2014\u2019\u201c\u201d\u201e\u2026\u2236\u2501\u25ba")
      .addAll("\u3001\u3002\u3008\u3009\u300a\u300b\u300c\u300d\u3010\u3011")
      .addAll("\uff01\uff05\uff08\uff09\uff0c\uff0e\uff11\uff1a\uff1b\uff1f\uff5e")
      .addAll(new UnicodeSet("[:Sentence_Terminal:]"))
      .freeze();

  static boolean isDatatrovePunctuation(int cp) {
    return DATATROVE_PUNCTUATION.contains(cp);
  }

  // ---- spaCy English tokenizer classes -------------------------------------------------------

  /** spaCy's list of punctuation split off as prefix or suffix. */
  private static final String SPACY_PUNCT =
      "\u2026,:;!?\u00bf\u061f\u00a1()[]{}<>_#*&\u3002\uff1f\uff01\uff0c\u3001\uff1b\uff1a\uff5e"
          + "\u00b7\u0964\u060c\u06d4\u061b\u066a";

  /** spaCy's quotes and brackets, split off as prefix or suffix. */
  private static final String SPACY_QUOTES =
      "'\"\u201d\u201c`\u2018\u00b4\u2019\u201a,\u201e\u00bb\u00ab\u300c\u300d\u300e\u300f"
          + "\uff08\uff09\u3014\u3015\u3010\u3011\u300a\u300b\u3008\u3009\u2329\u232a\u27e6\u27e7";

  /** Currency signs (the multi-character US$, C$ and A$ are handled by the tokenizer). */
  private static final CodePointSet CURRENCY = new CodePointSet()
      .addAll("$\u00a3\u20ac\u00a5\u0e3f\ufdfc").addRange(0x20a0, 0x20bf).freeze();

  private static final CodePointSet QUOTES = new CodePointSet().addAll(SPACY_QUOTES).freeze();

  /** Characters split off the front of a chunk (besides dot runs, '+' and currency codes). */
  private static final CodePointSet PREFIX = new CodePointSet()
      .addAll("\u00a7%=\u2014\u2013").addAll(SPACY_PUNCT).addAll(SPACY_QUOTES)
      .addAll("$\u00a3\u20ac\u00a5\u0e3f\ufdfc").addRange(0x20a0, 0x20bf).freeze();

  /** Characters split off the end of a chunk unconditionally. */
  private static final CodePointSet SUFFIX = new CodePointSet()
      .addAll(SPACY_PUNCT).addAll(SPACY_QUOTES).addAll("\u2014\u2013").freeze();

  /**
   * What may precede a period for it to be split off as a suffix (besides digits and lower-case
   * letters): spaCy's rule lists these symbols, its punctuation and its quotes.
   */
  private static final CodePointSet BEFORE_SPLIT_PERIOD = new CodePointSet()
      .addAll("%\u00b2-+|").addAll(SPACY_PUNCT).addAll(SPACY_QUOTES).freeze();

  /** spaCy's "icons" are the Unicode category So (dingbats, emoji and the like). */
  static boolean isIcon(int cp) {
    return cp >= 0xa6 && Character.getType(cp) == Character.OTHER_SYMBOL;
  }

  static boolean isPrefixChar(int cp) {
    return PREFIX.contains(cp) || isIcon(cp);
  }

  static boolean isSuffixChar(int cp) {
    return SUFFIX.contains(cp) || isIcon(cp);
  }

  static boolean isCurrency(int cp) {
    return CURRENCY.contains(cp);
  }

  static boolean isQuote(int cp) {
    return QUOTES.contains(cp);
  }

  static boolean splitsPeriodAfter(int cp) {
    return isDigit(cp) || isLower(cp) || BEFORE_SPLIT_PERIOD.contains(cp);
  }

  /** spaCy's rules use {@code [0-9]}: ASCII digits only. */
  static boolean isDigit(int cp) {
    return cp >= '0' && cp <= '9';
  }

  static boolean isAlpha(int cp) {
    if (cp < 0x80) {
      return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    }
    return Character.isLetter(cp);
  }

  /** Lower-case letters and letters of scripts without case, as spaCy's ALPHA_LOWER. */
  static boolean isLower(int cp) {
    if (cp < 0x80) {
      return cp >= 'a' && cp <= 'z';
    }
    return Character.isLowerCase(cp)
        || (Character.isLetter(cp) && !Character.isUpperCase(cp) && !Character.isTitleCase(cp));
  }

  /** Upper-case letters and letters of scripts without case, as spaCy's ALPHA_UPPER. */
  static boolean isUpper(int cp) {
    if (cp < 0x80) {
      return cp >= 'A' && cp <= 'Z';
    }
    return Character.isUpperCase(cp) || Character.isTitleCase(cp)
        || (Character.isLetter(cp) && !Character.isLowerCase(cp));
  }

  /** Unicode general category P* (what spaCy's {@code is_punct} tests, character by character). */
  static boolean isUnicodePunctuation(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION:
      case Character.DASH_PUNCTUATION:
      case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION:
      case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION:
      case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  // ---- One table for the per-character tests of the hot loops -----------------------------------

  /** Python whitespace ({@code str.isspace}). */
  static final int SPACE = 1;
  /** A line boundary of Python's {@code str.splitlines}. */
  static final int LINE_BREAK = 2;
  /** 'a' to 'z' or 'A' to 'Z'. */
  static final int ASCII_LETTER = 4;
  /** In datatrove's punctuation set ({@link #isDatatrovePunctuation}). */
  static final int PUNCTUATION = 8;
  /** {@link Character#isLetter}. */
  static final int LETTER = 16;
  /** A surrogate: the code point needs its pair, so the table cannot answer for it. */
  static final int SURROGATE = 32;
  /** A BMP character in {@link #SENTENCE_TERMINAL}. */
  static final int SENTENCE_TERMINAL_BMP = 64;

  /**
   * The classes above for every BMP character: one load from a table instead of a chain of
   * comparisons or a set lookup. Built from the definitions it replaces, so it agrees with them.
   */
  static final byte[] KIND = kinds();

  private static byte[] kinds() {
    byte[] kinds = new byte[0x10000];
    for (int c = 0; c < kinds.length; c++) {
      char ch = (char) c;
      int k = 0;
      if (PyText.isSpace(ch)) {
        k |= SPACE;
      }
      if (PyText.isLineBreak(ch)) {
        k |= LINE_BREAK;
      }
      if (c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        k |= ASCII_LETTER;
      }
      if (Character.isSurrogate(ch)) {
        k |= SURROGATE;
      } else {
        if (SENTENCE_TERMINAL.contains(c)) {
          k |= SENTENCE_TERMINAL_BMP;
        }
        if (isDatatrovePunctuation(c)) {
          k |= PUNCTUATION;
        }
        if (Character.isLetter(c)) {
          k |= LETTER;
        }
      }
      kinds[c] = (byte) k;
    }
    return kinds;
  }
}
