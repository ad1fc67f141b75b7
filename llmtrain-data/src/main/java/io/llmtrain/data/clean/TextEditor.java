package io.llmtrain.data.clean;

/**
 * Builds the edited copy of a text from left-to-right deletions and replacements, allocating
 * nothing until the first edit so that unchanged documents cost no copy.
 *
 * <p>Deletions tidy the white space they leave behind, so that removing something never leaves a
 * double space, a space before a comma, trailing spaces, or an empty line: "Nice 🎉 day" becomes
 * "Nice day", "Done 🎉, thanks" becomes "Done, thanks", and a line whose only content was deleted
 * is dropped along with its line break. When the deleted span sat between two characters that
 * would otherwise fuse into one word or one symbol run ("love🎉you", "!!!🎉!!!"), a single space
 * takes its place; this keeps every stage idempotent.
 *
 * <p>Edits must come in increasing, non-overlapping order. After {@link #delete} the caller resumes
 * scanning at {@link #resumeAt()}, which may lie past the deleted span.
 */
final class TextEditor {
  private final String text;
  private StringBuilder out;
  private int copied;

  TextEditor(String text) {
    this.text = text;
  }

  /** Where the caller continues scanning the input after its last edit. */
  int resumeAt() {
    return copied;
  }

  private void copyUpTo(int start) {
    if (out == null) {
      out = new StringBuilder(text.length());
    }
    out.append(text, copied, start);
  }

  /** Replaces {@code [start, end)} with {@code replacement}, leaving the surroundings alone. */
  void replace(int start, int end, String replacement) {
    copyUpTo(start);
    out.append(replacement);
    copied = end;
  }

  /**
   * Deletes {@code [start, end)} and tidies the white space around it (see the class comment).
   */
  void delete(int start, int end) {
    copyUpTo(start);
    int len = text.length();
    int next = end;
    int outLen = out.length();
    char prev = outLen == 0 ? '\n' : out.charAt(outLen - 1);
    boolean prevIsSpace = CharTables.isHorizontalSpace(prev);
    boolean atLineStart = isLineStart(prev, outLen);
    if (prevIsSpace || atLineStart) {
      while (next < len && CharTables.isHorizontalSpace(text.charAt(next))) {
        next++;
      }
      if (next >= len || CharTables.isLineBreak(text.charAt(next))) {
        trimTrailingSpace();
        if (isLineStart(out.length() == 0 ? '\n' : out.charAt(out.length() - 1), out.length())) {
          next = dropEmptiedLine(next);
        }
      } else if (prevIsSpace && isClosingPunctuation(text.charAt(next))
          && !symbolBeforeTrailingSpace()) {
        // "Done 🎉, thanks" -> "Done, thanks"; but "-- ~~~~~ :." keeps its space, or the two
        // runs would fuse into one.
        trimTrailingSpace();
      }
    } else if (next < len) {
      char following = text.charAt(next);
      if (CharTables.isHorizontalSpace(following)) {
        int afterSpace = next;
        while (afterSpace < len && CharTables.isHorizontalSpace(text.charAt(afterSpace))) {
          afterSpace++;
        }
        if (afterSpace >= len || CharTables.isLineBreak(text.charAt(afterSpace))) {
          next = afterSpace;
        }
      } else if (!CharTables.isLineBreak(following) && wouldFuse(next)) {
        out.append(' ');
      }
    }
    copied = next;
  }

  /** Deletes the whole line {@code [lineStart, lineEnd)} together with its line break. */
  void deleteLine(int lineStart, int lineEnd) {
    copyUpTo(lineStart);
    copied = dropEmptiedLine(lineEnd);
  }

  /**
   * Called with the output at the start of a line whose remaining input (from {@code next}) is a
   * line break or the end: skips that line break, and one following blank line when the line
   * before was blank too, so removals do not pile up blank lines.
   */
  private int dropEmptiedLine(int next) {
    int len = text.length();
    if (next >= len) {
      // The last line went: the line break that introduced it goes too.
      int outLen = out.length();
      if (outLen > 0 && out.charAt(outLen - 1) == '\n') {
        out.setLength(outLen - 1);
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\r') {
          out.setLength(out.length() - 1);
        }
      }
      return next;
    }
    next = skipLineBreak(next);
    if (previousLineBlank()) {
      int probe = next;
      while (probe < len && CharTables.isHorizontalSpace(text.charAt(probe))) {
        probe++;
      }
      if (probe < len && CharTables.isLineBreak(text.charAt(probe))) {
        next = skipLineBreak(probe);
      }
    }
    return next;
  }

  private int skipLineBreak(int i) {
    if (text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
      return i + 2;
    }
    return i + 1;
  }

  /** True when the output is empty or ends with an empty line ("\n\n", "\n\r\n"). */
  private boolean previousLineBlank() {
    int i = out.length() - 1;
    if (i < 0) {
      return true;
    }
    if (out.charAt(i) != '\n') {
      return false;
    }
    i--;
    if (i >= 0 && out.charAt(i) == '\r') {
      i--;
    }
    return i < 0 || out.charAt(i) == '\n';
  }

  private static boolean isLineStart(char prev, int outLen) {
    return outLen == 0 || prev == '\n' || prev == '\r';
  }

  private boolean symbolBeforeTrailingSpace() {
    int i = out.length();
    while (i > 0 && CharTables.isHorizontalSpace(out.charAt(i - 1))) {
      i--;
    }
    return i > 0 && CharTables.classBefore(out, i) == CharTables.SYMBOL;
  }

  private void trimTrailingSpace() {
    int i = out.length();
    while (i > 0 && CharTables.isHorizontalSpace(out.charAt(i - 1))) {
      i--;
    }
    out.setLength(i);
  }

  private static boolean isClosingPunctuation(char c) {
    switch (c) {
      case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
      case '\u2026': case '\u00BB':
        return true;
      default:
        return false;
    }
  }

  /**
   * True when the characters on both sides of a deleted span would join into one word or one
   * symbol run, which a later pass would then treat differently.
   */
  private boolean wouldFuse(int next) {
    if (out.length() == 0 || next >= text.length()) {
      return false;
    }
    byte before = CharTables.classBefore(out, out.length());
    byte after = CharTables.classAt(text, next);
    return before == after && (before == CharTables.WORD || before == CharTables.SYMBOL);
  }

  /** The edited text, or the original instance when nothing was edited. */
  String result() {
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    copied = text.length();
    return out.toString();
  }
}
