package io.llmtrain.data.dedup;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A {@code long}-keyed map with the layout of {@link LongHashSet} plus a parallel array of values:
 * no boxing of keys and no entry objects. Used when deduplication remembers the id of the first
 * occurrence of each fingerprint. Not thread-safe.
 *
 * @param <V> the value type; values are never null
 */
final class LongObjectMap<V> {
  private long[] keys;
  private Object[] values;
  private int used;
  private int growAt;
  private V zeroValue;

  LongObjectMap(int expectedSize) {
    checkArgument(expectedSize >= 0, "expectedSize must be >= 0, got %s", expectedSize);
    allocate(LongHashSet.capacityFor(expectedSize));
  }

  /** Stores {@code value} under {@code key} unless present; returns the earlier value, or null. */
  @SuppressWarnings("unchecked")
  V putIfAbsent(long key, V value) {
    requireNonNull(value, "value");
    if (key == 0) {
      V earlier = zeroValue;
      if (earlier == null) {
        zeroValue = value;
      }
      return earlier;
    }
    long[] s = keys;
    int i = LongHashSet.slot(key, s.length);
    for (long k; (k = s[i]) != 0; ) {
      if (k == key) {
        return (V) values[i];
      }
      if (++i == s.length) {
        i = 0;
      }
    }
    s[i] = key;
    values[i] = value;
    if (++used > growAt) {
      grow();
    }
    return null;
  }

  /** The value under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  V get(long key) {
    if (key == 0) {
      return zeroValue;
    }
    long[] s = keys;
    int i = LongHashSet.slot(key, s.length);
    for (long k; (k = s[i]) != 0; ) {
      if (k == key) {
        return (V) values[i];
      }
      if (++i == s.length) {
        i = 0;
      }
    }
    return null;
  }

  int size() {
    return used + (zeroValue != null ? 1 : 0);
  }

  int capacity() {
    return keys.length;
  }

  /** Heap bytes of the tables (values counted as compressed references, not what they point to). */
  long memoryBytes() {
    return LongHashSet.objectBytes(keys.length, 8) + LongHashSet.objectBytes(values.length, 4);
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new Object[capacity];
    growAt = (int) (capacity * LongHashSet.MAX_LOAD);
  }

  private void grow() {
    long[] oldKeys = keys;
    Object[] oldValues = values;
    allocate(LongHashSet.grownCapacity(oldKeys.length));
    long[] s = keys;
    for (int j = 0; j < oldKeys.length; j++) {
      long k = oldKeys[j];
      if (k != 0) {
        int i = LongHashSet.slot(k, s.length);
        while (s[i] != 0) {
          if (++i == s.length) {
            i = 0;
          }
        }
        s[i] = k;
        values[i] = oldValues[j];
      }
    }
  }
}
