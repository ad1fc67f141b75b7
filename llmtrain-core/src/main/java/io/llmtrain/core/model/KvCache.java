package io.llmtrain.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions a {@link GptModel} has already seen, per layer, so that
 * generation feeds only new tokens: {@link GptModel#forward(NDArray, KvCache)} appends to it and
 * attends over everything in it. The arrays, {@code (batch, heads, length, headSize)} per layer,
 * live in the manager given at creation, which the caller owns; replaced arrays are closed at once,
 * so a cache holds two arrays per layer whatever its length.
 *
 * <p>Not thread-safe; one cache per sequence batch. {@link #clear()} empties it (to recompute
 * after cropping the context).
 */
public final class KvCache {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;
  private long batch = -1;

  KvCache(NDManager manager, int layers) {
    this.manager = manager;
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Positions held. */
  public int length() {
    return length;
  }

  /** The manager that owns the cached arrays. */
  public NDManager manager() {
    return manager;
  }

  /** Forgets every position and closes the arrays. */
  public void clear() {
    for (int i = 0; i < keys.length; i++) {
      close(keys, i);
      close(values, i);
    }
    length = 0;
    batch = -1;
  }

  void check(int layers, long batchSize) {
    if (layers != keys.length) {
      throw new IllegalArgumentException("cache made for " + keys.length + " layers, model has "
          + layers);
    }
    if (length > 0 && batchSize != batch) {
      throw new IllegalArgumentException("cache holds a batch of " + batch + ", got "
          + batchSize + " sequences");
    }
    batch = batchSize;
  }

  NDArray appendKeys(int layer, NDArray k) {
    return append(keys, layer, k);
  }

  NDArray appendValues(int layer, NDArray v) {
    return append(values, layer, v);
  }

  void advance(int t) {
    length += t;
  }

  private NDArray append(NDArray[] store, int layer, NDArray fresh) {
    NDArray old = store[layer];
    NDArray all;
    if (old == null) {
      // a copy, so the cache does not hold a view of the caller's step arrays
      all = fresh.duplicate();
      all.attach(manager);
    } else {
      all = old.concat(fresh, 2);
      all.attach(manager);
      old.close();
    }
    store[layer] = all;
    return all;
  }

  private static void close(NDArray[] store, int i) {
    if (store[i] != null) {
      store[i].close();
      store[i] = null;
    }
  }
}
