package io.llmtrain.data.filter;

/**
 * Counts sentences the way datatrove does for C4 (spaCy's rule-based sentencizer over spaCy's
 * tokens): a sentence ends after a token that is a single sentence-terminal character ('.', '?',
 * '!' and the like), at the next token that is not punctuation. Whitespace other than a single
 * space between words is a token of its own for spaCy, so it can start a sentence too.
 */
final class SentenceCounter {
  private SentenceCounter() {
  }

  /**
   * Sentences in the tokens [from, to) of {@code tokens}, which cover one line of text; at least
   * one.
   */
  static int count(WordTokenizer.Tokens tokens, int from, int to) {
    String text = tokens.text;
    char[] c = tokens.chars;
    byte[] kinds = CharClasses.KIND;
    int sentences = 1;
    boolean seenTerminal = false;
    for (int k = from; k < to; k++) {
      int s = tokens.start[k];
      int e = tokens.end[k];
      if (k > from && seenTerminal) {
        int gap = s - tokens.end[k - 1];
        if (gap > 1 || (gap == 1 && c[s - 1] != ' ')) {
          sentences++; // a whitespace token, which is not punctuation
          seenTerminal = false;
        }
      }
      // A terminal token is one terminal code point: one BMP character or a surrogate pair.
      boolean terminal;
      if (e - s == 1) {
        terminal = (kinds[c[s]] & CharClasses.SENTENCE_TERMINAL_BMP) != 0;
      } else if (e - s == 2 && Character.isHighSurrogate(c[s])
          && Character.isLowSurrogate(c[s + 1])) {
        terminal = CharClasses.SENTENCE_TERMINAL.contains(Character.toCodePoint(c[s], c[s + 1]));
      } else {
        terminal = false;
      }
      if (terminal) {
        seenTerminal = true;
      } else if (seenTerminal && !isPunctuation(text, s, e)) {
        sentences++;
        seenTerminal = false;
      }
    }
    return sentences;
  }

  /** spaCy's {@code is_punct}: every character is Unicode punctuation (category P). */
  private static boolean isPunctuation(String text, int s, int e) {
    for (int i = s; i < e; ) {
      int cp = text.codePointAt(i);
      if (!CharClasses.isUnicodePunctuation(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
