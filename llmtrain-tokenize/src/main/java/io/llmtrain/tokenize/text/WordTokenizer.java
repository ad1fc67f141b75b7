package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words, protected spans and everything else, such that concatenating the
 * tokens gives the text back exactly.
 *
 * <ul>
 *   <li>{@link Kind#WORD}: letters, digits and combining marks, with apostrophes inside
 *       ({@code don't}, {@code d'água}); hyphens separate words ({@code guarda-chuva} is two).
 *   <li>{@link Kind#PROTECTED}: text no word-level stage may change: code between backticks
 *       (inline on one line, or fenced with three or more), and whitespace-delimited chunks that look like URLs, e-mail
 *       addresses, handles, paths, file names or identifiers ({@code ://}, {@code www.},
 *       {@code @}, {@code /}, {@code \}, {@code _}, {@code =}, brackets or operators inside, or a
 *       dot or colon between two letters or digits, as in {@code pom.xml} or {@code std::map}).
 *       Sentence punctuation around such a chunk stays outside it.
 *   <li>{@link Kind#OTHER}: whitespace and punctuation.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class WordTokenizer {

  /** What a token is. */
  public enum Kind { WORD, PROTECTED, OTHER }

  /** One piece of the text. */
  public record Token(Kind kind, String text) {
    public Token {
      requireNonNull(kind, "kind");
      requireNonNull(text, "text");
    }

    public boolean isWord() {
      return kind == Kind.WORD;
    }
  }

  private static final String LEADING_PUNCTUATION = "([{\"'«“‘‹¿¡<";
  private static final String TRAILING_PUNCTUATION = ".,;:!?)]}\"'»”’›…>";
  /** Characters that never occur inside a prose word but do in code, paths and addresses. */
  private static final String CODE_CHARACTERS = "@/\\_=<>{}[]()|~^#$%&*+`";

  private WordTokenizer() {
  }

  /** The tokens of {@code text}, in order; their texts concatenate to {@code text}. */
  public static List<Token> tokenize(String text) {
    requireNonNull(text, "text");
    List<Token> out = new ArrayList<>(Math.max(4, text.length() / 3));
    int n = text.length();
    int otherStart = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '`') {
        int end = codeSpanEnd(text, i);
        if (end > 0) {
          flushOther(text, otherStart, i, out);
          out.add(new Token(Kind.PROTECTED, text.substring(i, end)));
          i = end;
          otherStart = i;
          continue;
        }
        i++;
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        i++;
        continue;
      }
      int chunkEnd = i;
      while (chunkEnd < n) {
        char d = text.charAt(chunkEnd);
        if (d == '`' || Character.isWhitespace(d) || Character.isSpaceChar(d)) {
          break;
        }
        chunkEnd++;
      }
      int coreStart = i;
      while (coreStart < chunkEnd && LEADING_PUNCTUATION.indexOf(text.charAt(coreStart)) >= 0) {
        coreStart++;
      }
      int coreEnd = chunkEnd;
      while (coreEnd > coreStart && TRAILING_PUNCTUATION.indexOf(text.charAt(coreEnd - 1)) >= 0) {
        coreEnd--;
      }
      if (coreStart < coreEnd && looksLikeCode(text, coreStart, coreEnd)) {
        flushOther(text, otherStart, coreStart, out);
        out.add(new Token(Kind.PROTECTED, text.substring(coreStart, coreEnd)));
        otherStart = coreEnd;
      } else {
        otherStart = splitWords(text, coreStart, coreEnd, otherStart, out);
      }
      i = chunkEnd;
    }
    flushOther(text, otherStart, n, out);
    return out;
  }

  /** Rebuilds text from tokens. */
  public static String join(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokens) {
      sb.append(t.text());
    }
    return sb.toString();
  }

  /**
   * End (exclusive) of a code span opened by the backtick run at {@code start}, or -1. A fence of
   * three or more backticks may span lines; a shorter run must close on its own line, so the
   * old-style quotes of plain-text files (``like this'') do not swallow paragraphs.
   */
  private static int codeSpanEnd(String text, int start) {
    int ticks = 0;
    while (start + ticks < text.length() && text.charAt(start + ticks) == '`') {
      ticks++;
    }
    String fence = "`".repeat(ticks);
    int close = text.indexOf(fence, start + ticks);
    if (close < 0) {
      return -1;
    }
    if (ticks < 3) {
      int lineEnd = text.indexOf('\n', start + ticks);
      if (lineEnd >= 0 && lineEnd < close) {
        return -1;
      }
    }
    return close + ticks;
  }

  private static boolean looksLikeCode(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (CODE_CHARACTERS.indexOf(c) >= 0) {
        return true;
      }
      if ((c == '.' || c == ':') && i > start && i + 1 < end
          && Character.isLetterOrDigit(text.charAt(i - 1))
          && Character.isLetterOrDigit(text.charAt(i + 1))) {
        // 3.14 is a number, not code; pom.xml, e.g and std::map are set apart.
        if (!(Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1)))) {
          return true;
        }
      }
    }
    return end - start >= 4 && text.regionMatches(true, start, "www.", 0, 4);
  }

  /** Emits the words of [start, end) and the text before each; returns where OTHER resumes. */
  private static int splitWords(String text, int start, int end, int otherStart, List<Token> out) {
    int i = start;
    while (i < end) {
      int cp = text.codePointAt(i);
      if (!isWordCodePoint(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int wordStart = i;
      while (i < end) {
        int c = text.codePointAt(i);
        if (isWordCodePoint(c)) {
          i += Character.charCount(c);
        } else if ((c == '\'' || c == '’') && i + 1 < end && i > wordStart
            && isWordCodePoint(text.codePointAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      flushOther(text, otherStart, wordStart, out);
      out.add(new Token(Kind.WORD, text.substring(wordStart, i)));
      otherStart = i;
    }
    return otherStart;
  }

  static boolean isWordCodePoint(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static void flushOther(String text, int start, int end, List<Token> out) {
    if (start < end) {
      out.add(new Token(Kind.OTHER, text.substring(start, end)));
    }
  }

  /** Whether a word has a digit or an upper-case letter after a lower-case one (camelCase). */
  static boolean looksLikeIdentifier(String word) {
    boolean sawLower = false;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (Character.isDigit(cp)) {
        return true;
      }
      if (Character.isUpperCase(cp) && sawLower) {
        return true;
      }
      sawLower |= Character.isLowerCase(cp);
      i += Character.charCount(cp);
    }
    return false;
  }
}
