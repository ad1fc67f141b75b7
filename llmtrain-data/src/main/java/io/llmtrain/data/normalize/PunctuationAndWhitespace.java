package io.llmtrain.data.normalize;

import io.llmtrain.data.normalize.NormalizeConfig.EmDash;

/**
 * Punctuation standardization and whitespace collapse in one scan over the text.
 *
 * <p>Most prose needs no change, so a first loop only checks that the text is already in
 * standard form, at about one comparison per char of ordinary ASCII; it returns the very same
 * String when it is. At the first char that needs a change the rewriting loop takes over, from
 * the end of the last visible char before it (everything before that is output as it is).
 *
 * <p>Punctuation: curly and low quotes, guillemets and double primes become {@code "}; single
 * curly quotes, single guillemets and primes become {@code '}; hyphen, non-breaking hyphen,
 * figure dash, en dash and minus sign become {@code -}; the em dash, horizontal bar and two- and
 * three-em dashes follow {@link EmDash}; the ellipsis becomes {@code ...}; Unicode space
 * separators (no-break, thin, ideographic...) become an ASCII space. Full-width forms are left to
 * NFKC, zero-width and control characters to the cleaning stage.
 *
 * <p>Whitespace: runs of horizontal whitespace (space, tab, any Unicode space separator) become
 * one space; lines lose leading and trailing whitespace; CR LF, CR, vertical tab, form feed, NEL
 * and the line separator end a line as LF does, the paragraph separator ends a paragraph; two or
 * more line breaks with only whitespace between them become one blank line, so paragraphs stay
 * apart; the document loses leading and trailing whitespace.
 */
final class PunctuationAndWhitespace {
  private static final int START = 0;
  private static final int AFTER_VISIBLE = 1;
  private static final int AFTER_SPACE = 2;
  private static final int AFTER_LINE_BREAK = 3;
  private static final int AFTER_BLANK_LINE = 4;

  private final boolean punctuation;
  private final boolean whitespace;
  private final String emDashReplacement;

  PunctuationAndWhitespace(boolean punctuation, boolean whitespace, EmDash emDash) {
    this.punctuation = punctuation;
    this.whitespace = whitespace;
    this.emDashReplacement = switch (emDash) {
      case HYPHEN -> "-";
      case DOUBLE_HYPHEN -> "--";
      case KEEP -> null;
    };
  }

  /** Returns the standardized text; the same instance when nothing changes. */
  String apply(String text) {
    if (whitespace) {
      int restart = firstCollapseChange(text);
      if (restart < 0) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, restart);
      collapse(text, restart, out);
      return out.toString();
    }
    if (punctuation) {
      int first = firstMappingChange(text);
      if (first < 0) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
      map(text, first, out);
      return out.toString();
    }
    return text;
  }

  /** The Unicode space separators (category Zs) other than the ASCII space. */
  static boolean isUnicodeSpace(char c) {
    return c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A') || c == '\u202F'
        || c == '\u205F' || c == '\u3000';
  }

  /**
   * The punctuation replacement of a non-ASCII char, or null to keep it. Unicode spaces are
   * handled by the callers, since whitespace collapse treats them too.
   */
  private String punctuationFor(char c) {
    if (c < '\u00AB') {
      return null;
    }
    return switch (c) {
      case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033', '\u2036',
          '\u301D', '\u301E', '\u301F' -> "\"";
      case '\u2018', '\u2019', '\u201A', '\u201B', '\u2039', '\u203A', '\u2032', '\u2035' -> "'";
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212' -> "-";
      case '\u2014', '\u2015', '\u2E3A', '\u2E3B' -> emDashReplacement;
      case '\u2026' -> "...";
      default -> null;
    };
  }

  private static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085'
        || c == '\u2028' || c == '\u2029';
  }

  // ---- punctuation only -----------------------------------------------------------------------

  private int firstMappingChange(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 && (isUnicodeSpace(c) || punctuationFor(c) != null)) {
        return i;
      }
    }
    return -1;
  }

  private void map(String s, int from, StringBuilder out) {
    for (int i = from, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.append(c);
      } else if (isUnicodeSpace(c)) {
        out.append(' ');
      } else {
        String r = punctuationFor(c);
        if (r == null) {
          out.append(c);
        } else {
          out.append(r);
        }
      }
    }
  }

  // ---- whitespace collapse (and punctuation) --------------------------------------------------

  /**
   * -1 if the text is already in standard form; otherwise the end of the last visible char
   * before the first char that must change (0 if none), where rewriting can start afresh.
   */
  private int firstCollapseChange(String s) {
    int n = s.length();
    int lastVisibleEnd = 0;
    int state = START;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > ' ' && c < 0x7F) {
        // A run of visible ASCII needs no state updates until it ends.
        int runEnd = i + 1;
        while (runEnd < n && s.charAt(runEnd) > ' ' && s.charAt(runEnd) < 0x7F) {
          runEnd++;
        }
        i = runEnd - 1;
        lastVisibleEnd = runEnd;
        state = AFTER_VISIBLE;
      } else if (c == ' ') {
        if (state != AFTER_VISIBLE) {
          return lastVisibleEnd;
        }
        state = AFTER_SPACE;
      } else if (c == '\n') {
        if (state == AFTER_VISIBLE) {
          state = AFTER_LINE_BREAK;
        } else if (state == AFTER_LINE_BREAK) {
          state = AFTER_BLANK_LINE;
        } else {
          return lastVisibleEnd;
        }
      } else if (c == '\t' || isLineBreak(c) || isUnicodeSpace(c)
          || (punctuation && punctuationFor(c) != null)) {
        return lastVisibleEnd;
      } else {
        // Any other char, controls included, is visible as far as whitespace is concerned.
        lastVisibleEnd = i + 1;
        state = AFTER_VISIBLE;
      }
    }
    return state == START || state == AFTER_VISIBLE ? -1 : lastVisibleEnd;
  }

  /** Rewrites s[from..] into {@code out}, which ends with a visible char or is empty. */
  private void collapse(String s, int from, StringBuilder out) {
    int n = s.length();
    boolean started = out.length() > 0;
    boolean pendingSpace = false;
    int pendingBreaks = 0;
    for (int i = from; i < n; i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || isUnicodeSpace(c)) {
        pendingSpace = true;
        continue;
      }
      if (isLineBreak(c)) {
        if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
          i++;
        }
        pendingBreaks += c == '\u2029' ? 2 : 1;
        pendingSpace = false;
        continue;
      }
      if (started) {
        if (pendingBreaks > 0) {
          out.append(pendingBreaks > 1 ? "\n\n" : "\n");
        } else if (pendingSpace) {
          out.append(' ');
        }
      }
      started = true;
      pendingSpace = false;
      pendingBreaks = 0;
      if (c > ' ' && c < 0x7F) {
        // Copy a run of visible ASCII, the bulk of prose, in one append.
        int runEnd = i + 1;
        while (runEnd < n && s.charAt(runEnd) > ' ' && s.charAt(runEnd) < 0x7F) {
          runEnd++;
        }
        out.append(s, i, runEnd);
        i = runEnd - 1;
        continue;
      }
      String r = punctuation && c >= 0x80 ? punctuationFor(c) : null;
      if (r == null) {
        out.append(c);
      } else {
        out.append(r);
      }
    }
  }
}
