package io.llmtrain.data.filter;

/**
 * Python's notions of whitespace, line breaks and string length, which the datatrove rules are
 * written in terms of ({@code str.isspace}, {@code str.splitlines}, {@code str.strip},
 * {@code len}). Java's own definitions differ (for example {@code Character.isWhitespace} excludes
 * the no-break space, {@code String.length} counts UTF-16 units), so the filters use these.
 */
final class PyText {
  private PyText() {
  }

  /** Python's {@code str.isspace} for one character; every such character is in the BMP. */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
  }

  /**
   * A line boundary for Python's {@code str.splitlines} ({@code \r\n} is one boundary of two
   * characters, handled by the callers).
   */
  static boolean isLineBreak(char c) {
    if (c <= '\r') {
      return c >= '\n';
    }
    return c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /** First index in [from, to) that is not Python whitespace, or {@code to}. */
  static int stripStart(CharSequence s, int from, int to) {
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** One past the last index in [from, to) that is not Python whitespace, or {@code from}. */
  static int stripEnd(CharSequence s, int from, int to) {
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  /** {@link #stripStart(CharSequence, int, int)} on characters. */
  static int stripStart(char[] s, int from, int to) {
    byte[] kinds = CharClasses.KIND;
    while (from < to && (kinds[s[from]] & CharClasses.SPACE) != 0) {
      from++;
    }
    return from;
  }

  /** {@link #stripEnd(CharSequence, int, int)} on characters. */
  static int stripEnd(char[] s, int from, int to) {
    byte[] kinds = CharClasses.KIND;
    while (to > from && (kinds[s[to - 1]] & CharClasses.SPACE) != 0) {
      to--;
    }
    return to;
  }

  /** Python's {@code str.count(sub)}: non-overlapping occurrences, scanning left to right. */
  static int count(String text, String sub) {
    int n = 0;
    int at = text.indexOf(sub);
    while (at >= 0) {
      n++;
      at = text.indexOf(sub, at + sub.length());
    }
    return n;
  }

  /** Occurrences of one character. */
  static int count(String text, char c) {
    int n = 0;
    int at = text.indexOf(c);
    while (at >= 0) {
      n++;
      at = text.indexOf(c, at + 1);
    }
    return n;
  }
}
