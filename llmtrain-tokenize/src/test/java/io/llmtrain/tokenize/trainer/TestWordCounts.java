package io.llmtrain.tokenize.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds {@link WordCounts} from text for tests, standing in for the real normalizers and
 * pre-tokenizers: whitespace split, optionally with the metaspace prefix (for Unigram) or with
 * BERT-style lower-casing and punctuation split (for WordPiece).
 */
public final class TestWordCounts {
  private static final Pattern BERT_WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|[^\\s\\p{L}\\p{M}\\p{N}]");

  private TestWordCounts() {
  }

  /** Words split on whitespace, each with {@code ▁} in front, as Metaspace makes them. */
  public static WordCounts metaspace(String text) {
    Map<String, Long> counts = new TreeMap<>();
    for (String w : text.split("\\s+")) {
      if (!w.isEmpty()) {
        counts.merge("\u2581" + w, 1L, Long::sum);
      }
    }
    return of(counts);
  }

  /** Lower-cased words and single punctuation marks, as BERT's pre-tokenization makes them. */
  public static WordCounts bert(String text) {
    Map<String, Long> counts = new TreeMap<>();
    Matcher m = BERT_WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      counts.merge(m.group(), 1L, Long::sum);
    }
    return of(counts);
  }

  public static WordCounts of(Map<String, Long> counts) {
    Map<String, Long> sorted = new TreeMap<>(counts);
    String[] words = sorted.keySet().toArray(new String[0]);
    long[] n = sorted.values().stream().mapToLong(Long::longValue).toArray();
    return new WordCounts(words, n);
  }

  /** The English and Portuguese sample text of the tests (with a little CJK and emoji). */
  public static String sample() {
    try (InputStream in = TestWordCounts.class.getResourceAsStream("sample-en-pt.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
