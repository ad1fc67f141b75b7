package io.llmtrain.data.filter;

import static io.llmtrain.data.filter.FilterSupport.fmt;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.filter.GopherRepetitionConfig.NGramLimit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gopher's repetition rules, computed as datatrove's {@code GopherRepetitionFilter} computes
 * them, in its order; the first that fails rejects the document:
 *
 * <ol>
 *   <li>Paragraphs are the stripped text split at runs of two or more '\n'. {@code
 *       gopher_dup_para_frac}: paragraphs equal to an earlier one, per paragraph; {@code
 *       gopher_dup_para_char_frac}: their characters per character of the text.
 *   <li>Lines are the text split at runs of '\n' (empty first or last lines included, as
 *       Python's {@code re.split} gives them). {@code gopher_dup_line_frac} and {@code
 *       gopher_dup_line_char_frac} likewise.
 *   <li>{@code gopher_top_N_gram}: the most frequent word n-gram's characters (words joined by a
 *       space, times its count) per character of the text; checked only when the text has
 *       n-grams.
 *   <li>{@code gopher_dup_N_gram}: the characters of repeated word n-grams (see {@link
 *       NGramStats}) per character of the text.
 * </ol>
 *
 * <p>Lengths are code points, as Python's {@code len}. An empty text passes (datatrove would
 * divide by zero). Comparisons are strict: a fraction equal to its limit passes.
 *
 * <p>Thread-safe; never changes the text.
 */
public final class GopherRepetitionFilter implements DocumentProcessor {
  private final GopherRepetitionConfig config;
  private final int maxN;
  private final boolean[] wantDuplicate;

  public GopherRepetitionFilter(GopherRepetitionConfig config) {
    this.config = config;
    this.maxN = config.maxN();
    wantDuplicate = new boolean[maxN + 1];
    for (NGramLimit l : config.dupNGramCharFractions()) {
      wantDuplicate[l.n()] = l.maxFraction() > 0;
    }
  }

  public GopherRepetitionFilter() {
    this(GopherRepetitionConfig.defaults());
  }

  public GopherRepetitionConfig config() {
    return config;
  }

  @Override
  public String name() {
    return GopherRepetitionConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    try (TextAnalysis analysis = TextAnalysis.open(document.text())) {
      Optional<Outcome.Rejected> rejected = check(analysis);
      return rejected.isPresent() ? rejected.get() : Outcome.keep(document);
    }
  }

  /** The first rule {@code text} fails, or empty when it passes them all. */
  public Optional<Outcome.Rejected> check(String text) {
    try (TextAnalysis analysis = TextAnalysis.open(text)) {
      return check(analysis);
    }
  }

  Optional<Outcome.Rejected> check(TextAnalysis a) {
    GopherRepetitionConfig c = config;
    String text = a.text;
    if (text.isEmpty()) {
      return Optional.empty();
    }
    double length = a.textLength();

    Segments segments = Segments.forThread();
    if (c.maxDupParagraphFraction() > 0 || c.maxDupParagraphCharFraction() > 0) {
      Segments paragraphs = paragraphs(text, segments);
      paragraphs.findDuplicates(a.chars());
      double fraction = (double) paragraphs.duplicates / paragraphs.count;
      if (c.maxDupParagraphFraction() > 0 && fraction > c.maxDupParagraphFraction()) {
        return reject("gopher_dup_para_frac", "repeated paragraphs " + paragraphs.duplicates
            + "/" + paragraphs.count + " = " + fmt(fraction) + " > "
            + fmt(c.maxDupParagraphFraction()));
      }
      double chars = paragraphs.duplicateChars / length;
      if (c.maxDupParagraphCharFraction() > 0 && chars > c.maxDupParagraphCharFraction()) {
        return reject("gopher_dup_para_char_frac", "characters in repeated paragraphs "
            + fmt(chars) + " > " + fmt(c.maxDupParagraphCharFraction()));
      }
    }
    if (c.maxDupLineFraction() > 0 || c.maxDupLineCharFraction() > 0) {
      Segments lines = lines(text, segments);
      lines.findDuplicates(a.chars());
      double fraction = (double) lines.duplicates / lines.count;
      if (c.maxDupLineFraction() > 0 && fraction > c.maxDupLineFraction()) {
        return reject("gopher_dup_line_frac", "repeated lines " + lines.duplicates + "/"
            + lines.count + " = " + fmt(fraction) + " > " + fmt(c.maxDupLineFraction()));
      }
      double chars = lines.duplicateChars / length;
      if (c.maxDupLineCharFraction() > 0 && chars > c.maxDupLineCharFraction()) {
        return reject("gopher_dup_line_char_frac", "characters in repeated lines "
            + fmt(chars) + " > " + fmt(c.maxDupLineCharFraction()));
      }
    }
    if (maxN == 0) {
      return Optional.empty();
    }
    try (NGramStats ngrams = new NGramStats(a, wantDuplicate)) {
      for (NGramLimit limit : c.topNGramCharFractions()) {
        int n = limit.n();
        if (ngrams.count(n) == 0 || limit.maxFraction() == 0) {
          continue;
        }
        double fraction = ngrams.topChars(n) / length;
        if (fraction > limit.maxFraction()) {
          return reject("gopher_top_" + n + "_gram", "characters in the most frequent " + n
              + "-gram " + fmt(fraction) + " > " + fmt(limit.maxFraction()));
        }
      }
      for (NGramLimit limit : c.dupNGramCharFractions()) {
        int n = limit.n();
        if (limit.maxFraction() == 0
            || ngrams.duplicateCharsAtMost(n, length, limit.maxFraction())) {
          continue; // passes, whatever the exact measure
        }
        double fraction = ngrams.duplicateChars(n) / length;
        if (fraction > limit.maxFraction()) {
          return reject("gopher_dup_" + n + "_gram", "characters in repeated " + n + "-grams "
              + fmt(fraction) + " > " + fmt(limit.maxFraction()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Text ranges [start[i], end[i]) and, once {@link #findDuplicates} has run, how many equal an
   * earlier one and their total length. Reused per thread: only the filter's own check, which
   * does not nest, uses it.
   */
  static final class Segments {
    /** Lengths below this are counted in an array to find the ones no other segment has. */
    private static final int COUNTED_LENGTHS = 4096;
    private static final ThreadLocal<Segments> FOR_THREAD = ThreadLocal.withInitial(Segments::new);

    int count;
    int[] start = new int[16];
    int[] end = new int[16];
    int duplicates;
    long duplicateChars;

    private final int[] lengthCounts = new int[COUNTED_LENGTHS];
    private int[] hashes = new int[16];
    private int[] slots = new int[64]; // segment index + 1; 0 is empty

    static Segments forThread() {
      return FOR_THREAD.get();
    }

    Segments clear() {
      count = 0;
      return this;
    }

    void add(int s, int e) {
      if (count == start.length) {
        start = Arrays.copyOf(start, count * 2);
        end = Arrays.copyOf(end, count * 2);
      }
      start[count] = s;
      end[count] = e;
      count++;
    }

    /** {@link #findDuplicates} on {@code text}: {duplicates, their code points}. */
    long[] duplicates(String text) {
      findDuplicates(text.toCharArray());
      return new long[] {duplicates, duplicateChars};
    }

    /**
     * datatrove's {@code find_duplicates} over the text's characters {@code c}: how many
     * segments equal an earlier one, and their total length in code points. Both are
     * independent of order, so only segments whose length some other segment shares need
     * comparing; those are hashed into a table of segment indexes and compared character by
     * character on equal hashes.
     */
    void findDuplicates(char[] c) {
      duplicates = 0;
      duplicateChars = 0;
      int n = count;
      if (n < 2) {
        return;
      }
      int[] counts = lengthCounts;
      for (int i = 0; i < n; i++) {
        int len = end[i] - start[i];
        if (len < COUNTED_LENGTHS) {
          counts[len]++;
        }
      }
      int capacity = Math.max(16, Integer.highestOneBit(n) * 4);
      if (slots.length < capacity) {
        slots = new int[capacity];
      }
      if (hashes.length < n) {
        hashes = new int[Math.max(n, 2 * hashes.length)];
      }
      int[] table = slots;
      int mask = capacity - 1;
      int shift = 32 - Integer.numberOfTrailingZeros(capacity);
      for (int i = 0; i < n; i++) {
        int s = start[i];
        int e = end[i];
        int len = e - s;
        if (len < COUNTED_LENGTHS && counts[len] < 2) {
          continue; // no other segment has its length
        }
        int h = sample(c, s, e);
        hashes[i] = h;
        int slot = (h * 0x9E3779B9) >>> shift;
        while (true) {
          int other = table[slot] - 1;
          if (other < 0) {
            table[slot] = i + 1;
            break;
          }
          if (hashes[other] == h && end[other] - start[other] == len
              && Arrays.equals(c, start[other], end[other], c, s, e)) {
            duplicates++;
            duplicateChars += Character.codePointCount(c, s, len);
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      // Leave the length counts and the table empty for the next text.
      for (int i = 0; i < n; i++) {
        int len = end[i] - start[i];
        if (len < COUNTED_LENGTHS) {
          counts[len] = 0;
        }
      }
      Arrays.fill(table, 0, capacity, 0);
    }
  }

  /**
   * A hash of segment [s, e) from its length and at most its first and last eight characters:
   * enough to tell apart the segments of real text (equal ones are then compared in full), at a
   * cost that does not grow with their length.
   */
  static int sample(char[] c, int s, int e) {
    int len = e - s;
    int h = len;
    if (len <= 16) {
      for (int k = s; k < e; k++) {
        h = 31 * h + c[k];
      }
      return h;
    }
    for (int k = 0; k < 8; k++) {
      h = 31 * h + c[s + k];
    }
    for (int k = e - 8; k < e; k++) {
      h = 31 * h + c[k];
    }
    return h;
  }

  /** The stripped text split at runs of two or more '\n' (Python's {@code re.split}). */
  static Segments paragraphs(String text) {
    return paragraphs(text, new Segments());
  }

  static Segments paragraphs(String text, Segments out) {
    int from = PyText.stripStart(text, 0, text.length());
    int to = PyText.stripEnd(text, from, text.length());
    out.clear();
    int start = from;
    int i = from;
    while (true) {
      int nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= to) {
        break;
      }
      int runEnd = nl + 1;
      while (runEnd < to && text.charAt(runEnd) == '\n') {
        runEnd++;
      }
      if (runEnd - nl >= 2) {
        out.add(start, nl);
        start = runEnd;
      }
      i = runEnd;
    }
    out.add(start, to);
    return out;
  }

  /** The text split at runs of '\n' (Python's {@code re.split("\n+", text)}). */
  static Segments lines(String text) {
    return lines(text, new Segments());
  }

  static Segments lines(String text, Segments out) {
    out.clear();
    int n = text.length();
    int start = 0;
    int i = 0;
    while (true) {
      int nl = text.indexOf('\n', i);
      if (nl < 0) {
        break;
      }
      int runEnd = nl + 1;
      while (runEnd < n && text.charAt(runEnd) == '\n') {
        runEnd++;
      }
      out.add(start, nl);
      start = runEnd;
      i = runEnd;
    }
    out.add(start, n);
    return out;
  }

  private static Optional<Outcome.Rejected> reject(String reason, String detail) {
    return Optional.of(new Outcome.Rejected(reason, detail));
  }
}
