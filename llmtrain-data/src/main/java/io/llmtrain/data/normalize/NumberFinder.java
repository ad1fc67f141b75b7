package io.llmtrain.data.normalize;

import static io.llmtrain.data.normalize.TextChars.isAsciiDigit;
import static io.llmtrain.data.normalize.TextChars.isJoiner;
import static io.llmtrain.data.normalize.TextChars.isWordChar;

/**
 * Finds numbers. The unit of decision is the token: word chars joined by single joiners
 * ({@link TextChars#isJoiner}). A token is replaced only if it is made of digits and joiners
 * alone, and each of its parts between {@code -}, {@code /} and {@code :} is a well-formed number:
 * <ul>
 *   <li>{@code 42}, {@code 3.14}, {@code 3,5}: digits, optionally one decimal separator;</li>
 *   <li>{@code 1,234,567}, {@code 1.234.567,89}, {@code 1,234.5}: groups of three after a first
 *       group of one to three digits, optionally a decimal part after the other separator.</li>
 * </ul>
 * So "pages 5-10" and "10:30" become {@code [NUMBER]-[NUMBER]} and {@code [NUMBER]:[NUMBER]},
 * "12.5%" keeps its sign as {@code [NUMBER]%}, and a sign in front ({@code -5}, {@code +3},
 * {@code −2} with the minus sign) after a space, an opening bracket or a quote belongs to the
 * number. Left alone: digits inside words ("mp3", "COVID-19", "2nd", "10km", "v1.2"), versions
 * and addresses ("1.2.3", "192.168.0.1"), digits of other scripts.
 */
final class NumberFinder {
  private NumberFinder() {
  }

  static Replacements find(String s) {
    Replacements r = new Replacements(s);
    int n = s.length();
    int previousEnd = 0;
    int i = 0;
    while (i < n) {
      if (!isAsciiDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (start > previousEnd) {
        char before = s.charAt(start - 1);
        if (isWordChar(before)) {
          start--;
        } else if (isJoiner(before) && start - 2 >= previousEnd
            && isWordChar(s.charAt(start - 2))) {
          start -= 2;
        } else {
          break;
        }
      }
      int end = i;
      boolean numeric = true;
      while (end < n) {
        char c = s.charAt(end);
        if (isWordChar(c)) {
          numeric &= isAsciiDigit(c);
          end++;
        } else if (isJoiner(c) && end + 1 < n && isWordChar(s.charAt(end + 1))) {
          end++;
        } else {
          break;
        }
      }
      if (numeric) {
        numeric = allNumeric(s, start, i);
      }
      if (numeric && isNumberCompound(s, start, end)) {
        replaceParts(s, start, end, r);
      }
      previousEnd = end;
      i = end;
    }
    return r;
  }

  /** Whether the token part before the first digit found holds only digits and joiners. */
  private static boolean allNumeric(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!isAsciiDigit(c) && !isJoiner(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPartSeparator(char c) {
    return c == '-' || c == '/' || c == ':';
  }

  private static boolean isNumberCompound(String s, int start, int end) {
    int partStart = start;
    for (int k = start; k <= end; k++) {
      if (k == end || isPartSeparator(s.charAt(k))) {
        if (!isNumber(s, partStart, k)) {
          return false;
        }
        partStart = k + 1;
      }
    }
    return true;
  }

  /**
   * Digits with '.' or ',' separators, read as a decimal or a thousands-grouped number: with two
   * or more separators, a first group of one to three digits, groups of three after the group
   * separator, and only the last separator may differ (it is then the decimal separator).
   */
  private static boolean isNumber(String s, int from, int to) {
    int separators = 0;
    char groupSeparator = 0;
    char previousSeparator = 0;
    int firstGroupLength = 0;
    int groupStart = from;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (isAsciiDigit(c)) {
        continue;
      }
      if (c != '.' && c != ',') {
        return false;
      }
      int groupLength = k - groupStart;
      if (separators == 0) {
        firstGroupLength = groupLength;
        groupSeparator = c;
      } else if (groupLength != 3 || previousSeparator != groupSeparator) {
        return false;
      }
      previousSeparator = c;
      separators++;
      groupStart = k + 1;
    }
    if (separators < 2) {
      return true;
    }
    return firstGroupLength <= 3
        && (previousSeparator != groupSeparator || to - groupStart == 3);
  }

  private static void replaceParts(String s, int start, int end, Replacements r) {
    int first = start;
    if (start >= 1 && isSign(s.charAt(start - 1))
        && (start == 1 || opensNumber(s.charAt(start - 2)))) {
      first = start - 1;
    }
    int partStart = first;
    for (int k = start; k <= end; k++) {
      if (k == end || isPartSeparator(s.charAt(k))) {
        r.replace(partStart, k, Placeholder.NUMBER.token());
        partStart = k + 1;
      }
    }
  }

  private static boolean isSign(char c) {
    return c == '-' || c == '+' || c == '\u2212';
  }

  /** Chars after which a '-' or '+' is a sign rather than a dash or an operator. */
  private static boolean opensNumber(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '(' || c == '['
        || c == '{' || c == '"' || c == '\'';
  }
}
