package io.llmtrain.data.filter;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Splits text into words the way datatrove counts them. datatrove's word tokenizer for English
 * (and, by its assignment table, Portuguese, Spanish, French and German) is spaCy's blank
 * rule-based tokenizer; this class reimplements its algorithm:
 *
 * <ol>
 *   <li>Split on whitespace (Python's {@code str.isspace}); whitespace never becomes a word
 *       (datatrove strips whitespace tokens).
 *   <li>For each chunk, repeatedly split off one prefix (opening punctuation, quotes, currency,
 *       symbols, dot runs) and one suffix (closing punctuation, quotes, "'s", a period after a
 *       lower-case letter or digit, units and currency after a number), stopping as soon as the
 *       rest is a special case ({@link TokenizerExceptions}).
 *   <li>Keep what is left whole if it is a special case (contractions are split into their
 *       pieces) or looks like a URL or e-mail address; otherwise split it at infixes: dot runs,
 *       hyphens between letters ("well-known" is three tokens), commas between letters, a period
 *       between a lower-case and an upper-case letter, "/:<>=" before a letter, arithmetic signs
 *       between digits, symbols.
 * </ol>
 *
 * <p>Deviations from spaCy, all rare in prose: emoticons are not special cases (":)" is two
 * tokens, not one), the URL test leaves out IP addresses, the letter classes are Unicode's rather
 * than spaCy's list of scripts, and spaCy's second pass that rematches special cases spanning
 * several tokens is not done.
 *
 * <p>Works on a {@code char[]} copy of the text (faster to scan than {@code String.charAt}).
 * Stateless and thread-safe.
 */
final class WordTokenizer {
  private WordTokenizer() {
  }

  /**
   * Tokens as [start, end) character ranges of one text, with what the quality rules measure of
   * each: its {@link String#hashCode()}, its length in code points, its {@link #kind} bits and,
   * for short tokens, a {@link #key} that identifies it. Reusable; not thread-safe.
   */
  static final class Tokens {
    /** Kind bit: ASCII letters only. */
    static final byte LETTERS = 1;
    /** Kind bit: a character outside datatrove's punctuation set (a "non-symbol" word). */
    static final byte WORD = 2;
    /** Kind bit: an alphabetic character (Python's {@code isalpha} of one character). */
    static final byte ALPHA = 4;
    /** The {@link #key} of a token that has none. */
    static final long NO_KEY = -1;
    /** Longest token with a {@link #key}. */
    static final int MAX_KEYED = 7;

    String text;
    char[] chars;
    /** The text's characters as bytes when every one is below U+0100, else null. */
    byte[] latin1;
    int count;
    int[] start;
    int[] end;
    int[] hash;
    /** Length in code points, as Python's {@code len}. */
    int[] length;
    byte[] kind;
    /**
     * For a token of at most {@link #MAX_KEYED} characters below U+0100: its characters, a byte
     * each, and its length in the top byte, so that two such tokens are equal exactly when their
     * keys are; {@link #NO_KEY} otherwise.
     */
    long[] key;

    // Python's splitlines() of the text, when recordLines() asked for it: line i is
    // [lineStart[i], lineEnd[i]). Line breaks are whitespace, which the tokenizer visits anyway.
    int lines = -1; // -1: not recording
    int[] lineStart;
    int[] lineEnd;
    private int nextLineStart;

    Tokens() {
      this(64);
    }

    Tokens(int capacity) {
      capacity = Math.max(capacity, 1);
      start = new int[capacity];
      end = new int[capacity];
      hash = new int[capacity];
      length = new int[capacity];
      kind = new byte[capacity];
      key = new long[capacity];
    }

    /** Empties this for tokens of {@code newText}, whose characters {@code newChars} holds. */
    void reset(String newText, char[] newChars) {
      text = newText;
      chars = newChars;
      latin1 = null;
      count = 0;
      lines = -1;
    }

    /**
     * Makes the next {@link WordTokenizer#tokenize(int, int, Tokens)}, which must cover the whole
     * text, also split it into lines as Python's {@code str.splitlines} does, into these arrays
     * (grown as needed).
     */
    void recordLines(int[] starts, int[] ends) {
      lines = 0;
      lineStart = starts;
      lineEnd = ends;
      nextLineStart = 0;
    }

    /** Ends a line at the line break at {@code at}. */
    private void endLine(int at) {
      if (lines == lineStart.length) {
        lineStart = Arrays.copyOf(lineStart, lines * 2);
        lineEnd = Arrays.copyOf(lineEnd, lines * 2);
      }
      lineStart[lines] = nextLineStart;
      lineEnd[lines++] = at;
    }

    /** Ends the last line, at the end of a text of {@code length} characters. */
    private void endLines(int length) {
      if (nextLineStart < length) {
        endLine(length);
      }
    }

    /** Grows the arrays to hold at least {@code capacity} tokens. */
    void ensureCapacity(int capacity) {
      if (capacity > start.length) {
        int n = Math.max(capacity, start.length + (start.length >> 1));
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        hash = Arrays.copyOf(hash, n);
        length = Arrays.copyOf(length, n);
        kind = Arrays.copyOf(kind, n);
        key = Arrays.copyOf(key, n);
      }
    }

    /**
     * Adds a token of ASCII letters whose hash is known, and whose characters, shifted in a byte
     * at a time, are the low bytes of {@code packed} when it is short enough to have a key.
     */
    void addLetters(int s, int e, int h, long packed) {
      if (count == start.length) {
        ensureCapacity(count + 1);
      }
      int n = e - s;
      start[count] = s;
      end[count] = e;
      hash[count] = h;
      length[count] = n;
      kind[count] = LETTERS | WORD | ALPHA;
      key[count] = n <= MAX_KEYED ? (long) n << 56 | packed : NO_KEY;
      count++;
    }

    /** Adds a token whose measures are known. */
    void add(int s, int e, int h, int codePoints, byte k, long tokenKey) {
      if (count == start.length) {
        ensureCapacity(count + 1);
      }
      start[count] = s;
      end[count] = e;
      hash[count] = h;
      length[count] = codePoints;
      kind[count] = k;
      key[count] = tokenKey;
      count++;
    }

    void add(int s, int e) {
      char[] c = chars;
      byte[] table = CharClasses.KIND;
      int h = 0;
      long packed = 0;
      int bits = 0; // all characters or'ed: below 0x100 when each fits a byte
      int all = -1; // the kinds every character has
      int any = 0; // the kinds some character has
      for (int i = s; i < e; i++) {
        char ch = c[i];
        h = 31 * h + ch;
        packed = packed << 8 | ch;
        bits |= ch;
        int k = table[ch];
        all &= k;
        any |= k;
      }
      long tokenKey = e - s <= MAX_KEYED && bits < 0x100 ? (long) (e - s) << 56 | packed : NO_KEY;
      if ((all & CharClasses.ASCII_LETTER) != 0) {
        addLetters(s, e, h, packed);
      } else if ((any & CharClasses.SURROGATE) != 0) {
        addMeasuringCodePoints(s, e, h);
      } else {
        byte k = 0;
        if ((all & CharClasses.PUNCTUATION) == 0) {
          k |= WORD;
        }
        if ((any & CharClasses.LETTER) != 0) {
          k |= ALPHA;
        }
        add(s, e, h, e - s, k, tokenKey);
      }
    }

    /** A token with surrogates: its classes and length depend on the code points they pair to. */
    private void addMeasuringCodePoints(int s, int e, int h) {
      char[] c = chars;
      int codePoints = e - s;
      boolean word = false;
      boolean alpha = false;
      for (int j = s; j < e; ) {
        int cp = c[j];
        if (Character.isHighSurrogate((char) cp) && j + 1 < e
            && Character.isLowSurrogate(c[j + 1])) {
          cp = Character.toCodePoint((char) cp, c[j + 1]);
          codePoints--; // Python counts the pair once
          j += 2;
        } else {
          j++;
        }
        word |= !CharClasses.isDatatrovePunctuation(cp);
        alpha |= Character.isLetter(cp);
      }
      add(s, e, h, codePoints, (byte) ((word ? WORD : 0) | (alpha ? ALPHA : 0)), NO_KEY);
    }

    String token(int i) {
      return text.substring(start[i], end[i]);
    }
  }

  /** Tokenizes all of {@code text}. */
  static Tokens tokenize(String text) {
    return tokenize(text, text.toCharArray());
  }

  /** Tokenizes all of {@code text}, whose characters {@code chars} holds. */
  static Tokens tokenize(String text, char[] chars) {
    Tokens out = new Tokens(text.length() / 4 + 16);
    out.reset(text, chars);
    tokenize(0, text.length(), out);
    return out;
  }

  /** Appends the tokens of {@code [from, to)} of {@code out}'s text to {@code out}. */
  static void tokenize(int from, int to, Tokens out) {
    char[] c = out.chars;
    byte[] latin1 = out.latin1;
    byte[] kinds = CharClasses.KIND;
    ChunkCache cache = null;
    int[] affixes = null; // prefix and suffix stacks of one chunk
    boolean lines = out.lines >= 0;
    int i = from;
    while (i < to) {
      char ch = c[i];
      int k = kinds[ch];
      if ((k & CharClasses.SPACE) != 0) {
        if (lines && (k & CharClasses.LINE_BREAK) != 0) {
          out.endLine(i);
          if (ch == '\r' && i + 1 < to && c[i + 1] == '\n') {
            i++; // one boundary
          }
          out.nextLineStart = i + 1;
        }
        i++;
        continue;
      }
      // A chunk. Plain letters (no affix or infix can apply) and letters with one final mark
      // such as "word," are the commonest shapes and are settled here, scanning the leading
      // ASCII letters and hashing them for the special-case lookup.
      int s = i;
      int hash = 0;
      int hashBeforeLast = 0;
      long packed = 0; // the letters, a byte each: a short word's key
      int letters = -1;
      boolean oneMark = false;
      if (latin1 != null && i + 8 <= to) {
        // Eight characters at once: a short word is found and hashed without a branch per
        // character.
        long x = Swar.load(latin1, i);
        int n = Long.numberOfTrailingZeros(Swar.nonLetters(x)) >>> 3;
        if (n > 0 && n < 8) {
          if ((kinds[c[i + n]] & CharClasses.SPACE) != 0) {
            addWord(c, s, i + n, Swar.hash(x, n), Long.reverseBytes(x) >>> (64 - 8 * n), out);
            i += n;
            continue;
          }
          if (n < 7 && (kinds[c[i + n + 1]] & CharClasses.SPACE) != 0) {
            letters = n;
            hashBeforeLast = Swar.hash(x, n);
            packed = Long.reverseBytes(x) >>> (64 - 8 * n);
            hash = 31 * hashBeforeLast + c[i + n];
            i += n + 1;
            oneMark = true;
          }
        }
      }
      if (letters < 0) {
        while ((kinds[ch] & CharClasses.ASCII_LETTER) != 0) {
          hash = 31 * hash + ch;
          packed = packed << 8 | ch;
          if (++i == to) {
            break;
          }
          ch = c[i];
        }
        letters = i - s;
        if (i == to || (kinds[ch] & CharClasses.SPACE) != 0) {
          addWord(c, s, i, hash, packed, out);
          continue;
        }
        hashBeforeLast = hash;
        hash = 31 * hash + ch;
        i++;
        oneMark = i == to || (kinds[c[i]] & CharClasses.SPACE) != 0;
        if (!oneMark) {
          while (i < to) {
            ch = c[i];
            if ((kinds[ch] & CharClasses.SPACE) != 0) {
              break;
            }
            hash = 31 * hash + ch;
            i++;
          }
        }
      }
      int[] pieces = i - s <= TokenizerExceptions.MAX_LENGTH
          ? TokenizerExceptions.lookup(c, s, i, hash) : null;
      if (pieces != null) {
        addPieces(s, pieces, out);
      } else if (oneMark && letters > 0 && splitsOffLetters(c, s, i)) {
        // spaCy splits the mark off as a suffix, then looks the word up as a special case.
        addWord(c, s, i - 1, hashBeforeLast, packed, out);
        out.add(i - 1, i);
      } else {
        if (i - s <= ChunkCache.MAX_CHUNK) {
          if (cache == null) {
            cache = CHUNK_CACHE.get();
          }
          if (cache.replay(c, s, i, hash, out)) {
            continue;
          }
        }
        if (affixes == null) {
          affixes = new int[16];
        }
        int before = out.count;
        affixes = tokenizeChunk(c, s, i, out, affixes);
        if (cache != null) {
          cache.remember(c, s, i, hash, out, before);
        }
      }
    }
    if (lines) {
      out.endLines(to);
    }
  }

  /** Adds the ASCII letters [s, e): one word, or the pieces of a special case. */
  private static void addWord(char[] c, int s, int e, int hash, long packed, Tokens out) {
    int[] pieces = e - s <= TokenizerExceptions.MAX_LENGTH
        ? TokenizerExceptions.lookup(c, s, e, hash) : null;
    if (pieces != null) {
      addPieces(s, pieces, out);
    } else {
      out.addLetters(s, e, hash, packed);
    }
  }

  /**
   * How recent chunks split, per thread, as spaCy's tokenizer caches them: the affix and infix
   * rules are the costliest part of tokenizing, and e-mail headers, numbers, dates and addresses
   * recur within and across documents. A chunk's tokens depend on its characters only, so a
   * replayed chunk gets exactly the tokens the rules would give. Direct-mapped: a chunk replaces
   * the one in its slot.
   */
  private static final class ChunkCache {
    /** Longer chunks (base64 lines, long URLs) rarely recur; caching them would only churn. */
    static final int MAX_CHUNK = 40;
    private static final int BITS = 14;

    private final int[] hashes = new int[1 << BITS];
    private final char[][] chunks = new char[1 << BITS][];
    /**
     * Per token: start offset in the chunk, length in chars, hash, kind | code points << 8, and
     * the key's high and low halves.
     */
    private final int[][] tokens = new int[1 << BITS][];

    private static int slot(int hash) {
      return (hash * 0x9E3779B9) >>> (32 - BITS);
    }

    /** Adds the tokens of chunk [s, e) to {@code out} if it is cached. */
    boolean replay(char[] c, int s, int e, int hash, Tokens out) {
      int slot = slot(hash);
      char[] chunk = chunks[slot];
      if (chunk == null || hashes[slot] != hash || chunk.length != e - s
          || !Arrays.equals(chunk, 0, chunk.length, c, s, e)) {
        return false;
      }
      int[] t = tokens[slot];
      out.ensureCapacity(out.count + t.length / 6);
      for (int k = 0; k < t.length; k += 6) {
        int a = s + t[k];
        out.add(a, a + t[k + 1], t[k + 2], t[k + 3] >>> 8, (byte) t[k + 3],
            (long) t[k + 4] << 32 | (t[k + 5] & 0xffffffffL));
      }
      return true;
    }

    /** Caches chunk [s, e), whose tokens are {@code out}'s from {@code first} on. */
    void remember(char[] c, int s, int e, int hash, Tokens out, int first) {
      int slot = slot(hash);
      int[] t = new int[6 * (out.count - first)];
      for (int k = first, j = 0; k < out.count; k++, j += 6) {
        t[j] = out.start[k] - s;
        t[j + 1] = out.end[k] - out.start[k];
        t[j + 2] = out.hash[k];
        t[j + 3] = (out.kind[k] & 0xff) | out.length[k] << 8;
        t[j + 4] = (int) (out.key[k] >>> 32);
        t[j + 5] = (int) out.key[k];
      }
      hashes[slot] = hash;
      chunks[slot] = Arrays.copyOfRange(c, s, e);
      tokens[slot] = t;
    }
  }

  private static final ThreadLocal<ChunkCache> CHUNK_CACHE =
      ThreadLocal.withInitial(ChunkCache::new);

  /**
   * Whether spaCy splits the last character of [s, e), which follows ASCII letters only, off as
   * a suffix: closing punctuation and quotes always, a period after a lower-case letter or after
   * two upper-case ones ("end." and "USA." but not "A.").
   */
  private static boolean splitsOffLetters(char[] c, int s, int e) {
    char last = c[e - 1];
    switch (last) {
      case ',': case ';': case ':': case '!': case '?': case ')': case '"': case '\'':
        return true;
      case '.':
        char before = c[e - 2];
        return (before >= 'a' && before <= 'z')
            || (e - 3 >= s && before <= 'Z' && c[e - 3] <= 'Z' && c[e - 3] >= 'A');
      default:
        return false;
    }
  }

  private static void addPieces(int at, int[] pieces, Tokens out) {
    for (int len : pieces) {
      out.add(at, at + len);
      at += len;
    }
  }

  private static int[] special(char[] c, int a, int b) {
    if (b - a > TokenizerExceptions.MAX_LENGTH) {
      return null;
    }
    int h = 0;
    for (int i = a; i < b; i++) {
      h = 31 * h + c[i];
    }
    return TokenizerExceptions.lookup(c, a, b, h);
  }

  /** spaCy's affix loop and token attachment for one whitespace-free chunk [s, e). */
  private static int[] tokenizeChunk(char[] c, int s, int e, Tokens out, int[] scratch) {
    int[] stack = scratch;
    int prefixes = 0; // stack[0..prefixes) hold prefix end offsets
    int suffixes = 0; // stack[len-1-k] holds the start of the k-th suffix split off
    int a = s;
    int b = e;
    int lastSize = -1;
    while (a < b && b - a != lastSize) {
      if ((a != s || b != e) && special(c, a, b) != null) {
        break;
      }
      lastSize = b - a;
      int pre = prefixLength(c, a, b);
      if (pre != 0 && a + pre < b && special(c, a + pre, b) != null) {
        stack = ensure(stack, prefixes, suffixes);
        stack[prefixes++] = a + pre;
        a += pre;
        break;
      }
      int suf = suffixLength(c, a + pre, b);
      if (suf != 0 && b - suf > a && special(c, a, b - suf) != null) {
        stack = ensure(stack, prefixes, suffixes);
        stack[stack.length - 1 - suffixes++] = b - suf;
        b -= suf;
        break;
      }
      if (pre != 0) {
        stack = ensure(stack, prefixes, suffixes);
        stack[prefixes++] = a + pre;
        a += pre;
      }
      if (suf != 0) {
        stack = ensure(stack, prefixes, suffixes);
        stack[stack.length - 1 - suffixes++] = b - suf;
        b -= suf;
      }
    }
    int at = s;
    for (int k = 0; k < prefixes; k++) {
      out.add(at, stack[k]);
      at = stack[k];
    }
    if (a < b) {
      int[] pieces = special(c, a, b);
      if (pieces != null) {
        addPieces(a, pieces, out);
      } else if (looksLikeUrl(c, a, b)) {
        out.add(a, b);
      } else {
        splitInfixes(c, a, b, out);
      }
    }
    for (int k = suffixes - 1; k >= 0; k--) {
      // Suffix k was the k-th split off the end; it ends where suffix k - 1 starts.
      int suffixStart = stack[stack.length - 1 - k];
      int suffixEnd = k == 0 ? e : stack[stack.length - k];
      out.add(suffixStart, suffixEnd);
    }
    return stack;
  }

  private static int[] ensure(int[] stack, int prefixes, int suffixes) {
    if (prefixes + suffixes < stack.length) {
      return stack;
    }
    int[] grown = new int[stack.length * 2];
    System.arraycopy(stack, 0, grown, 0, prefixes);
    System.arraycopy(stack, stack.length - suffixes, grown, grown.length - suffixes, suffixes);
    return grown;
  }

  private static int codePointAt(char[] c, int i, int limit) {
    char ch = c[i];
    if (Character.isHighSurrogate(ch) && i + 1 < limit && Character.isLowSurrogate(c[i + 1])) {
      return Character.toCodePoint(ch, c[i + 1]);
    }
    return ch;
  }

  private static int codePointBefore(char[] c, int i, int floor) {
    char ch = c[i - 1];
    if (Character.isLowSurrogate(ch) && i - 2 >= floor && Character.isHighSurrogate(c[i - 2])) {
      return Character.toCodePoint(c[i - 2], ch);
    }
    return ch;
  }

  private static boolean regionIs(char[] c, int at, int limit, String s) {
    if (at < 0 || limit - at < s.length()) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (c[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Length of the prefix spaCy splits off {@code [a, b)}: its alternatives are tried in order and
   * the first that matches wins, so this is one character except for a run of dots and the
   * currency codes US$, C$ and A$.
   */
  static int prefixLength(char[] c, int a, int b) {
    char ch = c[a];
    if (ch == '.') {
      int i = a + 1;
      while (i < b && c[i] == '.') {
        i++;
      }
      return i - a >= 2 ? i - a : 0;
    }
    if (ch == '+') {
      return a + 1 < b && CharClasses.isDigit(c[a + 1]) ? 0 : 1;
    }
    if (ch == 'U' && regionIs(c, a, b, "US$")) {
      return 3;
    }
    if ((ch == 'C' || ch == 'A') && a + 1 < b && c[a + 1] == '$') {
      return 2;
    }
    int cp = codePointAt(c, a, b);
    return CharClasses.isPrefixChar(cp) ? Character.charCount(cp) : 0;
  }

  /** Units that split off a number ("5km" is "5" + "km"); spaCy's list. */
  private static final String[] UNITS = ("km km\u00b2 km\u00b3 m m\u00b2 m\u00b3 dm dm\u00b2 dm\u00b3 "
      + "cm cm\u00b2 cm\u00b3 mm mm\u00b2 mm\u00b3 ha \u00b5m nm yd in ft kg g mg \u00b5g t lb oz "
      + "m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % "
      + "\u043a\u043c \u043a\u043c\u00b2 \u043a\u043c\u00b3 \u043c \u043c\u00b2 \u043c\u00b3 "
      + "\u0434\u043c \u0434\u043c\u00b2 \u0434\u043c\u00b3 \u0441\u043c \u0441\u043c\u00b2 "
      + "\u0441\u043c\u00b3 \u043c\u043c \u043c\u043c\u00b2 \u043c\u043c\u00b3 \u043d\u043c "
      + "\u043a\u0433 \u0433 \u043c\u0433 \u043c/\u0441 \u043a\u043c/\u0447 \u043a\u041f\u0430 "
      + "\u041f\u0430 \u043c\u0431\u0430\u0440 \u041a\u0431 \u041a\u0411 \u043a\u0431 \u041c\u0431 "
      + "\u041c\u0411 \u043c\u0431 \u0413\u0431 \u0413\u0411 \u0433\u0431 \u0422\u0431 \u0422\u0411 "
      + "\u0442\u0431").split(" ");

  /** Units and the currency codes US$, C$ and A$, which split off a preceding digit. */
  private static final Set<String> AFTER_DIGIT;
  private static final int MAX_AFTER_DIGIT;

  static {
    Set<String> set = new HashSet<>(Arrays.asList(UNITS));
    set.addAll(Arrays.asList("US$", "C$", "A$"));
    AFTER_DIGIT = Set.copyOf(set);
    MAX_AFTER_DIGIT = set.stream().mapToInt(String::length).max().orElse(0);
  }

  /**
   * Length of the suffix spaCy splits off {@code [a, b)}. spaCy searches for the leftmost
   * position where one of its suffix patterns matches up to the end, so the longest matching
   * candidate wins.
   */
  static int suffixLength(char[] c, int a, int b) {
    if (a >= b) {
      return 0;
    }
    int best = 0;
    char last = c[b - 1];
    if (last == '.') {
      int i = b - 1;
      while (i > a && c[i - 1] == '.') {
        i--;
      }
      if (b - i >= 2) {
        return b - i; // a run of dots: nothing longer can match
      }
      if (b - 1 > a) {
        int before = codePointBefore(c, b - 1, a);
        if (CharClasses.splitsPeriodAfter(before)) {
          best = 1;
        } else if (b - 3 >= a && CharClasses.isUpper(c[b - 2]) && CharClasses.isUpper(c[b - 3])) {
          best = 1; // two upper-case letters then a period, as in "USA."
        } else if (b - 3 >= a && "FfCcKk".indexOf(before) >= 0 && c[b - 3] == '\u00b0') {
          best = 1; // "25\u00b0F."
        }
      }
    } else {
      int cp = codePointBefore(c, b, a);
      if (CharClasses.isSuffixChar(cp)) {
        best = Character.charCount(cp);
        if (last == '\u2026' && b - 2 >= a && c[b - 2] == '\u2026') {
          best = 2;
        }
      } else if ((last == 's' || last == 'S') && b - 2 >= a
          && (c[b - 2] == '\'' || c[b - 2] == '\u2019')) {
        best = 2;
      } else if ((last == '+' || CharClasses.isCurrency(last)) && b - 2 >= a
          && CharClasses.isDigit(c[b - 2])) {
        best = 1;
      }
    }
    // A unit or currency code right after the last digit ("5km", "20US$"). Units contain no
    // ASCII digit, so the only candidate starts just after the last digit of the chunk.
    int at = b - 1;
    while (at > a && b - at <= MAX_AFTER_DIGIT && !CharClasses.isDigit(c[at - 1])) {
      at--;
    }
    if (at > a && b - at > best && CharClasses.isDigit(c[at - 1])
        && AFTER_DIGIT.contains(new String(c, at, b - at))) {
      best = b - at;
    }
    return best;
  }

  /**
   * spaCy's URL test, which keeps "example.com/a-b" or "name@host.org" whole: an optional scheme
   * ("http://"), optional user info ending in '@', one or more host labels each followed by a
   * dot, a top-level label of two or more lower-case letters, an optional port and an optional
   * path starting with '/', '?' or '#'. IP hosts are left out.
   */
  static boolean looksLikeUrl(char[] c, int a, int b) {
    boolean dot = false;
    int lastAt = -1;
    int scheme = -1;
    for (int i = a; i < b; i++) {
      char ch = c[i];
      if (ch == '.') {
        dot = true;
      } else if (ch == '@') {
        lastAt = i;
      } else if (ch == ':' && scheme < 0 && i + 2 < b && c[i + 1] == '/' && c[i + 2] == '/') {
        scheme = i;
      }
    }
    if (!dot) {
      return false; // the host needs a dot before its top-level label
    }
    int[] starts = {a, validScheme(c, a, scheme) ? scheme + 3 : -1};
    for (int start : starts) {
      if (start < 0) {
        continue;
      }
      if (hostAndRest(c, start, b)) {
        return true;
      }
      // User info: anything up to an '@'; the regex tries the last '@' first. A host cannot
      // contain '@', so only the last few are worth trying (and a chunk of many '@' stays linear).
      int tries = 0;
      for (int at = lastAt; at > start && tries++ < 4; at = lastIndexOf(c, '@', start, at)) {
        if (hostAndRest(c, at + 1, b)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int lastIndexOf(char[] c, char ch, int from, int before) {
    for (int i = before - 1; i >= from; i--) {
      if (c[i] == ch) {
        return i;
      }
    }
    return -1;
  }

  /** A scheme is two or more of [\w+\-.] before "://". */
  private static boolean validScheme(char[] c, int a, int colon) {
    if (colon < 0 || colon - a < 2) {
      return false;
    }
    for (int i = a; i < colon; i++) {
      char ch = c[i];
      if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '+' || ch == '-' || ch == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHostChar(char ch) {
    return ch >= 0xa1 || (ch < 0x80 && Character.isLetterOrDigit(ch));
  }

  /** Labels, a lower-case top-level label, then the end, a port or a path. */
  private static boolean hostAndRest(char[] c, int start, int b) {
    int end = start;
    while (end < b && (isHostChar(c[end]) || c[end] == '_' || c[end] == '-' || c[end] == '.')) {
      end++;
    }
    // The top-level label runs from the last dot to the end of the host.
    int lastDot = lastIndexOf(c, '.', start, end);
    if (lastDot <= start) {
      return false;
    }
    int tld = end - lastDot - 1;
    if (tld < 2 || tld > 63) {
      return false;
    }
    for (int i = lastDot + 1; i < end; i++) {
      if (!CharClasses.isLower(c[i])) {
        return false;
      }
    }
    // Each label: 1 to 64 characters, no '_' or '-' first or last.
    int labelStart = start;
    for (int i = start; i <= lastDot; i++) {
      if (c[i] != '.') {
        continue;
      }
      int len = i - labelStart;
      if (len < 1 || len > 64 || !isHostChar(c[labelStart]) || !isHostChar(c[i - 1])) {
        return false;
      }
      labelStart = i + 1;
    }
    if (end == b) {
      return true;
    }
    int i = end;
    if (c[i] == ':') {
      int digits = 0;
      i++;
      while (i < b && c[i] >= '0' && c[i] <= '9') {
        i++;
        digits++;
      }
      if (digits < 2 || digits > 5) {
        return false;
      }
      if (i == b) {
        return true;
      }
    }
    return c[i] == '/' || c[i] == '?' || c[i] == '#';
  }

  /** Splits {@code [a, b)} at spaCy's infixes and adds the pieces. */
  static void splitInfixes(char[] c, int a, int b, Tokens out) {
    int start = a;
    int p = a;
    while (p < b) {
      char ch = c[p];
      if (ch < 0x80 && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' || ch >= '0' && ch <= '9') {
        p++; // letters and digits never start an infix
        continue;
      }
      int len = infixLength(c, a, b, p);
      if (len == 0) {
        p += Character.isHighSurrogate(ch) && p + 1 < b ? 2 : 1;
        continue;
      }
      // An infix at the very start is not split (spaCy skips a match at position 0).
      if (p != a) {
        if (p != start) {
          out.add(start, p);
        }
        out.add(p, p + len);
        start = p + len;
      }
      p += len;
    }
    if (start < b) {
      out.add(start, b);
    }
  }

  private static final String[] HYPHENS =
      {"-", "\u2013", "\u2014", "--", "---", "\u2014\u2014", "~"};

  /** Length of the infix match at {@code p} in {@code [a, b)}, 0 when none. */
  private static int infixLength(char[] c, int a, int b, int p) {
    char ch = c[p];
    if (ch == '.') {
      int i = p + 1;
      while (i < b && c[i] == '.') {
        i++;
      }
      if (i - p >= 2) {
        return i - p;
      }
      // A period between a lower-case letter (or quote) and an upper-case letter (or quote).
      if (p > a && p + 1 < b) {
        int before = codePointBefore(c, p, a);
        int after = codePointAt(c, p + 1, b);
        if ((CharClasses.isLower(before) || CharClasses.isQuote(before))
            && (CharClasses.isUpper(after) || CharClasses.isQuote(after))) {
          return 1;
        }
      }
      return 0;
    }
    if (ch == '\u2026') {
      return 1;
    }
    int cp = codePointAt(c, p, b);
    if (CharClasses.isIcon(cp)) {
      return Character.charCount(cp);
    }
    if (p == a) {
      return 0; // the remaining rules need a character before
    }
    int before = codePointBefore(c, p, a);
    boolean hasAfter = p + 1 < b;
    if ((ch == '+' || ch == '-' || ch == '*' || ch == '^') && CharClasses.isDigit(before)
        && hasAfter && (CharClasses.isDigit(c[p + 1]) || c[p + 1] == '-')) {
      return 1;
    }
    if (ch == ',' && hasAfter && CharClasses.isAlpha(before)
        && CharClasses.isAlpha(codePointAt(c, p + 1, b))) {
      return 1;
    }
    if (!(CharClasses.isAlpha(before) || CharClasses.isDigit(before))) {
      return 0;
    }
    // Hyphens, tried in spaCy's order: - – — -- --- —— ~
    if (ch == '-' || ch == '\u2013' || ch == '\u2014' || ch == '~') {
      for (String h : HYPHENS) {
        int end = p + h.length();
        if (end < b && regionIs(c, p, b, h) && CharClasses.isAlpha(codePointAt(c, end, b))) {
          return h.length();
        }
      }
      return 0;
    }
    if ((ch == ':' || ch == '<' || ch == '>' || ch == '=' || ch == '/') && hasAfter
        && CharClasses.isAlpha(codePointAt(c, p + 1, b))) {
      return 1;
    }
    return 0;
  }
}
