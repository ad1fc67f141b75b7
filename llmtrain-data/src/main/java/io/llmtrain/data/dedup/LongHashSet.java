package io.llmtrain.data.dedup;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A set of {@code long} values stored in one flat {@code long[]} (open addressing, linear probing),
 * with no boxing and no per-entry objects: 8 bytes per slot, at most 75% of slots used, so
 * 10.7 to 16 bytes per element once it has grown (10.7 when sized up front with
 * {@link #LongHashSet(int)}).
 *
 * <p>Zero marks an empty slot; the value zero itself is kept in a separate flag. Slots are chosen
 * from the top bits of a multiplicative (Fibonacci) hash of the value, mapped onto the table with
 * a multiply instead of a modulo, so the table need not be a power of two and can grow by half
 * instead of doubling, which keeps memory per element low. Values that are themselves sequential
 * or structured spread as well as random ones.
 *
 * <p>Not thread-safe.
 */
public final class LongHashSet {
  static final double MAX_LOAD = 0.75;
  static final int MIN_CAPACITY = 16;
  /** The largest table: 2^30 slots (8 GiB), about 800 million elements. */
  static final int MAX_CAPACITY = 1 << 30;

  private long[] slots;
  private int used;
  private int growAt;
  private boolean hasZero;

  /** An empty set that grows as needed. */
  public LongHashSet() {
    this(0);
  }

  /** An empty set with room for {@code expectedSize} elements before it first grows. */
  public LongHashSet(int expectedSize) {
    checkArgument(expectedSize >= 0, "expectedSize must be >= 0, got %s", expectedSize);
    allocate(capacityFor(expectedSize));
  }

  /** Adds {@code value}; returns false if it was already present. */
  public boolean add(long value) {
    if (value == 0) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    long[] s = slots;
    int i = slot(value, s.length);
    for (long k; (k = s[i]) != 0; ) {
      if (k == value) {
        return false;
      }
      if (++i == s.length) {
        i = 0;
      }
    }
    s[i] = value;
    if (++used > growAt) {
      grow();
    }
    return true;
  }

  public boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    long[] s = slots;
    int i = slot(value, s.length);
    for (long k; (k = s[i]) != 0; ) {
      if (k == value) {
        return true;
      }
      if (++i == s.length) {
        i = 0;
      }
    }
    return false;
  }

  public int size() {
    return used + (hasZero ? 1 : 0);
  }

  public boolean isEmpty() {
    return size() == 0;
  }

  /** Number of slots in the table. */
  public int capacity() {
    return slots.length;
  }

  /** Heap bytes this set holds: the table plus the object and array headers. */
  public long memoryBytes() {
    return objectBytes(slots.length, 8);
  }

  /** Removes every element and shrinks the table back to its minimum. */
  public void clear() {
    allocate(MIN_CAPACITY);
    used = 0;
    hasZero = false;
  }

  private void allocate(int capacity) {
    slots = new long[capacity];
    growAt = (int) (capacity * MAX_LOAD);
  }

  private void grow() {
    long[] old = slots;
    allocate(grownCapacity(old.length));
    long[] s = slots;
    for (long k : old) {
      if (k != 0) {
        int i = slot(k, s.length);
        while (s[i] != 0) {
          if (++i == s.length) {
            i = 0;
          }
        }
        s[i] = k;
      }
    }
  }

  /** The home slot of {@code value} in a table of {@code capacity} slots. */
  static int slot(long value, int capacity) {
    long h = value * 0x9e3779b97f4a7c15L;
    // top 32 bits scaled to [0, capacity): Lemire's multiply-shift range reduction
    return (int) (((h >>> 32) * capacity) >>> 32);
  }

  static int capacityFor(long expectedSize) {
    long needed = (long) Math.ceil(expectedSize / MAX_LOAD) + 1;
    if (needed > MAX_CAPACITY) {
      throw new IllegalArgumentException("a hash set of " + expectedSize
          + " elements is beyond the largest table (" + MAX_CAPACITY + " slots)");
    }
    return (int) Math.max(MIN_CAPACITY, needed);
  }

  static int grownCapacity(int capacity) {
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException("hash set is full: " + (long) (capacity * MAX_LOAD)
          + " elements, the most one table holds");
    }
    return Math.min(MAX_CAPACITY, capacity + (capacity >> 1));
  }

  /** Approximate heap size of an object with one array: headers (64-bit JVM) plus data. */
  static long objectBytes(int slots, int bytesPerSlot) {
    return 32 + 16 + (long) slots * bytesPerSlot;
  }
}
