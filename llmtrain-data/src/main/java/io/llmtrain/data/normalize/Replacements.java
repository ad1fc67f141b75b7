package io.llmtrain.data.normalize;

/**
 * Builds a text in which some spans, found left to right, are replaced by a token. Allocates
 * nothing until the first replacement, so a text without matches comes back as the same String.
 */
final class Replacements {
  private final String text;
  private StringBuilder out;
  private int copied;
  private int count;

  Replacements(String text) {
    this.text = text;
  }

  /** Replaces [start, end), which must not start before the end of the previous replacement. */
  void replace(int start, int end, String token) {
    if (out == null) {
      out = new StringBuilder(text.length() + 16);
    }
    out.append(text, copied, start).append(token);
    copied = end;
    count++;
  }

  int count() {
    return count;
  }

  String result() {
    if (out == null) {
      return text;
    }
    out.append(text, copied, text.length());
    return out.toString();
  }
}
