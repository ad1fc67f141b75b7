package io.llmtrain.data.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds listed words and phrases in text in one left-to-right scan, matching whole words only,
 * ignoring case and accents ("PORRA", "otario" and "otário" are the same word; "Scunthorpe" does
 * not contain "cunt"). A word is a maximal run of letters, digits and combining marks; soft hyphens
 * and other invisible format characters inside a word are ignored, and the words of a phrase may
 * be separated by spaces, hyphens or apostrophes but not by a line break or other punctuation.
 *
 * <p>Each word of the text is hashed once while it is read (folded to lower case without
 * accents) and looked up in an open-addressing table of first words; only a hit compares
 * characters. Entries may end in a prefix wildcard ({@code fuck*} matches "fucking"), checked
 * with one extra lookup per distinct prefix length. Where several entries match at one position
 * the longest wins, and on a tie an allow entry wins, so an allow-list can carve exceptions out of
 * a wildcard or an entry.
 *
 * <p>Immutable and thread-safe once built.
 */
final class WordMatcher {
  private static final long SEED = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  /** One listed word or phrase. */
  static final class Entry {
    final String[] words;
    final boolean prefix;
    final boolean allow;
    final int kind;
    final String source;

    Entry(String[] words, boolean prefix, boolean allow, int kind, String source) {
      this.words = words;
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

  private final long[] keys;
  private final Entry[][] values;
  private final int mask;
  private final int[] prefixLengths;
  private final long[] prefixKeys;
  private final Entry[][] prefixValues;
  private final int prefixMask;
  private final int size;

  private WordMatcher(List<Entry> exact, List<Entry> prefixed) {
    this.size = exact.size() + prefixed.size();
    Map<Long, List<Entry>> byFirst = new LinkedHashMap<>();
    for (Entry e : exact) {
      byFirst.computeIfAbsent(hash(e.words[0]), k -> new ArrayList<>()).add(e);
    }
    int capacity = tableSize(byFirst.size());
    keys = new long[capacity];
    values = new Entry[capacity][];
    mask = capacity - 1;
    fill(byFirst, keys, values, mask);

    Map<Long, List<Entry>> byPrefix = new LinkedHashMap<>();
    TreeSet<Integer> lengths = new TreeSet<>();
    for (Entry e : prefixed) {
      byPrefix.computeIfAbsent(hash(e.words[0]), k -> new ArrayList<>()).add(e);
      lengths.add(e.words[0].length());
    }
    int prefixCapacity = tableSize(byPrefix.size());
    prefixKeys = new long[prefixCapacity];
    prefixValues = new Entry[prefixCapacity][];
    prefixMask = prefixCapacity - 1;
    fill(byPrefix, prefixKeys, prefixValues, prefixMask);
    prefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
  }

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

  static Builder builder() {
    return new Builder();
  }

  /** Number of entries, allow entries included. */
  int size() {
    return size;
  }

  private static long mix(long h) {
    h ^= h >>> 29;
    h *= 0xbf58476d1ce4e5b9L;
    return h ^ (h >>> 32);
  }

  /** The hash of a folded word; never 0, which marks an empty slot. */
  private static long hash(String folded) {
    long h = SEED;
    for (int i = 0; i < folded.length(); i++) {
      h = (h ^ folded.charAt(i)) * PRIME;
    }
    return h == 0 ? 1 : h;
  }

  private static Entry[] lookup(long h, long[] keys, Entry[][] values, int mask) {
    if (h == 0) {
      h = 1;
    }
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
   * Scans {@code [from, to)} of {@code text}, reporting non-overlapping matches left to right to
   * {@code sink}, and returns the number of words in the range.
   */
  int scan(String text, int from, int to, Sink sink) {
    int words = 0;
    int[] lengths = prefixLengths;
    long[] prefixHashes = lengths.length == 0 ? null : new long[lengths.length];
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      byte cls = CharTables.classOf(c);
      if (cls != CharTables.WORD && !(cls == CharTables.SURROGATE
          && CharTables.classAt(text, i) == CharTables.WORD)) {
        i++;
        continue;
      }
      int start = i;
      long h = SEED;
      int folded = 0;
      int nextPrefix = 0;
      while (i < to) {
        c = text.charAt(i);
        cls = CharTables.classOf(c);
        int f;
        if (cls == CharTables.WORD || cls == CharTables.IGNORABLE) {
          f = CharTables.fold(c);
          i++;
        } else if (cls == CharTables.SURROGATE && CharTables.classAt(text, i) == CharTables.WORD) {
          f = CharTables.foldCodePoint(Character.codePointAt(text, i));
          i += 2;
        } else {
          break;
        }
        if (f != 0) {
          h = (h ^ f) * PRIME;
          folded++;
          if (nextPrefix < lengths.length && folded == lengths[nextPrefix]) {
            prefixHashes[nextPrefix++] = h;
          }
        }
      }
      words++;
      Entry[] candidates = lookup(h, keys, values, mask);
      if (candidates == null && nextPrefix == 0) {
        continue;
      }
      int bestEnd = -1;
      Entry best = null;
      if (candidates != null) {
        for (Entry e : candidates) {
          int end = matchEntry(text, start, i, to, e);
          if (end > bestEnd) {
            bestEnd = end;
            best = e;
          }
        }
      }
      for (int p = 0; p < nextPrefix; p++) {
        Entry[] prefixed = lookup(prefixHashes[p], prefixKeys, prefixValues, prefixMask);
        if (prefixed == null) {
          continue;
        }
        for (Entry e : prefixed) {
          if (i > bestEnd && startsWithFolded(text, start, i, e.words[0])) {
            bestEnd = i;
            best = e;
          } else if (i == bestEnd && e.allow && !best.allow
              && startsWithFolded(text, start, i, e.words[0])) {
            best = e;
          }
        }
      }
      if (best == null) {
        continue;
      }
      if (!best.allow) {
        sink.match(best, start, bestEnd);
      }
      words += best.words.length - 1;
      i = bestEnd;
    }
    return words;
  }

  /** The end of entry {@code e} matched at the word {@code [start, wordEnd)}, or -1. */
  private static int matchEntry(String text, int start, int wordEnd, int to, Entry e) {
    if (!equalsFolded(text, start, wordEnd, e.words[0])) {
      return -1;
    }
    int pos = wordEnd;
    for (int w = 1; w < e.words.length; w++) {
      int next = skipPhraseSeparator(text, pos, to);
      if (next == pos) {
        return -1;
      }
      int end = wordEnd(text, next, to);
      if (end == next || !equalsFolded(text, next, end, e.words[w])) {
        return -1;
      }
      pos = end;
    }
    return pos;
  }

  private static int skipPhraseSeparator(String text, int pos, int to) {
    while (pos < to) {
      char c = text.charAt(pos);
      if (CharTables.isHorizontalSpace(c) || c == '-' || c == '\'' || c == '\u2019'
          || c == '\u2010' || c == '\u2011') {
        pos++;
      } else {
        break;
      }
    }
    return pos;
  }

  private static int wordEnd(String text, int i, int to) {
    while (i < to) {
      char c = text.charAt(i);
      byte cls = CharTables.classOf(c);
      if (cls == CharTables.WORD || cls == CharTables.IGNORABLE) {
        i++;
      } else if (cls == CharTables.SURROGATE && CharTables.classAt(text, i) == CharTables.WORD) {
        i += 2;
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
      int f;
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < end) {
        f = CharTables.foldCodePoint(Character.codePointAt(text, i));
        i += 2;
      } else {
        f = CharTables.fold(c);
        i++;
      }
      if (f == 0) {
        continue;
      }
      if (k == folded.length()) {
        return folded.length() + 1;
      }
      if (Character.charCount(f) == 1) {
        if (folded.charAt(k) != f) {
          return -1;
        }
        k++;
      } else {
        if (k + 1 >= folded.length() || Character.codePointAt(folded, k) != f) {
          return -1;
        }
        k += 2;
      }
    }
    return k == folded.length() ? k : -1;
  }

  /** Collects entries, deduplicating by words; an allow entry overrides an equal block entry. */
  static final class Builder {
    private final Map<String, Entry> exact = new LinkedHashMap<>();
    private final Map<String, Entry> prefixed = new LinkedHashMap<>();

    private Builder() {
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
      Map<String, Entry> target = prefix ? prefixed : exact;
      String key = String.join(" ", words);
      Entry existing = target.get(key);
      if (existing == null || (allow && !existing.allow)) {
        target.put(key, new Entry(words, prefix, allow, kind, source));
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
