package io.llmtrain.data.filter;

import java.util.Arrays;

/**
 * An open-addressing hash table from long keys to int values that is reused, per thread, from
 * document to document: a stamp marks the slots of the current use, so starting afresh costs
 * nothing instead of clearing or allocating a table per document and per n-gram level.
 */
final class ScratchTable {
  private static final ThreadLocal<ScratchTable> LOCAL = ThreadLocal.withInitial(ScratchTable::new);
  /** Tables larger than this are not kept for the next document. */
  private static final int KEEP_CAPACITY = 1 << 20;

  private int[] stamps = new int[0];
  private long[] keys = new long[0];
  private int[] values = new int[0];
  private int stamp;
  private int mask;
  private int shift;

  /** This thread's table, emptied and sized for about {@code entries} entries. */
  static ScratchTable forEntries(int entries) {
    ScratchTable t = LOCAL.get();
    t.reset(entries);
    return t;
  }

  private void reset(int entries) {
    int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
    if (capacity > stamps.length || stamps.length > KEEP_CAPACITY) {
      stamps = new int[capacity];
      keys = new long[capacity];
      values = new int[capacity];
      stamp = 0;
    }
    if (++stamp == Integer.MAX_VALUE) {
      Arrays.fill(stamps, 0);
      stamp = 1;
    }
    // Use only as many slots as needed: a smaller table is kinder to the cache.
    mask = capacity - 1;
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
  }

  /** First slot to probe for a key (Fibonacci hashing on the high bits). */
  int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
  }

  int next(int slot) {
    return (slot + 1) & mask;
  }

  boolean isEmpty(int slot) {
    return stamps[slot] != stamp;
  }

  long key(int slot) {
    return keys[slot];
  }

  int value(int slot) {
    return values[slot];
  }

  void put(int slot, long key, int value) {
    stamps[slot] = stamp;
    keys[slot] = key;
    values[slot] = value;
  }

  /** The value of {@code key}, or {@code ifAbsent} after storing it as the key's value. */
  int putIfAbsent(long key, int ifAbsent) {
    int s = slot(key);
    while (stamps[s] == stamp) {
      if (keys[s] == key) {
        return values[s];
      }
      s = (s + 1) & mask;
    }
    put(s, key, ifAbsent);
    return ifAbsent;
  }
}
