package io.llmtrain.tokenize.model;

import java.util.Arrays;

/**
 * The edges of a character trie whose nodes are numbered by their owner: one open-addressing
 * table from (node, char) to child node, so a trie of millions of nodes allocates no object per
 * node. Used by {@link PieceTrie} (encoding) and the Unigram trainer's substring counter. Not
 * thread-safe while growing; reads of a finished table are.
 */
public final class TrieTransitions {
  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] children;
  private int mask;
  private int size;

  /** A table for about {@code expectedEdges} edges before it first grows. */
  public TrieTransitions(int expectedEdges) {
    int capacity = Integer.highestOneBit(Math.max(16, expectedEdges) * 2);
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    children = new int[capacity];
    mask = capacity - 1;
  }

  private static long key(int node, char c) {
    return ((long) node << 16) | c;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The child of {@code node} by {@code c}, or -1. */
  public int child(int node, char c) {
    long key = key(node, c);
    int s = slot(key, mask);
    while (true) {
      long k = keys[s];
      if (k == key) {
        return children[s];
      }
      if (k == EMPTY) {
        return -1;
      }
      s = (s + 1) & mask;
    }
  }

  /**
   * The child of {@code node} by {@code c}; when there is none, {@code next} becomes it and is
   * returned (the caller then counts {@code next} as a new node).
   */
  public int childOrAdd(int node, char c, int next) {
    long key = key(node, c);
    int s = slot(key, mask);
    while (true) {
      long k = keys[s];
      if (k == key) {
        return children[s];
      }
      if (k == EMPTY) {
        break;
      }
      s = (s + 1) & mask;
    }
    keys[s] = key;
    children[s] = next;
    if (++size * 2 > keys.length) {
      grow();
    }
    return next;
  }

  /** Writes the root's children into {@code byChar[c]}; entries without a child are untouched. */
  public void rootChildren(int[] byChar) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY && keys[i] >>> 16 == 0) {
        byChar[(int) (keys[i] & 0xFFFF)] = children[i];
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldChildren = children;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    children = new int[keys.length];
    mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int s = slot(oldKeys[i], mask);
        while (keys[s] != EMPTY) {
          s = (s + 1) & mask;
        }
        keys[s] = oldKeys[i];
        children[s] = oldChildren[i];
      }
    }
  }
}
