package io.llmtrain.data.normalize;

/**
 * Character classes shared by the placeholder finders. They must agree with each other: a date
 * or number is only replaced when it stands on its own, and "on its own" must mean the same thing
 * to every finder, or a second normalization would find matches that the first one refused.
 */
final class TextChars {
  private TextChars() {
  }

  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Letters, digits of any script and combining marks: the stuff words are made of. */
  static boolean isWordChar(char c) {
    if (c < 0x80) {
      return isAsciiDigit(c) || isAsciiLetter(c);
    }
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        // Surrogates: supplementary letters, digits and marks count as word chars too.
        || type == Character.SURROGATE;
  }

  /**
   * Chars that join word chars into one token when they sit between two of them: "COVID-19",
   * "1,234.5", "12/03/2024", "10:30", "file_2".
   */
  static boolean isJoiner(char c) {
    return c == '.' || c == ',' || c == ':' || c == '/' || c == '-' || c == '_';
  }

  /** Space, tab and the Unicode space separators, which a date may contain. */
  static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || PunctuationAndWhitespace.isUnicodeSpace(c);
  }

  /** True when the span starting at {@code start} is not glued to a word before it. */
  static boolean standsAloneBefore(CharSequence s, int start) {
    if (start == 0) {
      return true;
    }
    char before = s.charAt(start - 1);
    if (isWordChar(before)) {
      return false;
    }
    return !(isJoiner(before) && start >= 2 && isWordChar(s.charAt(start - 2)));
  }

  /** True when the span ending at {@code end} is not glued to a word after it. */
  static boolean standsAloneAfter(CharSequence s, int end) {
    int n = s.length();
    if (end == n) {
      return true;
    }
    char after = s.charAt(end);
    if (isWordChar(after)) {
      return false;
    }
    return !(isJoiner(after) && end + 1 < n && isWordChar(s.charAt(end + 1)));
  }

  /** End of the run of ASCII digits starting at {@code from}. */
  static int digitsEnd(CharSequence s, int from) {
    int n = s.length();
    int i = from;
    while (i < n && isAsciiDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The value of the ASCII digits in [from, to), which must be at most 9 digits. */
  static int digitsValue(CharSequence s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }
}
