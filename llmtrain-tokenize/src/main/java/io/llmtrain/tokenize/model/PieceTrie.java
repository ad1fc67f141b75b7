package io.llmtrain.tokenize.model;

import java.util.Arrays;

/**
 * A character trie over vocabulary pieces, for finding every piece that starts at a position of a
 * text (the edges of a Unigram lattice) in one walk bounded by the longest piece. Transitions
 * live in one open-addressing table keyed by (node, char), so building and walking allocate no
 * per-node objects. Immutable after construction and thread-safe.
 */
public final class PieceTrie {
  private static final long EMPTY = -1L;

  private long[] keys;
  private int[] children;
  private int mask;
  private int transitions;
  private int[] pieceOfNode;
  private int nodes = 1;
  private final int longestPiece;
  /** Children of the root by char: every walk starts there, so it skips the hash table. */
  private final int[] rootChildren = new int[Character.MAX_VALUE + 1];

  /** Indexes {@code pieces[i]} under id {@code i}; null or empty entries are skipped. */
  public PieceTrie(String[] pieces) {
    int capacity = Integer.highestOneBit(Math.max(16, pieces.length * 4)) * 2;
    keys = new long[capacity];
    Arrays.fill(keys, EMPTY);
    children = new int[capacity];
    mask = capacity - 1;
    pieceOfNode = new int[Math.max(16, pieces.length * 2)];
    Arrays.fill(pieceOfNode, -1);
    int longest = 0;
    for (int id = 0; id < pieces.length; id++) {
      String p = pieces[id];
      if (p == null || p.isEmpty()) {
        continue;
      }
      longest = Math.max(longest, p.length());
      int node = 0;
      for (int i = 0; i < p.length(); i++) {
        node = childOrAdd(node, p.charAt(i));
      }
      // On duplicates the first id wins, as a vocabulary lookup by string would.
      if (pieceOfNode[node] < 0) {
        pieceOfNode[node] = id;
      }
    }
    this.longestPiece = longest;
    Arrays.fill(rootChildren, -1);
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY && keys[i] >>> 16 == 0) {
        rootChildren[(int) (keys[i] & 0xFFFF)] = children[i];
      }
    }
  }

  /** Length in chars of the longest piece. */
  public int longestPiece() {
    return longestPiece;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private int child(int node, char c) {
    long key = ((long) node << 16) | c;
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

  private int childOrAdd(int node, char c) {
    long key = ((long) node << 16) | c;
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
    int created = nodes++;
    if (created >= pieceOfNode.length) {
      int old = pieceOfNode.length;
      pieceOfNode = Arrays.copyOf(pieceOfNode, old * 2);
      Arrays.fill(pieceOfNode, old, pieceOfNode.length, -1);
    }
    keys[s] = key;
    children[s] = created;
    if (++transitions * 2 > keys.length) {
      grow();
    }
    return created;
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

  /**
   * Finds the pieces that start at {@code start} of {@code text} and end by {@code end}, shortest
   * first. Writes their ids to {@code ids} and their end positions to {@code ends} (both at least
   * {@link #longestPiece()} long) and returns how many there are.
   */
  public int prefixesAt(char[] text, int start, int end, int[] ids, int[] ends) {
    int limit = Math.min(end, start + longestPiece);
    if (start >= limit) {
      return 0;
    }
    int node = rootChildren[text[start]];
    int n = 0;
    for (int i = start + 1; node >= 0; i++) {
      int id = pieceOfNode[node];
      if (id >= 0) {
        ids[n] = id;
        ends[n] = i;
        n++;
      }
      if (i == limit) {
        break;
      }
      node = child(node, text[i]);
    }
    return n;
  }

  /** Id of {@code piece}, or -1. */
  public int find(CharSequence piece) {
    int node = 0;
    for (int i = 0; i < piece.length() && node >= 0; i++) {
      node = child(node, piece.charAt(i));
    }
    return node <= 0 ? -1 : pieceOfNode[node];
  }
}
