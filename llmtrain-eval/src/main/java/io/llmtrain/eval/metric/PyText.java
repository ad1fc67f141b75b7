package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.List;

/** Python {@code str} semantics that decide sacrebleu's last digits: whitespace and code points. */
final class PyText {
  private PyText() {}

  /** Python's {@code str.isspace()} for one code point (as used by {@code str.split()}). */
  static boolean isSpace(int c) {
    switch (c) {
      case '\t', '\n', 0x0B, 0x0C, '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680,
          0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /** Python's {@code str.split()} with no separator. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      if (isSpace(c)) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(c);
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  /** Python's {@code str.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0) {
      int c = s.codePointBefore(end);
      if (!isSpace(c)) {
        break;
      }
      end -= Character.charCount(c);
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.lower()} (full Unicode case mapping, locale independent). */
  static String lower(String s) {
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  /** The code points of {@code s} with all Python whitespace removed. */
  static int[] codePointsWithoutSpace(String s) {
    return s.codePoints().filter(c -> !isSpace(c)).toArray();
  }

  static int codePointLength(String s) {
    return s.codePointCount(0, s.length());
  }
}
