package io.llmtrain.tokenize.trainer;

import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * How often each pre-tokenized piece occurs in a corpus: what every trainer learns from. Pieces
 * are distinct and sorted (by string), so a trainer that walks them in order is deterministic.
 */
public final class WordCounts {
  private final String[] words;
  private final long[] counts;

  /** Takes ownership of the arrays; {@code words} must be distinct and sorted. */
  public WordCounts(String[] words, long[] counts) {
    Preconditions.checkArgument(words.length == counts.length,
        "words (%s) and counts (%s) differ in length", words.length, counts.length);
    for (int i = 1; i < words.length; i++) {
      Preconditions.checkArgument(words[i - 1].compareTo(words[i]) < 0,
          "words must be distinct and sorted: '%s' then '%s'", words[i - 1], words[i]);
    }
    this.words = words;
    this.counts = counts;
  }

  public int size() {
    return words.length;
  }

  public String word(int i) {
    return words[i];
  }

  public long count(int i) {
    return counts[i];
  }

  public long totalCount() {
    return Arrays.stream(counts).sum();
  }
}
