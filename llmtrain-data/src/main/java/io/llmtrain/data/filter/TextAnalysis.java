package io.llmtrain.data.filter;

/**
 * What the quality filters measure about one text, computed once and shared: the words (tokens),
 * their lengths and kinds, and their interned ids. The composite {@code quality} filter hands one
 * instance to each of its rules so the text is tokenized once.
 *
 * <p>Not thread-safe: one instance serves one document on one thread.
 */
final class TextAnalysis implements AutoCloseable {
  final String text;
  private final Workspace workspace; // the thread's reusable arrays; null when this owns its own
  private char[] chars;
  private byte[] latin1; // the characters as bytes, when all are below U+0100
  private boolean latin1Checked;
  private WordTokenizer.Tokens tokens;

  // Sums over the tokens, filled by measureWords().
  private int nonSymbolWords = -1;
  private long nonSymbolLength;
  private int alphaWords;

  // Interned token ids, in order of first occurrence, their counts and first token indexes,
  // filled by wordIds().
  private int[] ids;
  private int[] counts;
  private int[] firsts;
  private int distinctIds;

  private int textCodePoints = -1;

  // Python's splitlines(): line i is [lineStart[i], lineEnd[i]); filled by lines().
  private int[] lineStart;
  private int[] lineEnd;
  private int lineCount = -1;

  /** An analysis with arrays of its own (for tests and one-off use). */
  TextAnalysis(String text) {
    this(text, null);
  }

  private TextAnalysis(String text, Workspace workspace) {
    this.text = text;
    this.workspace = workspace;
  }

  /**
   * An analysis that borrows the calling thread's working arrays until {@link #close}, so that a
   * stream of documents allocates no per-document arrays. Nested use on one thread is safe: the
   * arrays are lent to one analysis at a time and the others get their own.
   */
  static TextAnalysis open(String text) {
    Workspace w = WORKSPACE.get();
    if (w.inUse || text.length() > Workspace.MAX_CHARS) {
      return new TextAnalysis(text, null);
    }
    w.inUse = true;
    return new TextAnalysis(text, w);
  }

  /** Gives the borrowed arrays back; this analysis must not be used afterwards. */
  @Override
  public void close() {
    if (workspace != null) {
      workspace.inUse = false;
    }
  }

  /** Per-thread arrays, grown as needed (texts longer than {@code MAX_CHARS} use their own). */
  private static final class Workspace {
    static final int MAX_CHARS = 1 << 20;

    boolean inUse;
    char[] chars = new char[0];
    byte[] bytes = new byte[0];
    final WordTokenizer.Tokens tokens = new WordTokenizer.Tokens(1024);
    int[] ids = new int[0];
    int[] counts = new int[0];
    int[] firsts = new int[0];
    int[] lineStart = new int[64];
    int[] lineEnd = new int[64];
  }

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** The text's characters; in a borrowed array, only the first {@code text.length()} count. */
  char[] chars() {
    if (chars == null) {
      if (workspace == null) {
        chars = text.toCharArray();
      } else {
        if (workspace.chars.length < text.length()) {
          workspace.chars = new char[Math.max(text.length(), 2 * workspace.chars.length)];
        }
        chars = workspace.chars;
        text.getChars(0, text.length(), chars, 0);
      }
    }
    return chars;
  }

  /**
   * The characters as bytes when every one is below U+0100 (the tokenizer then reads eight at a
   * time), else null.
   */
  byte[] latin1() {
    if (latin1 != null || latin1Checked) {
      return latin1;
    }
    latin1Checked = true;
    char[] c = chars();
    int n = text.length();
    byte[] b;
    if (workspace == null) {
      b = new byte[n];
    } else {
      if (workspace.bytes.length < n) {
        workspace.bytes = new byte[Math.max(n, 2 * workspace.bytes.length)];
      }
      b = workspace.bytes;
    }
    int bits = 0;
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      bits |= ch;
      b[i] = (byte) ch;
    }
    latin1 = bits < 0x100 ? b : null;
    return latin1;
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
    int n = text.length();
    int[] starts = workspace != null ? workspace.lineStart : new int[16];
    int[] ends = workspace != null ? workspace.lineEnd : new int[16];
    byte[] kinds = CharClasses.KIND;
    int count = 0;
    int s = 0;
    for (int i = 0; i < n; i++) {
      char ch = c[i];
      if ((kinds[ch] & CharClasses.LINE_BREAK) != 0) {
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
    if (workspace != null) {
      workspace.lineStart = starts;
      workspace.lineEnd = ends;
    }
  }

  boolean hasTokens() {
    return tokens != null;
  }

  WordTokenizer.Tokens tokens() {
    if (tokens == null) {
      WordTokenizer.Tokens t;
      if (workspace == null) {
        t = new WordTokenizer.Tokens(text.length() / 4 + 16);
      } else {
        t = workspace.tokens;
        t.ensureCapacity(text.length() / 4 + 16);
      }
      t.reset(text, chars());
      t.latin1 = latin1();
      boolean splitting = lineCount < 0; // the tokenizer splits lines on the way
      if (splitting) {
        t.recordLines(workspace != null ? workspace.lineStart : new int[16],
            workspace != null ? workspace.lineEnd : new int[16]);
      }
      WordTokenizer.tokenize(0, text.length(), t);
      if (splitting) {
        lineStart = t.lineStart;
        lineEnd = t.lineEnd;
        lineCount = t.lines;
        if (workspace != null) {
          workspace.lineStart = lineStart;
          workspace.lineEnd = lineEnd;
        }
      }
      tokens = t;
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
    byte[] kinds = t.kind;
    int[] lengths = t.length;
    int nonSymbol = 0;
    long nonSymbolChars = 0;
    int alpha = 0;
    for (int i = 0; i < n; i++) {
      int k = kinds[i];
      int word = (k >> 1) & 1; // WORD
      nonSymbol += word;
      nonSymbolChars += lengths[i] & -word;
      alpha += (k >> 2) & 1; // ALPHA
    }
    nonSymbolWords = nonSymbol;
    nonSymbolLength = nonSymbolChars;
    alphaWords = alpha;
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

  /** Length of each word in code points (the first {@link #wordCount} entries). */
  int[] wordLengths() {
    return tokens().length;
  }

  /**
   * Interned word ids: equal words get equal ids, numbered in order of first occurrence (the
   * first {@link #wordCount} entries).
   */
  int[] wordIds() {
    if (ids != null) {
      return ids;
    }
    WordTokenizer.Tokens t = tokens();
    int n = t.count;
    if (workspace == null) {
      ids = new int[n];
      counts = new int[n];
      firsts = new int[n];
    } else {
      if (workspace.ids.length < n) {
        int size = Math.max(n, 2 * workspace.ids.length);
        workspace.ids = new int[size];
        workspace.counts = new int[size];
        workspace.firsts = new int[size];
      }
      ids = workspace.ids;
      counts = workspace.counts;
      firsts = workspace.firsts;
    }
    char[] c = chars;
    int[] hashes = t.hash;
    long[] keys = t.key;
    // Open addressing from a token's key (or, for a token without one, a mark and its hash) to
    // its id, in a per-thread table that is left empty again afterwards, so no table is
    // allocated or cleared per document. It starts small (distinct words are far fewer than
    // words) and doubles when half full.
    Interning table = INTERNING.get().prepare(Math.min(n, 1024));
    long[] slotKey = table.keys;
    int[] slotId = table.ids;
    int mask = table.mask;
    int shift = table.shift;
    int next = 0;
    for (int i = 0; i < n; i++) {
      int h = hashes[i];
      long key = keys[i];
      // Short tokens are equal exactly when their keys are; others when their characters are.
      boolean keyed = key != WordTokenizer.Tokens.NO_KEY;
      long probe = keyed ? key : Interning.UNKEYED | (h & 0xffffffffL);
      int slot = (h * 0x9E3779B9) >>> shift;
      while (true) {
        int idPlusOne = slotId[slot];
        if (idPlusOne == 0) {
          slotKey[slot] = probe;
          slotId[slot] = next + 1;
          table.used[next] = slot;
          ids[i] = next;
          counts[next] = 1;
          firsts[next] = i;
          next++;
          if (2 * next > mask) {
            table.grow(next, hashes, firsts);
            slotKey = table.keys;
            slotId = table.ids;
            mask = table.mask;
            shift = table.shift;
          }
          break;
        }
        if (slotKey[slot] == probe
            && (keyed || sameToken(c, t, i, firsts[idPlusOne - 1]))) {
          int id = idPlusOne - 1;
          ids[i] = id;
          counts[id]++;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    table.clear(next);
    distinctIds = next;
    return ids;
  }

  /** Occurrences of each word id (the first {@link #distinctWords} entries). */
  int[] wordCounts() {
    wordIds();
    return counts;
  }

  /** The first token index of each word id (the first {@link #distinctWords} entries). */
  int[] wordFirstIndexes() {
    wordIds();
    return firsts;
  }

  /** A per-thread interning table, empty between uses. */
  private static final class Interning {
    /** Marks the probe key of a token without a key of its own (keys are never negative). */
    static final long UNKEYED = Long.MIN_VALUE;

    long[] keys = new long[0];
    int[] ids = new int[0]; // id + 1; 0 is empty
    int[] used = new int[0]; // the slots filled, one per distinct token
    int mask;
    int shift;

    Interning prepare(int entries) {
      int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
      if (ids.length < capacity || ids.length > (1 << 22)) {
        keys = new long[capacity];
        ids = new int[capacity];
      }
      if (used.length < capacity) {
        used = new int[capacity];
      }
      // Use the first 'capacity' slots only: a small table stays in cache.
      mask = capacity - 1;
      shift = 32 - Integer.numberOfTrailingZeros(capacity);
      return this;
    }

    /**
     * Doubles the table in use, which holds ids 0 to {@code entries - 1}; id k's token hash is
     * {@code hashes[firsts[k]]}.
     */
    void grow(int entries, int[] hashes, int[] firsts) {
      long[] movedKeys = new long[entries];
      for (int k = 0; k < entries; k++) {
        movedKeys[k] = keys[used[k]];
        ids[used[k]] = 0;
      }
      prepare((mask + 1) / 2);
      for (int k = 0; k < entries; k++) {
        int slot = (hashes[firsts[k]] * 0x9E3779B9) >>> shift;
        while (ids[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = movedKeys[k];
        ids[slot] = k + 1;
        used[k] = slot;
      }
    }

    /** Empties the {@code entries} slots in use. */
    void clear(int entries) {
      for (int k = 0; k < entries; k++) {
        ids[used[k]] = 0;
      }
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
