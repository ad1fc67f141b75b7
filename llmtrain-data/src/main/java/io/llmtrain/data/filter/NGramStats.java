package io.llmtrain.data.filter;

import java.util.Arrays;

/**
 * The two n-gram measurements of Gopher's repetition rules, the way datatrove computes them:
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
 * (n-1)-grams at its position and at the next both repeat. So level n looks only at those
 * positions (the "candidates") and gives each an id for the pair (its (n-1)-gram id, its last
 * word id); in ordinary prose few positions stay candidates past n = 3, and once none does, every
 * longer n-gram is unique and needs no work. Where datatrove compares joined strings this
 * compares word sequences: different splits of the same characters ("ab"+"c" against "a"+"bc")
 * count as equal there and not here, which real text practically never has.
 *
 * <p>Levels are built on demand, in order. The repeated-n-gram characters also have a cheap upper
 * bound, {@link #duplicateCharsAtMost}: the characters the current candidates cover, which no
 * longer n-gram's count can exceed; a rule whose limit the bound meets passes without building
 * the levels up to its n.
 *
 * <p>Working arrays are the calling thread's, borrowed until {@link #close}; not thread-safe.
 */
final class NGramStats implements AutoCloseable {
  private final int words;
  private final int[] wordIds;
  private final int[] lengthPrefix; // lengthPrefix[i] = total code points of words [0, i)
  private final boolean[] wantDuplicate;
  private final long[] top;
  private final long[] duplicate;

  private Work work; // null once closed
  private int level; // the highest level built
  private int ids; // distinct n-grams among the candidates of the current level
  private int candidates; // positions whose next n-gram may repeat
  private int[] position; // the candidates, increasing
  private int[] id; // the current level's n-gram id at each candidate
  private int[] counts; // occurrences per id of the current level
  private int[] first; // a position per id
  private boolean[] seen; // per id, for duplicateChars' scan
  private long covered = -1; // characters the candidates cover, -1 until computed
  private final int[] wordCounts; // occurrences per word id: level 1's counts
  private final int[] wordFirsts; // first position per word id

  /** Measures for every n up to {@code maxN}, computed now. */
  NGramStats(TextAnalysis analysis, int maxN) {
    this(analysis, all(maxN));
    for (int n = 1; n <= maxN; n++) {
      ensureLevel(n);
    }
    close();
  }

  private static boolean[] all(int maxN) {
    boolean[] b = new boolean[maxN + 1];
    Arrays.fill(b, true);
    return b;
  }

  /**
   * Measures up to n = {@code wantDuplicate.length - 1}, built as they are asked for; {@link
   * #duplicateChars} is available for the n where {@code wantDuplicate[n]}. Close it when done.
   */
  NGramStats(TextAnalysis analysis, boolean[] wantDuplicate) {
    this.wantDuplicate = wantDuplicate;
    int maxN = wantDuplicate.length - 1;
    this.wordIds = analysis.wordIds();
    this.words = analysis.wordCount();
    this.wordCounts = analysis.wordCounts();
    this.wordFirsts = analysis.wordFirstIndexes();
    top = new long[maxN + 1];
    duplicate = new long[maxN + 1];
    Arrays.fill(top, -1);
    Arrays.fill(duplicate, -1);
    Work w = WORK.get();
    if (w.inUse) {
      w = new Work(); // nested use on this thread: arrays of its own
    }
    w.inUse = true;
    work = w.ensure(words + 1, analysis.distinctWords());
    lengthPrefix = w.lengthPrefix;
    position = w.position;
    id = w.id;
    counts = w.counts;
    first = w.first;
    seen = w.seen;
    int[] lengths = analysis.wordLengths();
    int sum = 0;
    for (int i = 0; i < words; i++) {
      lengthPrefix[i] = sum;
      sum += lengths[i];
    }
    lengthPrefix[words] = sum;
    if (maxN >= 1) {
      buildFirstLevel(analysis.distinctWords());
    }
    this.distinctWords = analysis.distinctWords();
  }

  /** Gives the working arrays back to the thread. */
  @Override
  public void close() {
    if (work != null) {
      work.inUse = false;
      work = null;
    }
  }

  /** Per-thread working arrays, grown as needed; large ones are not kept. */
  private static final class Work {
    boolean inUse;
    int[] lengthPrefix = new int[0];
    int[] position = new int[0];
    int[] id = new int[0];
    int[] counts = new int[0];
    int[] first = new int[0];
    boolean[] seen = new boolean[0];

    long[] keys = new long[0];
    int[] values = new int[0];
    int[] usedSlots = new int[0];
    int mask;
    int shift;

    /** Entries of the direct table: (previous id, word id) pairs below this use it. */
    static final int DIRECT = 1 << 17;
    private int[] direct;

    /** The direct table, all zero. */
    int[] direct() {
      if (direct == null) {
        direct = new int[DIRECT];
      }
      return direct;
    }

    /** The used-slot list, at least {@code size} long. */
    int[] used(int size) {
      if (usedSlots.length < size) {
        usedSlots = new int[Math.max(64, size)];
      }
      return usedSlots;
    }

    Work ensure(int size, int distinct) {
      if (position.length < size || position.length > (1 << 20)) {
        lengthPrefix = new int[size];
        position = new int[size];
        id = new int[size];
        counts = new int[size];
        first = new int[size];
        seen = new boolean[size];
      }
      return this;
    }

    /** Sizes the (empty) pair table for about {@code entries} entries. */
    void table(int entries) {
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
    }
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  private static final long EMPTY = -1L; // keys are never negative: ids are

  /** Number of n-grams in the text. */
  int count(int n) {
    return Math.max(0, words - n + 1);
  }

  private final int distinctWords;

  /** Length times count of the most frequent n-gram; 0 when there is none. */
  long topChars(int n) {
    if (n == 1 && top[1] < 0) {
      int best = bestId(wordCounts, distinctWords);
      top[1] = words == 0 ? 0 : best < 0 ? span(0, 1) : span(wordFirsts[best], 1)
          * wordCounts[best];
    }
    ensureLevel(n);
    return top[n];
  }

  /** Characters in repeated n-grams, counted as datatrove's {@code find_all_duplicate} does. */
  long duplicateChars(int n) {
    if (!wantDuplicate[n]) {
      throw new IllegalArgumentException("duplicate n-grams for n = " + n + " were not asked for");
    }
    ensureLevel(n);
    return duplicate[n];
  }

  /**
   * Whether {@code duplicateChars(n) / length <= maxFraction} is certain from the bound alone,
   * building levels below n only while the bound still exceeds the limit. False means: measure.
   */
  boolean duplicateCharsAtMost(int n, double length, double maxFraction) {
    while (level < n) {
      // Every repeated n-gram lies within the repeated level-grams (n > level), and the
      // duplicates counted are disjoint repeated n-grams, so their characters are at most these.
      if (covered() / length <= maxFraction) {
        return true;
      }
      if (!buildNextLevel()) {
        return false; // nothing repeats: the measure is known, and cheap
      }
    }
    return false;
  }

  private long span(int position, int n) {
    return lengthPrefix[position + n] - lengthPrefix[position];
  }

  private void ensureLevel(int n) {
    while (level < n) {
      if (!buildNextLevel()) {
        return;
      }
    }
  }

  /** Level 1: the words, their ids and counts known already. */
  private void buildFirstLevel(int distinct) {
    int[] w = wordIds;
    int[] c = wordCounts;
    level = 1;
    ids = distinct;
    if (wantDuplicate[1] && words > 0) {
      duplicate[1] = scanDuplicates(1, c, null, w, words);
    } else if (words == 0) {
      duplicate[1] = 0;
    }
    // Candidates for level 2: the word repeats and so does the next.
    int m = 0;
    int[] p = position;
    int[] ids1 = id;
    boolean nextRepeats = words > 0 && c[w[0]] > 1;
    for (int i = 0; i + 1 < words; i++) {
      boolean repeats = nextRepeats;
      nextRepeats = c[w[i + 1]] > 1;
      p[m] = i;
      ids1[m] = w[i];
      m += repeats & nextRepeats ? 1 : 0;
    }
    candidates = m;
  }

  /** The id counted most often (at least twice), the lowest on ties; -1 when none repeats. */
  private static int bestId(int[] c, int ids) {
    int best = -1;
    int bestCount = 1;
    for (int k = 0; k < ids; k++) {
      if (c[k] > bestCount) {
        best = k;
        bestCount = c[k];
      }
    }
    return best;
  }

  /**
   * Builds the next level from the current candidates; false when there is nothing to build,
   * every longer n-gram being unique (their measures are then filled in up to the maximum).
   */
  private boolean buildNextLevel() {
    int maxN = top.length - 1;
    if (level >= maxN) {
      return false;
    }
    if (candidates == 0) {
      // Nothing repeats any more: every longer n-gram is unique.
      for (int m = level + 1; m <= maxN; m++) {
        top[m] = count(m) == 0 ? 0 : span(0, m) + m - 1;
        duplicate[m] = 0;
      }
      level = maxN;
      return false;
    }
    int n = level + 1;
    int m = candidates;
    int[] p = position;
    int[] ids = id;
    int[] c = counts;
    Work work = this.work;
    int next;
    if ((long) this.ids * distinctWords <= Work.DIRECT) {
      next = idsByDirectTable(n, m, work);
    } else {
      next = idsByHashTable(n, m, work);
    }
    level = n;
    this.ids = next;
    // Ids are numbered in order of first occurrence, so the lowest id wins a tie.
    int best = bestId(c, next);
    if (best < 0) {
      top[n] = span(0, n) + n - 1; // nothing repeats: the first n-gram, once
      duplicate[n] = 0;
      candidates = 0;
      covered = -1;
      return true;
    }
    top[n] = (span(first[best], n) + n - 1) * c[best];
    if (wantDuplicate[n]) {
      duplicate[n] = scanDuplicates(n, c, p, ids, m);
    }
    // The next level's candidates: this n-gram repeats and so does the next one, which starts
    // one word later. Candidates are increasing, so that one is the next candidate if any.
    int kept = 0;
    boolean nextRepeats = c[ids[0]] > 1;
    for (int k = 0; k < m; k++) {
      int i = p[k];
      boolean repeats = nextRepeats;
      nextRepeats = k + 1 < m && c[ids[k + 1]] > 1;
      boolean keep = repeats & nextRepeats & p[k + 1] == i + 1; // p[m] exists: m < words
      p[kept] = i;
      ids[kept] = ids[k];
      kept += keep ? 1 : 0;
    }
    candidates = kept;
    covered = -1;
    return true;
  }

  /**
   * Level n's ids for the m candidates, from a table indexed by (previous id, last word id)
   * directly, which small texts allow: no probing, and no branch on whether the n-gram is new
   * (as likely as not, so a branch would be mispredicted half the time). Returns the number of
   * ids.
   */
  private int idsByDirectTable(int n, int m, Work work) {
    int[] p = position;
    int[] ids = id;
    int[] w = wordIds;
    int[] c = counts;
    int[] f = first;
    int[] table = work.direct();
    int[] used = work.used(m + 1);
    int words = distinctWords;
    int next = 0;
    for (int k = 0; k < m; k++) {
      int i = p[k];
      int index = ids[k] * words + w[i + n - 1];
      int idPlusOne = table[index];
      int isNew = (idPlusOne - 1) >>> 31; // 1 when the slot is empty
      int newId = idPlusOne - 1 + isNew * (next + 1);
      table[index] = newId + 1;
      // Entries for id 'next' are written either way; they are only kept when it is taken.
      used[next] = index;
      f[next] = i;
      c[next] = 0;
      c[newId]++;
      next += isNew;
      ids[k] = newId;
    }
    for (int k = 0; k < next; k++) {
      table[used[k]] = 0;
    }
    return next;
  }

  /**
   * Level n's ids for the m candidates, by open addressing from (previous id, last word id) in
   * a per-thread table that is emptied again by walking the slots used. Returns the number of
   * ids.
   */
  private int idsByHashTable(int n, int m, Work work) {
    int[] p = position;
    int[] ids = id;
    int[] w = wordIds;
    int[] c = counts;
    work.table(m);
    long[] keys = work.keys;
    int[] values = work.values;
    int[] usedSlots = work.usedSlots;
    int mask = work.mask;
    int shift = work.shift;
    int next = 0;
    for (int k = 0; k < m; k++) {
      int i = p[k];
      long key = ((long) ids[k] << 32) | w[i + n - 1];
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      int newId;
      while (true) {
        long found = keys[slot];
        if (found == key) {
          newId = values[slot];
          c[newId]++;
          break;
        }
        if (found == EMPTY) {
          keys[slot] = key;
          values[slot] = next;
          usedSlots[next] = slot;
          newId = next++;
          c[newId] = 1;
          first[newId] = i;
          break;
        }
        slot = (slot + 1) & mask;
      }
      ids[k] = newId;
    }
    for (int k = 0; k < next; k++) {
      keys[usedSlots[k]] = EMPTY;
    }
    return next;
  }

  /**
   * Code points of the words within the candidates' next-level n-grams, each word counted once:
   * the repeated n-grams of every longer n lie within them.
   */
  private long covered() {
    if (covered < 0) {
      int n = level + 1;
      int[] p = position;
      long cover = 0;
      int reach = 0; // words before this are counted already
      for (int k = 0; k < candidates; k++) {
        int i = p[k];
        int end = i + n;
        cover += lengthPrefix[end] - lengthPrefix[Math.max(i, reach)];
        reach = end;
      }
      covered = cover;
    }
    return covered;
  }

  /**
   * datatrove's scan at level n over the positions that can repeat (every other n-gram is new
   * and never seen again): {@code positions[k]} (position k when null) with id {@code
   * levelIds[k]}, counted {@code c[id]} times.
   */
  private long scanDuplicates(int n, int[] c, int[] positions, int[] levelIds, int size) {
    boolean[] s = seen;
    Arrays.fill(s, 0, ids, false);
    long repeated = 0;
    int resume = 0; // positions before this were skipped over after a repeat
    for (int k = 0; k < size; k++) {
      int i = positions == null ? k : positions[k];
      if (i < resume) {
        continue;
      }
      int x = levelIds[k];
      if (c[x] < 2) {
        continue; // unique: seen once, never again
      }
      if (s[x]) {
        repeated += span(i, n);
        resume = i + n;
      } else {
        s[x] = true;
      }
    }
    return repeated;
  }
}
