package io.llmtrain.data.normalize;

import static io.llmtrain.data.normalize.TextChars.isAsciiDigit;
import static io.llmtrain.data.normalize.TextChars.isAsciiLetter;

/**
 * Finds e-mail addresses around each '@' (so text without one costs a single indexOf): a local
 * part of letters, digits and {@code . _ % + -} that does not start or end with a dot, and a
 * domain of at least two labels whose last label (the top-level domain) is two or more letters.
 * Letters of any script are accepted, for internationalized addresses. A trailing period or a
 * trailing label that cannot be a top-level domain is left outside: "ana@example.com." keeps the
 * sentence's period.
 */
final class EmailFinder {
  private EmailFinder() {
  }

  static Replacements find(String s) {
    Replacements r = new Replacements(s);
    int floor = 0;
    int at = s.indexOf('@');
    while (at >= 0) {
      int start = at;
      while (start > floor && isLocalChar(s.charAt(start - 1))) {
        start--;
      }
      while (start < at && s.charAt(start) == '.') {
        start++;
      }
      int end = -1;
      if (start < at && s.charAt(at - 1) != '.') {
        end = domainEnd(s, at + 1);
      }
      if (end < 0) {
        at = s.indexOf('@', at + 1);
        continue;
      }
      r.replace(start, end, Placeholder.EMAIL.token());
      floor = end;
      at = s.indexOf('@', end);
    }
    return r;
  }

  /** End of the longest valid domain starting at {@code from}, or -1. */
  private static int domainEnd(String s, int from) {
    int n = s.length();
    int best = -1;
    int labels = 0;
    int labelStart = from;
    int k = from;
    while (true) {
      while (k < n && isLabelChar(s.charAt(k))) {
        k++;
      }
      if (k == labelStart || s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
        break;
      }
      labels++;
      if (labels >= 2 && isTopLevelDomain(s, labelStart, k)) {
        best = k;
      }
      if (k + 1 < n && s.charAt(k) == '.' && isLabelChar(s.charAt(k + 1))) {
        k++;
        labelStart = k;
      } else {
        break;
      }
    }
    return best;
  }

  private static boolean isTopLevelDomain(String s, int from, int to) {
    if (to - from < 2) {
      return false;
    }
    for (int k = from; k < to; k++) {
      if (!Character.isLetter(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLabelChar(char c) {
    if (c < 0x80) {
      return isAsciiLetter(c) || isAsciiDigit(c) || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }

  private static boolean isLocalChar(char c) {
    if (c < 0x80) {
      return isAsciiLetter(c) || isAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+'
          || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }
}
