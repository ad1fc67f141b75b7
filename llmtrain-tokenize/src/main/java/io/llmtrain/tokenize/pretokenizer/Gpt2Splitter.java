package io.llmtrain.tokenize.pretokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's pre-tokenization regex ({@link ByteLevel#GPT2_PATTERN}) written out as a scanner: the
 * same leftmost-first choice among its alternatives, at a fraction of the backtracking engine's
 * cost. Checked against the regex itself in the tests.
 */
final class Gpt2Splitter {
  private static final int WHITE = 0;
  private static final int LETTER = 1;
  private static final int NUMBER = 2;
  private static final int OTHER = 3;

  private Gpt2Splitter() {
  }

  private static int classOf(int cp) {
    if (cp < 128) {
      if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') {
        return LETTER;
      }
      if (cp >= '0' && cp <= '9') {
        return NUMBER;
      }
      return (cp >= 9 && cp <= 13) || cp == ' ' ? WHITE : OTHER;
    }
    if (SplitBehavior.isWhiteSpace(cp)) {
      return WHITE;
    }
    if (Character.isLetter(cp)) {
      return LETTER;
    }
    return SplitBehavior.isNumeric(cp) ? NUMBER : OTHER;
  }

  static List<String> split(String s) {
    List<String> out = new ArrayList<>(s.length() / 4 + 1);
    int n = s.length();
    int i = 0;
    while (i < n) {
      int end = match(s, i, n);
      out.add(s.substring(i, end));
      i = end;
    }
    return out;
  }

  /** End of the match starting at {@code i}. */
  private static int match(String s, int i, int n) {
    char c = s.charAt(i);
    if (c == '\'' && i + 1 < n) {
      int len = contraction(s, i + 1, n);
      if (len > 0) {
        return i + 1 + len;
      }
    }
    int start = i;
    int cp = s.codePointAt(i);
    int cls = classOf(cp);
    if (c == ' ' && i + 1 < n) {
      int next = classOf(s.codePointAt(i + 1));
      if (next != WHITE) {
        // " ?X+" with the optional space
        return run(s, i + 1, n, next);
      }
    }
    if (cls != WHITE) {
      return run(s, start, n, cls);
    }
    // whitespace: \s+(?!\S) leaves the last space to the next word, else \s+
    int j = run(s, start, n, WHITE);
    if (j == n) {
      return j;
    }
    int lastStart = s.offsetByCodePoints(j, -1);
    return lastStart > start ? lastStart : j;
  }

  private static int run(String s, int i, int n, int cls) {
    while (i < n) {
      int cp = s.codePointAt(i);
      if (classOf(cp) != cls) {
        break;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Length of 's|'t|'re|'ve|'m|'ll|'d after the apostrophe, or 0. */
  private static int contraction(String s, int i, int n) {
    char a = s.charAt(i);
    char b = i + 1 < n ? s.charAt(i + 1) : 0;
    switch (a) {
      case 's', 't', 'm', 'd':
        return 1;
      case 'r', 'v':
        return b == 'e' ? 2 : 0;
      case 'l':
        return b == 'l' ? 2 : 0;
      default:
        return 0;
    }
  }
}
