package io.llmtrain.eval.contamination;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds evaluation items whose word n-grams (13 by default, as the GPT-3 paper's check) also occur
 * in the training data. Text is compared lower-cased, as runs of letters and digits, so
 * punctuation, spacing and case never hide an overlap. Training n-grams are kept as 64-bit hashes
 * (8 bytes each in the set, plus the set's overhead): build one check per training corpus, then
 * test any number of evaluation items.
 */
public final class ContaminationCheck {
  private final int n;
  private final Set<Long> training = new HashSet<>();
  private long trainingNgrams;

  public ContaminationCheck(int n) {
    checkArgument(n >= 1, "n must be >= 1, got %s", n);
    this.n = n;
  }

  public int n() {
    return n;
  }

  /** Adds a training document's n-grams. */
  public void addTraining(String text) {
    List<String> words = words(text);
    for (int i = 0; i + n <= words.size(); i++) {
      training.add(hash(words, i));
      trainingNgrams++;
    }
  }

  /** How many n-grams the training documents had (repeats counted). */
  public long trainingNgrams() {
    return trainingNgrams;
  }

  /**
   * The overlap of one evaluation item: how many of its n-grams occur in the training data, and
   * the first such n-gram. An item shorter than n words has no n-gram and is never contaminated.
   */
  public Overlap check(String text) {
    List<String> words = words(text);
    int total = Math.max(0, words.size() - n + 1);
    int found = 0;
    String first = null;
    for (int i = 0; i + n <= words.size(); i++) {
      if (training.contains(hash(words, i))) {
        found++;
        if (first == null) {
          first = String.join(" ", words.subList(i, i + n));
        }
      }
    }
    return new Overlap(total, found, first);
  }

  /** An item's n-grams, how many occur in training, and the first of those (null if none). */
  public record Overlap(int ngrams, int overlapping, String firstMatch) {
    public boolean contaminated() {
      return overlapping > 0;
    }

    public double fraction() {
      return ngrams == 0 ? 0 : (double) overlapping / ngrams;
    }
  }

  /** Lower-cased runs of letters and digits (code points, any script). */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp)) {
        w.appendCodePoint(cp);
      } else if (w.length() > 0) {
        words.add(w.toString().toLowerCase(Locale.ROOT));
        w.setLength(0);
      }
    });
    if (w.length() > 0) {
      words.add(w.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private long hash(List<String> words, int from) {
    Hasher h = Hashing.murmur3_128().newHasher();
    for (int i = from; i < from + n; i++) {
      h.putUnencodedChars(words.get(i)).putChar('\u0000');
    }
    return h.hash().asLong();
  }
}
