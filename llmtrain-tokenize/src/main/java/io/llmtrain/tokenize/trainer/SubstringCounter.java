package io.llmtrain.tokenize.trainer;

import io.llmtrain.tokenize.model.TrieTransitions;
import java.util.Arrays;

/**
 * Counts every substring of up to {@code maxLength} code points of a set of weighted pieces, in
 * a depth-limited suffix trie: each suffix of each piece is walked from the root and every node
 * on the way gains the piece's count. A node is one distinct substring and its count is the
 * number of times it occurs in the corpus. Transitions live in one open-addressing table keyed
 * by (node, char) ({@link TrieTransitions}), so there is no object per node.
 *
 * <p>Only repeated, right-branching substrings are reported as candidates, as the internal nodes
 * of a suffix tree are: a substring seen once cannot be shared by two segmentations, and one
 * always followed by the same character is dominated by its extension, which has the same count
 * and is longer.
 */
final class SubstringCounter {
  private static final char METASPACE = '\u2581';

  private final TrieTransitions edges;
  private long[] count;
  private int[] parent;
  private char[] label;
  private byte[] codePoints;
  private int nodes = 1;
  private final int maxLength;
  private final boolean splitByScript;
  /** Script class of each BMP character plus one, 0 where not yet looked up. */
  private final short[] scriptCache = new short[Character.MAX_VALUE + 1];

  SubstringCounter(int maxLength, boolean splitByScript, int expectedNodes) {
    this.maxLength = maxLength;
    this.splitByScript = splitByScript;
    edges = new TrieTransitions(Math.max(1024, expectedNodes));
    int n = Math.max(1024, expectedNodes);
    count = new long[n];
    parent = new int[n];
    label = new char[n];
    codePoints = new byte[n];
  }

  /**
   * Adds the substrings of {@code piece}, each weighted by {@code weight}. A metaspace is allowed
   * only as a substring's first character, as SentencePiece allows it only as a piece's prefix;
   * when splitting by script, a substring's other characters share one Unicode script (digits
   * and punctuation count as "common"; Hiragana and Katakana count as Han; combining marks
   * go with anything), as SentencePiece's default {@code split_by_unicode_script} requires.
   */
  void add(String piece, long weight) {
    int n = piece.length();
    for (int start = 0; start < n; start += Character.charCount(piece.codePointAt(start))) {
      int node = 0;
      int cps = 0;
      int script = -1;
      for (int i = start; i < n; i++) {
        char c = piece.charAt(i);
        if (c == METASPACE && i > start) {
          break;
        }
        if (!Character.isLowSurrogate(c)) {
          if (++cps > maxLength) {
            break;
          }
          if (splitByScript && c != METASPACE) {
            int cls = scriptClass(piece.codePointAt(i));
            if (cls >= 0) {
              if (script < 0) {
                script = cls;
              } else if (cls != script) {
                break;
              }
            }
          }
        }
        node = childOrAdd(node, c, cps);
        count[node] += weight;
      }
    }
  }

  /** The script class of a code point, or -1 for one that goes with any script. */
  private int scriptClass(int cp) {
    if (cp <= Character.MAX_VALUE && scriptCache[cp] != 0) {
      return scriptCache[cp] - 2;
    }
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    int cls;
    if (s == Character.UnicodeScript.INHERITED) {
      cls = -1;
    } else if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
        || cp == 0x30FC) {
      cls = Character.UnicodeScript.HAN.ordinal();
    } else {
      cls = s.ordinal();
    }
    if (cp <= Character.MAX_VALUE) {
      scriptCache[cp] = (short) (cls + 2);
    }
    return cls;
  }

  int nodes() {
    return nodes;
  }

  private int childOrAdd(int node, char c, int cps) {
    int created = edges.childOrAdd(node, c, nodes);
    if (created != nodes) {
      return created;
    }
    nodes++;
    if (created == count.length) {
      int grown = count.length * 2;
      count = Arrays.copyOf(count, grown);
      parent = Arrays.copyOf(parent, grown);
      label = Arrays.copyOf(label, grown);
      codePoints = Arrays.copyOf(codePoints, grown);
    }
    parent[created] = node;
    label[created] = c;
    codePoints[created] = (byte) cps;
    return created;
  }

  /**
   * The {@code limit} best substrings of at least two code points by {@code count * length}
   * (ties: earlier-created node first, which is deterministic for the same input order), in
   * node order, as strings with their scores.
   */
  Scored top(int limit) {
    long[] maxChild = new long[nodes];
    for (int v = 1; v < nodes; v++) {
      maxChild[parent[v]] = Math.max(maxChild[parent[v]], count[v]);
    }
    int candidates = 0;
    int[] ids = new int[Math.min(nodes, 1 << 20)];
    for (int v = 1; v < nodes; v++) {
      if (codePoints[v] >= 2 && count[v] >= 2 && count[v] > maxChild[v]
          && !Character.isHighSurrogate(label[v])) {
        if (candidates == ids.length) {
          ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[candidates++] = v;
      }
    }
    // Keep the best by score; ties at the cut go to earlier nodes. The seed's order does not
    // matter to training beyond being deterministic, so the kept nodes stay in node order.
    int[] order = ids;
    if (candidates > limit) {
      long[] scoresSorted = new long[candidates];
      for (int i = 0; i < candidates; i++) {
        scoresSorted[i] = count[ids[i]] * codePoints[ids[i]];
      }
      Arrays.sort(scoresSorted);
      long threshold = limit == 0 ? Long.MAX_VALUE : scoresSorted[candidates - limit];
      int above = 0;
      for (int i = 0; i < candidates; i++) {
        above += count[ids[i]] * codePoints[ids[i]] > threshold ? 1 : 0;
      }
      int atThreshold = limit - above;
      order = new int[limit];
      int k = 0;
      for (int i = 0; i < candidates && k < limit; i++) {
        long score = count[ids[i]] * codePoints[ids[i]];
        if (score > threshold || (score == threshold && atThreshold-- > 0)) {
          order[k++] = ids[i];
        }
      }
    }
    int n = Math.min(limit, candidates);
    String[] strings = new String[n];
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      int v = order[i];
      int length = 0;
      for (int u = v; u != 0; u = parent[u]) {
        length++;
      }
      char[] chars = new char[length];
      for (int u = v; u != 0; u = parent[u]) {
        chars[--length] = label[u];
      }
      strings[i] = new String(chars);
      scores[i] = (double) count[v] * codePoints[v];
    }
    return new Scored(strings, scores);
  }

  /** Substrings and their seed scores. */
  record Scored(String[] pieces, double[] scores) {
  }
}
