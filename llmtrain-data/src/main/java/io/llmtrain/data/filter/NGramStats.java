package io.llmtrain.data.filter;

import java.util.Arrays;

/**
 * The two n-gram measurements of Gopher's repetition rules, for every n up to a maximum, the way
 * datatrove computes them:
 *
 * <ul>
 *   <li>{@link #topChars}: the most frequent n-gram's length (words joined by single spaces) times
 *       its count; among equally frequent n-grams the first to occur (Python's
 *       {@code Counter.most_common(1)}).
 *   <li>{@link #duplicateChars}: scanning left to right, the characters (words joined without
 *       separator) of every n-gram seen before, skipping past it when found and not recording the
 *       n-grams it overlaps ({@code find_all_duplicate}).
 * </ul>
 *
 * <p>Only repeated n-grams matter to either measure, and an n-gram can only repeat where the
 * (n-1)-gram it extends repeats. So level n follows the positions whose (n-1)-gram repeats (the
 * "live" positions) and gives each an id for the pair (its (n-1)-gram id, its last word id); in
 * ordinary prose few positions stay live past n = 3, and once none does, every longer n-gram is
 * unique and needs no work. Where datatrove compares joined strings this compares word sequences:
 * different splits of the same characters ("ab"+"c" against "a"+"bc") count as equal there and
 * not here, which real text practically never has.
 */
final class NGramStats {
  private final int words;
  private final int[] wordIds;
  private final long[] lengthPrefix; // lengthPrefix[i] = total code points of words [0, i)

  private int level;
  private int live;            // number of live positions at the current level
  private int[] livePosition;
  private int[] liveId;  // the current level's n-gram id at each live position
  private int[] counts;  // occurrences per id of the level being built
  private int[] first;   // first live position per id
  private boolean[] seen; // per id, for duplicateChars' scan
  private int ids;              // ids of the current level
  private int[] liveMark; // == level for positions live at that level

  private final long[] top;
  private final long[] duplicate;
  private final boolean[] wantTop;
  private final boolean[] wantDuplicate;

  /** Measures for every n up to {@code maxN}. */
  NGramStats(TextAnalysis analysis, int maxN) {
    this(analysis, all(maxN), all(maxN));
  }

  private static boolean[] all(int maxN) {
    boolean[] b = new boolean[maxN + 1];
    java.util.Arrays.fill(b, true);
    return b;
  }

  /**
   * Measures only what is asked for: {@code wantTop[n]} and {@code wantDuplicate[n]} (both arrays
   * one longer than the largest n asked for).
   */
  NGramStats(TextAnalysis analysis, boolean[] wantTop, boolean[] wantDuplicate) {
    this.wantTop = wantTop;
    this.wantDuplicate = wantDuplicate;
    int maxN = wantTop.length - 1;
    this.wordIds = analysis.wordIds();
    this.words = analysis.wordCount();
    int[] lengths = analysis.wordLengths();
    lengthPrefix = new long[words + 1];
    for (int i = 0; i < words; i++) {
      lengthPrefix[i + 1] = lengthPrefix[i] + lengths[i];
    }
    top = new long[maxN + 1];
    duplicate = new long[maxN + 1];
    // Working arrays are reused per thread: allocating and zeroing them per document cost more
    // than the counting itself.
    Work w = WORK.get().ensure(words + 1);
    livePosition = w.livePosition;
    liveId = w.liveId;
    counts = w.counts;
    first = w.first;
    seen = w.seen;
    liveMark = w.liveMark;
    Arrays.fill(liveMark, 0, words + 1, 0);
    Arrays.fill(counts, 0, Math.max(1, words), 0);

    // Level 1: words. Word ids are numbered in order of first occurrence already.
    int distinct = analysis.distinctWords();
    ids = distinct;
    int best = -1;
    int bestCount = 1;
    for (int i = 0; i < words; i++) {
      int id = wordIds[i];
      int c = ++counts[id];
      if (c == 1) {
        first[id] = i;
      } else if (c > bestCount || (c == bestCount && id < best)) {
        best = id;
        bestCount = c;
      }
    }
    level = 1;
    if (wantTop.length > 1 && wantTop[1] || wantDuplicate.length > 1 && wantDuplicate[1]) {
      live = words;
      for (int i = 0; i < words; i++) {
        livePosition[i] = i;
        liveId[i] = wordIds[i];
      }
      record(1, best, bestCount);
    } else {
      for (int i = 0; i < words; i++) {
        if (counts[wordIds[i]] > 1) {
          livePosition[live] = i;
          liveId[live++] = wordIds[i];
        }
      }
      if (top.length > 1) {
        top[1] = -1;
        duplicate[1] = -1;
      }
    }
    markLive();
    // Everything is computed now, while this instance holds the thread's working arrays, so that
    // a later instance on the same thread cannot disturb it.
    advanceTo(maxN);
    livePosition = null;
    liveId = null;
    counts = null;
    first = null;
    seen = null;
    liveMark = null;
  }

  /** Marks the live positions of the current level. */
  private void markLive() {
    for (int k = 0; k < live; k++) {
      liveMark[livePosition[k]] = level;
    }
  }

  /** Per-thread working arrays, grown as needed; large ones are not kept. */
  private static final class Work {
    int[] livePosition = new int[0];
    int[] liveId = new int[0];
    int[] counts = new int[0];
    int[] first = new int[0];
    boolean[] seen = new boolean[0];
    int[] liveMark = new int[0];

    long[] keys = new long[0];
    int[] values = new int[0];
    int[] usedSlots = new int[0];
    int mask;
    int shift;

    /** Sizes the (empty) pair table for about {@code entries} entries. */
    Work table(int entries) {
      int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
      if (keys.length < capacity || keys.length > (1 << 22)) {
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new int[capacity];
      }
      if (usedSlots.length < entries) {
        usedSlots = new int[Math.max(64, entries)];
      }
      mask = capacity - 1;
      shift = 64 - Integer.numberOfTrailingZeros(capacity);
      return this;
    }

    Work ensure(int size) {
      if (livePosition.length < size || livePosition.length > (1 << 20)) {
        livePosition = new int[size];
        liveId = new int[size];
        counts = new int[size];
        first = new int[size];
        seen = new boolean[size];
        liveMark = new int[size];
      }
      return this;
    }
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /** Number of n-grams in the text. */
  int count(int n) {
    return Math.max(0, words - n + 1);
  }

  /** Length times count of the most frequent n-gram; 0 when there is none. */
  long topChars(int n) {
    if (!wantTop[n]) {
      throw new IllegalArgumentException("top n-gram for n = " + n + " was not asked for");
    }
    return top[n];
  }

  /** Characters in repeated n-grams, counted as datatrove's {@code find_all_duplicate} does. */
  long duplicateChars(int n) {
    if (!wantDuplicate[n]) {
      throw new IllegalArgumentException("duplicate n-grams for n = " + n + " were not asked for");
    }
    return duplicate[n];
  }

  private long span(int position, int n) {
    return lengthPrefix[position + n] - lengthPrefix[position];
  }

  private void advanceTo(int n) {
    while (level < n) {
      if (live == 0) {
        // Nothing repeats any more: every longer n-gram is unique.
        for (int m = level + 1; m < top.length; m++) {
          top[m] = count(m) == 0 ? 0 : span(0, m) + m - 1;
          duplicate[m] = 0;
        }
        level = top.length - 1;
        return;
      }
      buildLevel(level + 1);
    }
  }

  /** Ids for level n at the positions live at level n - 1, then keeps those that repeat. */
  private void buildLevel(int n) {
    level = n;
    int candidates = 0;
    int ids = 0;
    int best = -1;
    int bestCount = 1;
    if (live > 0) {
      // Open addressing from (previous id, last word id) to this level's id, in a per-thread
      // table that is emptied again below by walking the slots used.
      Work w = WORK.get().table(live);
      long[] keys = w.keys;
      int[] values = w.values;
      int[] usedSlots = w.usedSlots;
      int mask = w.mask;
      int shift = w.shift;
      int lastStart = words - n; // an n-gram must fit
      int previous = n - 1;
      for (int k = 0; k < live; k++) {
        int i = livePosition[k];
        if (i > lastStart) {
          break; // positions are increasing
        }
        if (liveMark[i + 1] != previous) {
          continue; // its last n-1 words do not repeat, so neither does the n-gram
        }
        long key = ((long) liveId[k] << 32) | wordIds[i + n - 1];
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        int id;
        while (true) {
          long found = keys[slot];
          if (found == key) {
            id = values[slot];
            break;
          }
          if (found == EMPTY) {
            keys[slot] = key;
            values[slot] = ids;
            usedSlots[ids] = slot;
            id = ids++;
            counts[id] = 0;
            first[id] = i;
            break;
          }
          slot = (slot + 1) & mask;
        }
        int c = ++counts[id];
        // Ids are numbered in order of first occurrence, so the lowest id wins a tie.
        if (c > bestCount || (c == bestCount && id < best)) {
          best = id;
          bestCount = c;
        }
        livePosition[candidates] = i;
        liveId[candidates++] = id;
      }
    }
    if (ids > 0) {
      Work w = WORK.get();
      for (int k = 0; k < ids; k++) {
        w.keys[w.usedSlots[k]] = EMPTY;
      }
    }
    live = candidates;
    this.ids = ids;
    record(n, best, bestCount);
    markLive();
  }

  private static final long EMPTY = -1L; // keys are never negative: ids are

  /**
   * Records level n's measures, {@code best} being its most frequent n-gram id (-1 when nothing
   * repeats) from the live positions holding this level's ids (every other position's n-gram is
   * unique), then narrows the live positions to the repeats.
   */
  private void record(int n, int best, int bestCount) {
    if (count(n) == 0) {
      live = 0;
      if (n < top.length) {
        top[n] = 0;
        duplicate[n] = 0;
      }
      return;
    }
    if (n < top.length) {
      if (best < 0) {
        top[n] = span(0, n) + n - 1; // nothing repeats: the first n-gram, once
        duplicate[n] = 0;
      } else {
        top[n] = wantTop[n] ? (span(first[best], n) + n - 1) * bestCount : -1;
        duplicate[n] = wantDuplicate[n] ? duplicates(n, live) : -1;
      }
    }
    // Keep the positions whose n-gram repeats.
    int kept = 0;
    if (best >= 0) {
      for (int k = 0; k < live; k++) {
        if (counts[liveId[k]] > 1) {
          livePosition[kept] = livePosition[k];
          liveId[kept++] = liveId[k];
        }
      }
    }
    live = kept;
  }

  /** datatrove's scan, over the positions that can repeat (the others are always new). */
  private long duplicates(int n, int candidates) {
    Arrays.fill(seen, 0, ids, false);
    long repeated = 0;
    int resume = 0; // positions before this were skipped over after a repeat
    for (int k = 0; k < candidates; k++) {
      int i = livePosition[k];
      if (i < resume) {
        continue;
      }
      int id = liveId[k];
      if (counts[id] < 2) {
        continue; // unique: seen once, never again
      }
      if (seen[id]) {
        repeated += span(i, n);
        resume = i + n;
      } else {
        seen[id] = true;
      }
    }
    return repeated;
  }
}
