package io.llmtrain.data.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds listed words and phrases in text, matching whole words only and ignoring case and accents
 * ("PORRA", "otario" and "otário" are the same word; "Scunthorpe" does not contain "cunt"). A word
 * is a maximal run of letters, digits and combining marks; soft hyphens and other invisible format
 * characters inside a word are ignored, and the words of a phrase may be separated by spaces,
 * hyphens or apostrophes but not by a line break or other punctuation.
 *
 * <p>Each entry is found through one of its words, its anchor: the first word by default, so that
 * where several entries match at one position the longest wins (an allow entry winning a tie, so
 * an allow-list can carve exceptions out of a wildcard or an entry) and matches do not overlap.
 * A list that only needs to know whether a line contains a phrase may anchor each phrase on its
 * longest word instead ({@link Builder#anchorOnLongestWord()}), which keeps common first words such
 * as "you" or "this" from being looked at. Entries may end in a prefix wildcard ({@code fuck*}
 * matches "fucking").
 *
 * <p>Scanning ({@link Layers}) reads each word once for several lists together and tests a bloom
 * filter bit for it; only the few words whose bit is set are hashed, looked up in an
 * open-addressing table and compared character by character.
 *
 * <p>Immutable and thread-safe once built.
 */
final class WordMatcher {
  private static final long SEED = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final int BLOOM_BITS = 16;
  private static final int BLOOM_LONGS = (1 << BLOOM_BITS) / 64;
  /** Bloom planes: the same index, with these low bits flipped, in one 64-bit load. */
  private static final int ANCHOR_PLANE = 0;
  private static final int PREFIX_PLANE = 1;
  private static final int CENSUS_PLANE = 2;

  /** One listed word or phrase. */
  static final class Entry {
    final String[] words;
    final int anchor;
    final boolean prefix;
    final boolean allow;
    final int kind;
    final String source;

    Entry(String[] words, int anchor, boolean prefix, boolean allow, int kind, String source) {
      this.words = words;
      this.anchor = anchor;
      this.prefix = prefix;
      this.allow = allow;
      this.kind = kind;
      this.source = source;
    }

    int wordCount() {
      return words.length;
    }

    @Override
    public String toString() {
      return source;
    }
  }

  /** Receives each match that is not an allow entry. */
  interface Sink {
    void match(Entry entry, int start, int end);
  }

  private final List<Entry> exact;
  private final List<Entry> prefixed;
  private final long[] keys;
  private final Entry[][] values;
  private final int mask;
  private final int[] prefixLengths;
  private final long[] prefixKeys;
  private final Entry[][] prefixValues;
  private final int prefixMask;
  private final Union alone;

  private WordMatcher(List<Entry> exact, List<Entry> prefixed) {
    this.exact = List.copyOf(exact);
    this.prefixed = List.copyOf(prefixed);
    Map<Long, List<Entry>> byAnchor = new LinkedHashMap<>();
    for (Entry e : exact) {
      byAnchor.computeIfAbsent(hash(e.words[e.anchor]), k -> new ArrayList<>()).add(e);
    }
    int capacity = tableSize(byAnchor.size());
    keys = new long[capacity];
    values = new Entry[capacity][];
    mask = capacity - 1;
    fill(byAnchor, keys, values, mask);

    Map<Long, List<Entry>> byPrefix = new LinkedHashMap<>();
    TreeSet<Integer> lengths = new TreeSet<>();
    for (Entry e : prefixed) {
      byPrefix.computeIfAbsent(hash(e.words[0]), k -> new ArrayList<>()).add(e);
      lengths.add(e.words[0].codePointCount(0, e.words[0].length()));
    }
    int prefixCapacity = tableSize(byPrefix.size());
    prefixKeys = new long[prefixCapacity];
    prefixValues = new Entry[prefixCapacity][];
    prefixMask = prefixCapacity - 1;
    fill(byPrefix, prefixKeys, prefixValues, prefixMask);
    prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
    alone = new Union(List.of(this), List.of());
  }

  static Builder builder() {
    return new Builder();
  }

  /** Number of entries, allow entries included. */
  int size() {
    return exact.size() + prefixed.size();
  }

  /** This list on its own, for {@link Layers}. */
  Union alone() {
    return alone;
  }

  /**
   * Scans {@code [from, to)} of {@code text}, reporting matches left to right to {@code sink},
   * and returns the number of words in the range.
   */
  int scan(String text, int from, int to, Sink sink) {
    return new Layers(alone, sink).scan(text.toCharArray(), text, from, to);
  }

  // ------------------------------------------------------------------ hashing and tables

  private static int tableSize(int entries) {
    int capacity = 16;
    while (capacity < entries * 3) {
      capacity <<= 1;
    }
    return capacity;
  }

  private static void fill(Map<Long, List<Entry>> groups, long[] keys, Entry[][] values,
      int mask) {
    for (Map.Entry<Long, List<Entry>> g : groups.entrySet()) {
      long key = g.getKey();
      int slot = (int) mix(key) & mask;
      while (keys[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = key;
      Entry[] candidates = g.getValue().toArray(new Entry[0]);
      // Longest first, and allow entries before others of the same length.
      Arrays.sort(candidates, Comparator.comparingInt((Entry e) -> -e.words.length)
          .thenComparing(e -> !e.allow));
      values[slot] = candidates;
    }
  }

  private static long mix(long h) {
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    return h ^ (h >>> 32);
  }

  /** The FNV-1a hash of a folded word, over its code points; never 0 (an empty slot). */
  private static long hash(String folded) {
    long h = SEED;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      h = (h ^ cp) * PRIME;
    }
    return h == 0 ? 1 : h;
  }

  private static Entry[] lookup(long h, long[] keys, Entry[][] values, int mask) {
    int slot = (int) mix(h) & mask;
    while (true) {
      long k = keys[slot];
      if (k == h) {
        return values[slot];
      }
      if (k == 0) {
        return null;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The running bloom hash of a word after one more folded code point: a rotate and an xor, so
   * the scan's loop-carried work per character stays two instructions long.
   */
  static long bloomStep(long h, int folded) {
    return Long.rotateLeft(h, 7) ^ folded;
  }

  /** The bloom index of a running bloom hash. */
  static int bloomIndex(long h) {
    return (int) ((h * 0x9E3779B97F4A7C15L) >>> (64 - BLOOM_BITS));
  }

  private static int bloomIndex(String folded) {
    long h = 0;
    for (int i = 0; i < folded.length(); ) {
      int cp = folded.codePointAt(i);
      i += Character.charCount(cp);
      h = bloomStep(h, cp);
    }
    return bloomIndex(h);
  }

  private static void setBloom(long[] bloom, String folded, int plane) {
    int bit = bloomIndex(folded) ^ plane;
    bloom[bit >>> 6] |= 1L << bit;
  }

  // ------------------------------------------------------------------ matching one word

  /** Where the best match found at a word starts, and its entry. */
  private static final class Found {
    Entry entry;
    int start;
  }

  /**
   * The best entry matching at the word {@code [wordStart, wordEnd)}, whose folded hash is
   * {@code h} ({@code prefixHashes[k]}: the hash of its first k+1 folded code points): the
   * longest, an allow entry winning a tie. Leaves it in {@code found} and returns its end, or -1.
   * Phrases anchored after their first word may start before {@code wordStart}, never before
   * {@code rangeFrom}.
   */
  private int bestMatch(String text, int rangeFrom, int wordStart, int wordEnd, int to, long h,
      int folded, long[] prefixHashes, Found found) {
    int bestStart = 0;
    int bestEnd = -1;
    Entry best = null;
    Entry[] candidates = lookup(h, keys, values, mask);
    if (candidates != null) {
      for (Entry e : candidates) {
        int end = matchAround(text, rangeFrom, wordStart, wordEnd, to, e, found);
        if (end > 0 && (best == null || end - found.start > bestEnd - bestStart)) {
          bestStart = found.start;
          bestEnd = end;
          best = e;
        }
      }
    }
    for (int length : prefixLengths) {
      if (length > folded) {
        break;
      }
      Entry[] prefixedHere = lookup(prefixHashes[length - 1], prefixKeys, prefixValues,
          prefixMask);
      if (prefixedHere == null) {
        continue;
      }
      for (Entry e : prefixedHere) {
        if (!startsWithFolded(text, wordStart, wordEnd, e.words[0])) {
          continue;
        }
        int span = wordEnd - wordStart;
        if (best == null || span > bestEnd - bestStart
            || (span == bestEnd - bestStart && e.allow && !best.allow)) {
          bestStart = wordStart;
          bestEnd = wordEnd;
          best = e;
        }
      }
    }
    found.entry = best;
    found.start = bestStart;
    return best == null ? -1 : bestEnd;
  }

  /**
   * Matches entry {@code e} with its anchor at the word {@code [wordStart, wordEnd)}: the words
   * after the anchor forwards, the words before it backwards. Returns the end and leaves the start
   * in {@code found.start}, or returns -1.
   */
  private static int matchAround(String text, int rangeFrom, int wordStart, int wordEnd, int to,
      Entry e, Found found) {
    // Cheap first: a phrase needs a separator on each side of the anchor that has words there
    // ("[EMAIL]" is not "this email was sent to").
    if ((e.anchor > 0 && (wordStart <= rangeFrom
        || !isPhraseSeparator(text.charAt(wordStart - 1))))
        || (e.anchor < e.words.length - 1 && (wordEnd >= to
        || !isPhraseSeparator(text.charAt(wordEnd))))) {
      return -1;
    }
    if (!equalsFolded(text, wordStart, wordEnd, e.words[e.anchor])) {
      return -1;
    }
    int end = wordEnd;
    for (int w = e.anchor + 1; w < e.words.length; w++) {
      int next = skipSeparatorForward(text, end, to);
      if (next == end) {
        return -1;
      }
      int nextEnd = wordEnd(text, next, to);
      if (nextEnd == next || !equalsFolded(text, next, nextEnd, e.words[w])) {
        return -1;
      }
      end = nextEnd;
    }
    int start = wordStart;
    for (int w = e.anchor - 1; w >= 0; w--) {
      int before = skipSeparatorBackward(text, start, rangeFrom);
      if (before == start) {
        return -1;
      }
      int previousStart = wordStartBefore(text, before, rangeFrom);
      if (previousStart == before || !equalsFolded(text, previousStart, before, e.words[w])) {
        return -1;
      }
      start = previousStart;
    }
    found.start = start;
    return end;
  }

  private static boolean isPhraseSeparator(char c) {
    return CharTables.isHorizontalSpace(c) || c == '-' || c == '\'' || c == '\u2019'
        || c == '\u2010' || c == '\u2011';
  }

  private static int skipSeparatorForward(String text, int pos, int to) {
    while (pos < to && isPhraseSeparator(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static int skipSeparatorBackward(String text, int pos, int from) {
    while (pos > from && isPhraseSeparator(text.charAt(pos - 1))) {
      pos--;
    }
    return pos;
  }

  private static boolean isWordPart(byte cls) {
    return cls == CharTables.WORD || cls == CharTables.IGNORABLE;
  }

  private static int wordEnd(String text, int i, int to) {
    while (i < to) {
      char c = text.charAt(i);
      byte cls = CharTables.classOf(c);
      if (isWordPart(cls)) {
        i++;
      } else if (cls == CharTables.SURROGATE && i + 1 < to && Character.isHighSurrogate(c)
          && CharTables.classAt(text, i) == CharTables.WORD) {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static int wordStartBefore(String text, int i, int from) {
    while (i > from) {
      char c = text.charAt(i - 1);
      byte cls = CharTables.classOf(c);
      if (isWordPart(cls)) {
        i--;
      } else if (cls == CharTables.SURROGATE && i - 1 > from && Character.isLowSurrogate(c)
          && CharTables.classBefore(text, i) == CharTables.WORD) {
        i -= 2;
      } else {
        break;
      }
    }
    return i;
  }

  /** True when the folded characters of {@code [start, end)} are exactly {@code folded}. */
  private static boolean equalsFolded(String text, int start, int end, String folded) {
    return foldedCompare(text, start, end, folded) == folded.length();
  }

  private static boolean startsWithFolded(String text, int start, int end, String folded) {
    return foldedCompare(text, start, end, folded) >= folded.length();
  }

  /**
   * Compares the folded text with {@code folded}: returns how many characters of it matched, the
   * full length plus one when the text has more characters after a complete match, or -1 on a
   * mismatch.
   */
  private static int foldedCompare(String text, int start, int end, String folded) {
    int k = 0;
    int i = start;
    while (i < end) {
      int cp = Character.codePointAt(text, i);
      i += Character.charCount(cp);
      int f = CharTables.foldCodePoint(cp);
      if (f == 0) {
        continue;
      }
      if (k == folded.length()) {
        return folded.length() + 1;
      }
      if (k >= folded.length() || folded.codePointAt(k) != f) {
        return -1;
      }
      k += Character.charCount(f);
    }
    return k == folded.length() ? k : -1;
  }

  // ------------------------------------------------------------------ scanning

  /**
   * Word lists scanned together in one pass, with one bloom filter for all of them: a plane for
   * anchor words, one for wildcard prefixes and one for census words, which {@link Layers} only
   * counts. Immutable; build once and share between threads.
   */
  static final class Union {
    final WordMatcher[] matchers;
    final long[] bloom = new long[BLOOM_LONGS];
    /** prefixAt[k] is 1 when some list has a wildcard of k folded code points (k mod 64). */
    final long[] prefixAt = new long[64];
    final int maxPrefix;
    /** The fewest letters a wildcard has; {@link Integer#MAX_VALUE} when there is none. */
    final int minPrefix;
    /**
     * Bits for the first two letters of the wildcards (see {@link #pairBit}); all set when a
     * wildcard has a single letter.
     */
    final long[] prefixPairs = new long[PAIR_BITS / 64];
    private static final int PAIR_BITS = 1 << 12;

    /**
     * @param matchers the lists, each reporting to its own sink
     * @param censusWords words (any case and accents) that {@link Layers#census()} counts
     */
    Union(List<WordMatcher> matchers, Collection<String> censusWords) {
      this.matchers = matchers.toArray(new WordMatcher[0]);
      int max = 0;
      int min = Integer.MAX_VALUE;
      for (WordMatcher m : matchers) {
        for (Entry e : m.exact) {
          setBloom(bloom, e.words[e.anchor], ANCHOR_PLANE);
        }
        for (Entry e : m.prefixed) {
          setBloom(bloom, e.words[0], PREFIX_PLANE);
          // A supplementary first letter sets a surrogate's pair, which the scan never asks
          // for: words with surrogates go to scanExact.
          if (e.words[0].length() >= 2) {
            int pair = pairBit(e.words[0].charAt(0), e.words[0].charAt(1));
            prefixPairs[pair >>> 6] |= 1L << pair;
          }
        }
        for (int length : m.prefixLengths) {
          prefixAt[length & 63] = 1;
          max = Math.max(max, length);
          min = Math.min(min, length);
        }
      }
      for (String word : censusWords) {
        for (String folded : splitWords(word)) {
          setBloom(bloom, folded, CENSUS_PLANE);
        }
      }
      this.maxPrefix = max;
      this.minPrefix = min;
      if (min < 2) {
        Arrays.fill(prefixPairs, -1L);
      }
    }

    static int pairBit(int first, int second) {
      return (first * 31 + second) & (PAIR_BITS - 1);
    }

    /** Whether some wildcard may start with the folded letters {@code first, second}. */
    boolean hasPrefixPair(int first, int second) {
      int pair = pairBit(first, second);
      return (prefixPairs[pair >>> 6] & (1L << pair)) != 0;
    }
  }

  /**
   * Matches the lists of a {@link Union} in one pass: each word is read once, and each list
   * reports its own matches to its own sink. Not thread-safe: one per scanning thread.
   */
  static final class Layers {
    private static final int BLOCK = 64;
    private final Union union;
    private final WordMatcher[] matchers;
    private final Sink[] sinks;
    private final int[] skipUntil;
    private final long[] prefixHashes;
    private final Found found = new Found();
    /** The running hash at each character of the current block of {@link #scanBlocks}. */
    private final long[] blockHashes = new long[BLOCK];
    private int rangeFrom;
    private int census;

    Layers(Union union, Sink... sinks) {
      if (sinks.length != union.matchers.length) {
        throw new IllegalArgumentException("one sink per list: " + union.matchers.length
            + " lists, " + sinks.length + " sinks");
      }
      this.union = union;
      this.matchers = union.matchers;
      this.sinks = sinks;
      this.skipUntil = new int[matchers.length];
      this.prefixHashes = new long[union.maxPrefix];
    }

    /**
     * Scans {@code [from, to)} of {@code text}, whose characters are {@code chars}, reporting
     * matches to the sinks; returns the number of words.
     */
    int scan(char[] chars, String text, int from, int to) {
      for (int k = 0; k < skipUntil.length; k++) {
        skipUntil[k] = 0;
      }
      rangeFrom = from;
      census = 0;
      return scanBlocks(chars, text, from, to);
    }

    /**
     * How many words of the last scan are census words of the union; exact when it is zero or
     * when it equals the word count, otherwise possibly an overestimate (a bloom filter).
     */
    int census() {
      return census;
    }

    /**
     * The common case, 64 characters at a time, without a branch per character or per word
     * boundary: prose alternates letters, spaces and punctuation unpredictably, and a
     * mispredicted branch at each end of a word costs more than the arithmetic here. A first loop
     * keeps the running hash of the current word at every character (a rotate and an xor,
     * cleared after a non-letter) and a bit mask of the letters; then the ends of the words are
     * read off the mask, and each word costs one load of its anchor and census bits and one look
     * at whether its first two letters can start a wildcard. Only a word whose anchor bit is set,
     * or which may start a wildcard and one of whose prefixes sets a wildcard bit, goes to
     * {@link #matchWord}. A block with an invisible character or a surrogate hands the rest of the
     * range, from the start of the word in progress, to {@link #scanWords}.
     */
    private int scanBlocks(char[] chars, String text, int from, int to) {
      final long[] bloom = union.bloom;
      final long[] prefixPairs = union.prefixPairs;
      final int minPrefix = union.minPrefix;
      final long[] hashes = blockHashes;
      int words = 0;
      int counted = 0;
      long h = 0;
      // Whether the character before the block is a letter, and where its word starts.
      long letterBefore = 0;
      int wordStart = from;
      for (int block = from; block < to; block += BLOCK) {
        int length = Math.min(BLOCK, to - block);
        long hashBefore = h;
        long letters = 0;
        int lowest = 0;
        for (int k = 0; k < length; k++) {
          int code = CharTables.wordCode(chars[block + k]);
          // All ones for a letter, 0 for the rest, whose codes are negative.
          long letter = ~(long) (code >> 31);
          h = bloomStep(h, code) & letter;
          hashes[k] = h;
          letters |= (letter & 1) << k;
          lowest = Math.min(lowest, code);
        }
        if (lowest < CharTables.CODE_NOT_WORD) {
          // An invisible character or a surrogate.
          census += counted;
          return words + scanWords(chars, text, letterBefore != 0 ? wordStart : block, to);
        }
        long afterLetter = letters << 1 | letterBefore;
        long starts = letters & ~afterLetter;
        long ends = ~letters & afterLetter & (-1L >>> (BLOCK - length));
        while (ends != 0) {
          int k = Long.numberOfTrailingZeros(ends);
          ends &= ends - 1;
          long startsBefore = starts & ((1L << k) - 1);
          int start = startsBefore != 0
              ? block + 63 - Long.numberOfLeadingZeros(startsBefore) : wordStart;
          counted += endWord(chars, text, start, block + k, to,
              k == 0 ? hashBefore : hashes[k - 1], bloom, prefixPairs, minPrefix);
          words++;
        }
        letterBefore = letters >>> (length - 1) & 1;
        if (letterBefore != 0 && starts != 0) {
          wordStart = block + 63 - Long.numberOfLeadingZeros(starts);
        }
      }
      if (letterBefore != 0) {
        counted += endWord(chars, text, wordStart, to, to, h, bloom, prefixPairs, minPrefix);
        words++;
      }
      census += counted;
      return words;
    }

    /**
     * Looks at the BMP word {@code [start, end)} without invisible characters, whose running
     * hash is {@code h}, and goes to {@link #matchWord} if some list may match there; returns its
     * census bit.
     */
    private int endWord(char[] chars, String text, int start, int end, int to, long h,
        long[] bloom, long[] prefixPairs, int minPrefix) {
      int bit = bloomIndex(h);
      long bits = bloom[bit >>> 6];
      int pair = Union.pairBit(CharTables.wordFold(chars[start]),
          CharTables.wordFold(chars[Math.min(start + 1, end - 1)]));
      // Bit 0: the anchor bit, or the pair bit when the word has as many letters as a wildcard.
      long longEnough = (minPrefix - 1 - (end - start)) >>> 31;
      long candidate = (bits >>> bit) | ((prefixPairs[pair >>> 6] >>> pair) & longEnough);
      if ((candidate & 1) != 0) {
        lookCloser(chars, text, start, end, to, ((bits >>> bit) & 1) != 0);
      }
      return (int) (bits >>> (bit ^ CENSUS_PLANE)) & 1;
    }

    /**
     * The rare case of {@link #endWord}, kept out of it so that it stays small enough to be
     * inlined into the scan loop.
     */
    private void lookCloser(char[] chars, String text, int start, int end, int to,
        boolean anchorBit) {
      if (anchorBit || prefixBitSet(chars, start, end)) {
        matchWord(chars, text, start, end, to);
      }
    }

    /**
     * Word by word: a tight loop over the letters of a word keeps a running hash; at the end of
     * the word one load reads its anchor and census bits, as in {@link #scanBlocks}. For ranges
     * with soft hyphens or combining marks, which take a rarely taken branch; surrogates hand the
     * rest of the range to {@link #scanExact}.
     */
    private int scanWords(char[] chars, String text, int from, int to) {
      final long[] bloom = union.bloom;
      int words = 0;
      int counted = 0;
      int i = from;
      while (i < to) {
        int f = CharTables.wordFold(chars[i]);
        if (isSpecialFold(f)) {
          if (f == CharTables.SURROGATE_FOLD) {
            census += counted;
            return words + scanExact(chars, text, i, to);
          }
          // Not a word, or invisible outside one.
          i++;
          continue;
        }
        int start = i;
        long h = 0;
        while (true) {
          h = bloomStep(h, f);
          if (++i >= to) {
            break;
          }
          f = CharTables.wordFold(chars[i]);
          if (isSpecialFold(f)) {
            while (f == 0 && ++i < to) {
              // Invisible inside a word.
              f = CharTables.wordFold(chars[i]);
            }
            if (i >= to || f == CharTables.NOT_WORD) {
              break;
            }
            if (f == CharTables.SURROGATE_FOLD) {
              census += counted;
              return words + scanExact(chars, text, start, to);
            }
          }
        }
        words++;
        int bit = bloomIndex(h);
        long bits = bloom[bit >>> 6];
        counted += (int) (bits >>> (bit ^ CENSUS_PLANE)) & 1;
        if (((bits >>> bit) & 1) != 0
            || (mayStartPrefix(chars, start, i) && prefixBitSet(chars, start, i))) {
          matchWord(chars, text, start, i, to);
        }
      }
      census += counted;
      return words;
    }

    /** True for 0 (invisible), {@link CharTables#SURROGATE_FOLD} and {@link CharTables#NOT_WORD}. */
    private static boolean isSpecialFold(int f) {
      return ((f - 1) & 0xFFFF) >= CharTables.SURROGATE_FOLD - 1;
    }

    /**
     * Whether the BMP word {@code [start, end)} is long enough for a wildcard and its first two
     * letters may start one.
     */
    private boolean mayStartPrefix(char[] chars, int start, int end) {
      if (end - start < union.minPrefix) {
        // Fewer characters than the shortest wildcard has letters.
        return false;
      }
      if (end - start < 2) {
        return true;
      }
      int second = CharTables.wordFold(chars[start + 1]);
      // Invisible: the second letter is further on; let the exact check decide.
      return second == 0 || union.hasPrefixPair(CharTables.wordFold(chars[start]), second);
    }

    /**
     * Whether a prefix of the BMP word {@code [start, end)} at a wildcard length sets a bit of
     * the wildcard plane.
     */
    private boolean prefixBitSet(char[] chars, int start, int end) {
      final long[] bloom = union.bloom;
      final long[] prefixAt = union.prefixAt;
      final int max = union.maxPrefix;
      long h = 0;
      int folded = 0;
      for (int i = start; i < end && folded < max; i++) {
        int f = CharTables.wordFold(chars[i]);
        if (f == 0) {
          continue;
        }
        h = bloomStep(h, f);
        folded++;
        // Lengths past 63 wrap: at worst an extra look, never a missed prefix.
        if (prefixAt[folded & 63] != 0) {
          int bit = bloomIndex(h) ^ PREFIX_PLANE;
          if (((bloom[bit >>> 6] >>> bit) & 1) != 0) {
            return true;
          }
        }
      }
      return false;
    }

    /**
     * As {@link #scan}, but word by word without the bloom filter: the reference the fast path
     * must agree with, and what it falls back to for surrogate pairs.
     */
    int scanExactly(char[] chars, String text, int from, int to) {
      for (int k = 0; k < skipUntil.length; k++) {
        skipUntil[k] = 0;
      }
      rangeFrom = from;
      census = 0;
      return scanExact(chars, text, from, to);
    }

    /** Word by word with branches; exact for any text, surrogate pairs included. */
    private int scanExact(char[] chars, String text, int from, int to) {
      int words = 0;
      int i = from;
      while (i < to) {
        char f = CharTables.wordFold(chars[i]);
        boolean startsWord = f != CharTables.NOT_WORD && f != 0 && (f != CharTables.SURROGATE_FOLD
            || CharTables.classAt(text, i) == CharTables.WORD);
        if (!startsWord || Character.isLowSurrogate(chars[i])) {
          i++;
          continue;
        }
        int start = i;
        i = wordEnd(text, i, to);
        words++;
        if (isCensusWord(text, start, i)) {
          census++;
        }
        matchWord(chars, text, start, i, to);
      }
      return words;
    }

    private boolean isCensusWord(String text, int start, int end) {
      long h = 0;
      for (int i = start; i < end; ) {
        int cp = Character.codePointAt(text, i);
        i += Character.charCount(cp);
        int f = CharTables.foldCodePoint(cp);
        if (f != 0) {
          h = bloomStep(h, f);
        }
      }
      int bit = bloomIndex(h) ^ CENSUS_PLANE;
      return (union.bloom[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Hashes the word {@code [start, end)} and matches it against every list. */
    private void matchWord(char[] chars, String text, int start, int end, int to) {
      long h = SEED;
      int folded = 0;
      int maxPrefix = prefixHashes.length;
      for (int i = start; i < end; ) {
        int v;
        char f = CharTables.wordFold(chars[i]);
        if (f == CharTables.SURROGATE_FOLD) {
          int cp = Character.codePointAt(text, i);
          v = CharTables.foldCodePoint(cp);
          i += Character.charCount(cp);
        } else {
          v = f;
          i++;
        }
        if (v == 0) {
          continue;
        }
        h = (h ^ v) * PRIME;
        if (folded < maxPrefix) {
          prefixHashes[folded] = h == 0 ? 1 : h;
        }
        folded++;
      }
      if (h == 0) {
        h = 1;
      }
      for (int layer = 0; layer < matchers.length; layer++) {
        if (start < skipUntil[layer]) {
          continue;
        }
        int matchEnd = matchers[layer].bestMatch(text, rangeFrom, start, end, to, h, folded,
            prefixHashes, found);
        if (matchEnd > 0 && found.start >= skipUntil[layer]) {
          if (!found.entry.allow) {
            sinks[layer].match(found.entry, found.start, matchEnd);
          }
          skipUntil[layer] = matchEnd;
        }
      }
    }
  }

  // ------------------------------------------------------------------ building

  /** Collects entries, deduplicating by words; an allow entry overrides an equal block entry. */
  static final class Builder {
    private final Map<String, Entry> exact = new LinkedHashMap<>();
    private final Map<String, Entry> prefixed = new LinkedHashMap<>();
    private boolean anchorOnLongestWord;

    private Builder() {
    }

    /**
     * Anchors each phrase on its longest word (the last of equally long ones) rather than its
     * first. For lists whose users only ask whether a phrase occurs: matches may then be reported
     * out of order and the longest-match rule holds per anchor word only.
     */
    Builder anchorOnLongestWord() {
      this.anchorOnLongestWord = true;
      return this;
    }

    /**
     * Adds a word or phrase; {@code source} is shown in error messages. A trailing '*' makes a
     * one-word entry a prefix. Returns false when the text holds no word at all.
     */
    boolean add(String phrase, boolean allow, int kind, String source) {
      String trimmed = phrase.strip();
      boolean prefix = trimmed.endsWith("*");
      if (prefix) {
        trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
      }
      String[] words = splitWords(trimmed);
      if (words.length == 0) {
        return false;
      }
      if (prefix && words.length > 1) {
        throw new IllegalArgumentException("a wildcard '*' is only allowed after a single word, "
            + "got '" + phrase + "' (" + source + ")");
      }
      int anchor = 0;
      if (anchorOnLongestWord) {
        for (int w = 1; w < words.length; w++) {
          if (words[w].length() >= words[anchor].length()) {
            anchor = w;
          }
        }
      }
      Map<String, Entry> target = prefix ? prefixed : exact;
      String key = String.join(" ", words);
      Entry existing = target.get(key);
      if (existing == null || (allow && !existing.allow)) {
        target.put(key, new Entry(words, anchor, prefix, allow, kind, source));
      }
      return true;
    }

    WordMatcher build() {
      return new WordMatcher(new ArrayList<>(exact.values()), new ArrayList<>(prefixed.values()));
    }
  }

  /** The folded words of {@code phrase}, split the way the scanner splits text. */
  static String[] splitWords(String phrase) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = phrase.length();
    while (i < n) {
      if (CharTables.classAt(phrase, i) != CharTables.WORD) {
        i += Character.charCount(phrase.codePointAt(i));
        continue;
      }
      int end = wordEnd(phrase, i, n);
      String folded = CharTables.foldString(phrase.substring(i, end));
      if (!folded.isEmpty()) {
        words.add(folded);
      }
      i = end;
    }
    return words.toArray(new String[0]);
  }
}
