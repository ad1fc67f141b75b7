package io.llmtrain.tokenize.pretokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What happens to the delimiters when text is split, as in Hugging Face's
 * {@code SplitDelimiterBehavior}: removed, isolated as pieces of their own, glued to the piece
 * before or after, or (contiguous) runs of delimiters kept together as one piece.
 */
public enum SplitBehavior {
  Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous;

  /** Splits {@code s} at the matches of {@code pattern}; empty pieces are dropped. */
  public List<String> split(String s, Pattern pattern, boolean invert) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = pattern.matcher(s);
    int prev = 0;
    while (m.find()) {
      if (m.start() == m.end()) {
        continue;
      }
      if (m.start() > prev) {
        spans.add(new int[] {prev, m.start(), invert ? 1 : 0});
      }
      spans.add(new int[] {m.start(), m.end(), invert ? 0 : 1});
      prev = m.end();
    }
    if (prev < s.length()) {
      spans.add(new int[] {prev, s.length(), invert ? 1 : 0});
    }
    return apply(s, spans);
  }

  /** Splits {@code s} at code points matching {@code delimiter}, each one a match. */
  public List<String> split(String s, IntPredicate delimiter) {
    List<int[]> spans = new ArrayList<>();
    int prev = 0;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      int n = Character.charCount(c);
      if (delimiter.test(c)) {
        if (i > prev) {
          spans.add(new int[] {prev, i, 0});
        }
        spans.add(new int[] {i, i + n, 1});
        prev = i + n;
      }
      i += n;
    }
    if (prev < s.length()) {
      spans.add(new int[] {prev, s.length(), 0});
    }
    return apply(s, spans);
  }

  private List<String> apply(String s, List<int[]> spans) {
    List<int[]> out = new ArrayList<>(spans.size());
    boolean previousMatch = false;
    switch (this) {
      case Removed -> spans.stream().filter(sp -> sp[2] == 0).forEach(out::add);
      case Isolated -> out.addAll(spans);
      case MergedWithPrevious -> {
        for (int[] sp : spans) {
          boolean match = sp[2] == 1;
          if (match && !previousMatch && !out.isEmpty()) {
            out.get(out.size() - 1)[1] = sp[1];
          } else {
            out.add(sp.clone());
          }
          previousMatch = match;
        }
      }
      case MergedWithNext -> {
        for (int i = spans.size() - 1; i >= 0; i--) {
          int[] sp = spans.get(i);
          boolean match = sp[2] == 1;
          if (match && !previousMatch && !out.isEmpty()) {
            out.get(out.size() - 1)[0] = sp[0];
          } else {
            out.add(sp.clone());
          }
          previousMatch = match;
        }
        java.util.Collections.reverse(out);
      }
      case Contiguous -> {
        for (int[] sp : spans) {
          boolean match = sp[2] == 1;
          if (match == previousMatch && !out.isEmpty()) {
            out.get(out.size() - 1)[1] = sp[1];
          } else {
            out.add(sp.clone());
          }
          previousMatch = match;
        }
      }
      default -> throw new IllegalStateException(name());
    }
    List<String> pieces = new ArrayList<>(out.size());
    for (int[] sp : out) {
      if (sp[1] > sp[0]) {
        pieces.add(s.substring(sp[0], sp[1]));
      }
    }
    return pieces;
  }

  /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
  public static boolean isWhiteSpace(int c) {
    return (c >= 9 && c <= 13) || c == ' ' || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
  }

  /** ASCII punctuation or any Unicode punctuation category, as BERT's splitter. */
  public static boolean isPunctuation(int c) {
    if (c < 128) {
      return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)
          || (c >= 123 && c <= 126);
    }
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }

  /** Rust's {@code char::is_numeric}: categories Nd, Nl and No. */
  public static boolean isNumeric(int c) {
    int t = Character.getType(c);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER
        || t == Character.OTHER_NUMBER;
  }
}
