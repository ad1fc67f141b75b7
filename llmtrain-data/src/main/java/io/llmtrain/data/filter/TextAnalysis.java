package io.llmtrain.data.filter;

/**
 * What the quality filters measure about one text, computed once and shared: the words (tokens),
 * their lengths and kinds, and their interned ids. The composite {@code quality} filter hands one
 * instance to each of its rules so the text is tokenized once.
 *
 * <p>Not thread-safe: one instance serves one document on one thread.
 */
final class TextAnalysis {
  final String text;
  private char[] chars;
  private WordTokenizer.Tokens tokens;

  // Per-token measurements, filled by measureWords().
  private int[] codePointLengths;
  private int nonSymbolWords = -1;
  private long nonSymbolLength;
  private int alphaWords;

  // Interned token ids, in order of first occurrence, filled by wordIds().
  private int[] ids;
  private int distinctIds;

  private int textCodePoints = -1;

  // Python's splitlines(): line i is [lineStart[i], lineEnd[i]); filled by lines().
  private int[] lineStart;
  private int[] lineEnd;
  private int lineCount = -1;

  TextAnalysis(String text) {
    this.text = text;
  }

  char[] chars() {
    if (chars == null) {
      chars = text.toCharArray();
    }
    return chars;
  }

  /** The text's length as Python counts it (code points). */
  int textLength() {
    if (textCodePoints < 0) {
      // O(1) for Latin-1 strings, a scan otherwise.
      textCodePoints = text.codePointCount(0, text.length());
    }
    return textCodePoints;
  }

  /** Number of lines as Python's {@code str.splitlines} gives them. */
  int lineCount() {
    if (lineCount < 0) {
      splitLines();
    }
    return lineCount;
  }

  /** Start of line i. */
  int lineStart(int i) {
    return lineStart[i];
  }

  /** End of line i: the index of its line break, or the text's length. */
  int lineEnd(int i) {
    return lineEnd[i];
  }

  private void splitLines() {
    char[] c = chars();
    int n = c.length;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count = 0;
    int s = 0;
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      if (ch >= 0x20 && ch < 0x85) {
        continue; // printable ASCII, the common case
      }
      if (PyText.isLineBreak(ch)) {
        if (count == starts.length) {
          starts = java.util.Arrays.copyOf(starts, count * 2);
          ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = s;
        ends[count++] = i;
        if (ch == '\r' && i + 1 < n && c[i + 1] == '\n') {
          i++;
        }
        s = i + 1;
      }
    }
    if (s < n) {
      if (count == starts.length) {
        starts = java.util.Arrays.copyOf(starts, count + 1);
        ends = java.util.Arrays.copyOf(ends, count + 1);
      }
      starts[count] = s;
      ends[count++] = n;
    }
    lineStart = starts;
    lineEnd = ends;
    lineCount = count;
  }

  boolean hasTokens() {
    return tokens != null;
  }

  WordTokenizer.Tokens tokens() {
    if (tokens == null) {
      tokens = WordTokenizer.tokenize(text, chars());
    }
    return tokens;
  }

  int wordCount() {
    return tokens().count;
  }

  private void measureWords() {
    if (nonSymbolWords >= 0) {
      return;
    }
    WordTokenizer.Tokens t = tokens();
    int n = t.count;
    codePointLengths = new int[n];
    char[] c = chars;
    int[] starts = t.start;
    int[] ends = t.end;
    boolean[] letters = t.letters;
    int nonSymbol = 0;
    long nonSymbolChars = 0;
    int alpha = 0;
    for (int i = 0; i < n; i++) {
      int from = starts[i];
      int to = ends[i];
      int length = to - from;
      if (letters[i]) {
        // The common case: ASCII letters only, a word with a letter.
        codePointLengths[i] = length;
        nonSymbol++;
        nonSymbolChars += length;
        alpha++;
        continue;
      }
      boolean isWord = false;
      boolean hasLetter = false;
      for (int j = from; j < to; ) {
        int cp = c[j];
        if (cp < 0x80) {
          if (!ASCII_PUNCTUATION[cp]) {
            isWord = true;
            hasLetter |= (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
          }
          j++;
          continue;
        }
        if (Character.isHighSurrogate((char) cp) && j + 1 < to
            && Character.isLowSurrogate(c[j + 1])) {
          cp = Character.toCodePoint((char) cp, c[j + 1]);
          length--; // Python counts the pair once
          j += 2;
        } else {
          j++;
        }
        isWord |= !CharClasses.isDatatrovePunctuation(cp);
        hasLetter |= Character.isLetter(cp);
      }
      codePointLengths[i] = length;
      if (isWord) {
        nonSymbol++;
        nonSymbolChars += length;
      }
      if (hasLetter) {
        alpha++;
      }
    }
    nonSymbolWords = nonSymbol;
    nonSymbolLength = nonSymbolChars;
    alphaWords = alpha;
  }

  private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_PUNCTUATION[c] = CharClasses.isDatatrovePunctuation(c);
    }
  }

  /** Words with a character outside datatrove's punctuation set ("non-symbol words"). */
  int nonSymbolWords() {
    measureWords();
    return nonSymbolWords;
  }

  /** Total length, in code points, of the non-symbol words. */
  long nonSymbolLength() {
    measureWords();
    return nonSymbolLength;
  }

  /** Words with at least one alphabetic character (Python's {@code str.isalpha}). */
  int alphaWords() {
    measureWords();
    return alphaWords;
  }

  /** Length of each word in code points. */
  int[] wordLengths() {
    measureWords();
    return codePointLengths;
  }

  /** Interned word ids: equal words get equal ids, numbered in order of first occurrence. */
  int[] wordIds() {
    if (ids != null) {
      return ids;
    }
    WordTokenizer.Tokens t = tokens();
    int n = t.count;
    ids = new int[n];
    char[] c = chars;
    int[] hashes = t.hash;
    // Open addressing over token indexes (+1; 0 is empty) in a per-thread table that is left
    // empty again afterwards, so no table is allocated or cleared per document.
    Interning table = INTERNING.get().prepare(n);
    int[] slots = table.slots;
    int mask = table.mask;
    int shift = table.shift;
    int[] firstSlot = table.used;
    int next = 0;
    for (int i = 0; i < n; i++) {
      int h = hashes[i];
      int slot = (h * 0x9E3779B9) >>> shift;
      while (true) {
        int other = slots[slot] - 1;
        if (other < 0) {
          slots[slot] = i + 1;
          firstSlot[next] = slot;
          ids[i] = next++;
          break;
        }
        if (hashes[other] == h && sameToken(c, t, i, other)) {
          ids[i] = ids[other];
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    for (int k = 0; k < next; k++) {
      slots[firstSlot[k]] = 0;
    }
    distinctIds = next;
    return ids;
  }

  /** A per-thread interning table, empty between uses. */
  private static final class Interning {
    int[] slots = new int[0];
    int[] used = new int[0];
    int mask;
    int shift;

    Interning prepare(int entries) {
      int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
      if (slots.length < capacity || slots.length > (1 << 22)) {
        slots = new int[capacity];
      }
      if (used.length < entries) {
        used = new int[Math.max(entries, 64)];
      }
      // Use the first 'capacity' slots only: a small table stays in cache.
      mask = capacity - 1;
      shift = 32 - Integer.numberOfTrailingZeros(capacity);
      return this;
    }
  }

  private static final ThreadLocal<Interning> INTERNING = ThreadLocal.withInitial(Interning::new);

  private static boolean sameToken(char[] c, WordTokenizer.Tokens t, int i, int j) {
    int a = t.start[i];
    int b = t.start[j];
    int len = t.end[i] - a;
    if (t.end[j] - b != len) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (c[a + k] != c[b + k]) {
        return false;
      }
    }
    return true;
  }

  int distinctWords() {
    wordIds();
    return distinctIds;
  }
}
