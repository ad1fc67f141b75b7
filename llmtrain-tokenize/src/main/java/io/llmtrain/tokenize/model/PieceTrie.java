package io.llmtrain.tokenize.model;

import java.util.Arrays;

/**
 * A character trie over vocabulary pieces, for finding every piece that starts at a position of a
 * text (the edges of a Unigram lattice) in one walk bounded by the longest piece. Transitions
 * live in one {@link TrieTransitions} table keyed by (node, char), so building and walking allocate no
 * per-node objects. Immutable after construction and thread-safe.
 */
public final class PieceTrie {
  private final TrieTransitions edges;
  private int[] pieceOfNode;
  private int nodes = 1;
  private final int longestPiece;
  /** Children of the root by char: every walk starts there, so it skips the hash table. */
  private final int[] rootChildren = new int[Character.MAX_VALUE + 1];

  /** Indexes {@code pieces[i]} under id {@code i}; null or empty entries are skipped. */
  public PieceTrie(String[] pieces) {
    edges = new TrieTransitions(pieces.length * 4);
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
    edges.rootChildren(rootChildren);
  }

  /** Length in chars of the longest piece. */
  public int longestPiece() {
    return longestPiece;
  }

  private int child(int node, char c) {
    return edges.child(node, c);
  }

  private int childOrAdd(int node, char c) {
    int child = edges.childOrAdd(node, c, nodes);
    if (child == nodes) {
      nodes++;
      if (child >= pieceOfNode.length) {
        int old = pieceOfNode.length;
        pieceOfNode = Arrays.copyOf(pieceOfNode, old * 2);
        Arrays.fill(pieceOfNode, old, pieceOfNode.length, -1);
      }
    }
    return child;
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
