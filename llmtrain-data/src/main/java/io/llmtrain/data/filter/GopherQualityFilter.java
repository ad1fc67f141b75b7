package io.llmtrain.data.filter;

import static io.llmtrain.data.filter.FilterSupport.fmt;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gopher's quality heuristics, as datatrove's {@code GopherQualityFilter} applies them, in its
 * order; the first rule that fails rejects the document:
 *
 * <ol>
 *   <li>{@code gopher_too_few_words} / {@code gopher_too_many_words}: the number of non-symbol
 *       words (words with a character outside datatrove's punctuation set) is within
 *       [minWords, maxWords].
 *   <li>{@code gopher_mean_word_too_short} / {@code gopher_mean_word_too_long}: their mean length
 *       is within [minMeanWordLength, maxMeanWordLength].
 *   <li>{@code gopher_symbol_ratio}: '#' characters per word, and separately ellipses ("..." or
 *       "…") per word, at most maxSymbolWordRatio. "Per word" counts every token, symbols
 *       included, as datatrove does.
 *   <li>{@code gopher_bullet_lines}: the share of lines whose first non-blank character is '•' or
 *       '-' is at most maxBulletLineRatio.
 *   <li>{@code gopher_ellipsis_lines}: the share of lines ending (before trailing blanks) with an
 *       ellipsis is at most maxEllipsisLineRatio.
 *   <li>{@code gopher_too_few_alpha_words}: the share of tokens with a letter is at least
 *       minAlphaWordRatio.
 *   <li>{@code gopher_too_few_stop_words}: at least minStopWords distinct stop words occur.
 * </ol>
 *
 * <p>Words are counted with {@link WordTokenizer}, datatrove's spaCy tokenization; lines are
 * Python's {@code splitlines}. Where datatrove would divide by zero (an empty text with the word
 * minimum switched off) the ratio rules pass. The comparisons are strict as in datatrove: a value
 * equal to its limit passes.
 *
 * <p>Thread-safe; never changes the text.
 */
public final class GopherQualityFilter implements DocumentProcessor {
  private final GopherQualityConfig config;
  private final String[] stopWords;
  private final int[] stopWordHashes;
  private final int maxStopWordLength;

  public GopherQualityFilter(GopherQualityConfig config) {
    this.config = config;
    List<String> words = new ArrayList<>(config.effectiveStopWords());
    stopWords = words.toArray(new String[0]);
    stopWordHashes = new int[stopWords.length];
    int max = 0;
    for (int i = 0; i < stopWords.length; i++) {
      stopWordHashes[i] = stopWords[i].hashCode();
      max = Math.max(max, stopWords[i].length());
    }
    maxStopWordLength = max;
  }

  public GopherQualityFilter() {
    this(GopherQualityConfig.defaults());
  }

  public GopherQualityConfig config() {
    return config;
  }

  @Override
  public String name() {
    return GopherQualityConfig.NAME;
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
    Optional<Outcome.Rejected> tooLong = tooManyWords(a.text);
    if (tooLong.isPresent()) {
      return tooLong;
    }
    GopherQualityConfig c = config;
    String text = a.text;
    int nonSymbol = a.nonSymbolWords();
    if (c.minWords() > 0 && nonSymbol < c.minWords()) {
      return reject("gopher_too_few_words", nonSymbol + " words < " + c.minWords());
    }
    if (c.maxWords() > 0 && nonSymbol > c.maxWords()) {
      return reject("gopher_too_many_words", nonSymbol + " words > " + c.maxWords());
    }
    if (nonSymbol > 0) {
      double mean = (double) a.nonSymbolLength() / nonSymbol;
      if (c.minMeanWordLength() > 0 && mean < c.minMeanWordLength()) {
        return reject("gopher_mean_word_too_short",
            "mean word length " + fmt(mean) + " < " + fmt(c.minMeanWordLength()));
      }
      if (c.maxMeanWordLength() > 0 && mean > c.maxMeanWordLength()) {
        return reject("gopher_mean_word_too_long",
            "mean word length " + fmt(mean) + " > " + fmt(c.maxMeanWordLength()));
      }
    }
    int words = a.wordCount();
    if (words == 0) {
      return Optional.empty();
    }
    if (c.maxSymbolWordRatio() > 0) {
      double hashes = (double) PyText.count(text, '#') / words;
      if (hashes > c.maxSymbolWordRatio()) {
        return reject("gopher_symbol_ratio",
            "'#' per word " + fmt(hashes) + " > " + fmt(c.maxSymbolWordRatio()));
      }
      double ellipses = (double) (PyText.count(text, "...") + PyText.count(text, '\u2026')) / words;
      if (ellipses > c.maxSymbolWordRatio()) {
        return reject("gopher_symbol_ratio",
            "ellipses per word " + fmt(ellipses) + " > " + fmt(c.maxSymbolWordRatio()));
      }
    }
    if (c.maxBulletLineRatio() > 0 || c.maxEllipsisLineRatio() > 0) {
      Optional<Outcome.Rejected> lines = checkLines(a);
      if (lines.isPresent()) {
        return lines;
      }
    }
    if (c.minAlphaWordRatio() > 0) {
      double alpha = (double) a.alphaWords() / words;
      if (alpha < c.minAlphaWordRatio()) {
        return reject("gopher_too_few_alpha_words",
            "share of words with a letter " + fmt(alpha) + " < " + fmt(c.minAlphaWordRatio()));
      }
    }
    if (c.minStopWords() > 0) {
      int found = countStopWords(a, c.minStopWords());
      if (found < c.minStopWords()) {
        return reject("gopher_too_few_stop_words",
            found + " distinct stop words < " + c.minStopWords());
      }
    }
    return Optional.empty();
  }

  private Optional<Outcome.Rejected> checkLines(TextAnalysis a) {
    String text = a.text;
    int lines = a.lineCount();
    int bullets = 0;
    int ellipses = 0;
    for (int i = 0; i < lines; i++) {
      int start = a.lineStart(i);
      int end = a.lineEnd(i);
      int first = PyText.stripStart(text, start, end);
      if (first < end && (text.charAt(first) == '\u2022' || text.charAt(first) == '-')) {
        bullets++;
      }
      int last = PyText.stripEnd(text, start, end);
      if (last > start && (text.charAt(last - 1) == '\u2026'
          || (last - start >= 3 && text.startsWith("...", last - 3)))) {
        ellipses++;
      }
    }
    if (lines == 0) {
      return Optional.empty();
    }
    GopherQualityConfig c = config;
    double bulletRatio = (double) bullets / lines;
    if (c.maxBulletLineRatio() > 0 && bulletRatio > c.maxBulletLineRatio()) {
      return reject("gopher_bullet_lines",
          "share of bullet lines " + fmt(bulletRatio) + " > " + fmt(c.maxBulletLineRatio()));
    }
    double ellipsisRatio = (double) ellipses / lines;
    if (c.maxEllipsisLineRatio() > 0 && ellipsisRatio > c.maxEllipsisLineRatio()) {
      return reject("gopher_ellipsis_lines", "share of lines ending in an ellipsis "
          + fmt(ellipsisRatio) + " > " + fmt(c.maxEllipsisLineRatio()));
    }
    return Optional.empty();
  }

  /** Distinct stop words among the words, counting no further than {@code enough}. */
  private int countStopWords(TextAnalysis a, int enough) {
    WordTokenizer.Tokens t = a.tokens();
    int[] hashes = t.hash;
    String text = a.text;
    long seen = 0; // fits: lists are short; longer ones fall back to a boolean array
    boolean[] seenMany = stopWords.length > 64 ? new boolean[stopWords.length] : null;
    int found = 0;
    for (int i = 0; i < t.count && found < enough; i++) {
      int len = t.end[i] - t.start[i];
      if (len > maxStopWordLength) {
        continue;
      }
      int h = hashes[i];
      for (int k = 0; k < stopWords.length; k++) {
        if (stopWordHashes[k] == h && stopWords[k].length() == len
            && text.startsWith(stopWords[k], t.start[i])) {
          boolean already = seenMany != null ? seenMany[k] : (seen & (1L << k)) != 0;
          if (!already) {
            found++;
            if (seenMany != null) {
              seenMany[k] = true;
            } else {
              seen |= 1L << k;
            }
          }
          break;
        }
      }
    }
    return found;
  }

  /**
   * {@code gopher_too_many_words} decided without tokenizing, for texts so long that tokenizing
   * them would cost more memory than the answer is worth (a 50 MB single-line document has ~9
   * million words; their token arrays and n-gram tables would not fit a 512 MiB heap). Every
   * whitespace-separated chunk holding a letter or digit yields at least one token that is not
   * pure punctuation, so counting such chunks gives a lower bound of the non-symbol word count: when
   * the bound already exceeds {@code maxWords} the full rule would reject too. Empty when the bound
   * does not settle it, and for texts under a million characters, whose exact count is cheap and
   * gives the exact figure in the detail; the exact rule then runs as usual.
   */
  Optional<Outcome.Rejected> tooManyWords(String text) {
    return tooManyWords(text, SHORTCUT_MIN_CHARS);
  }

  static final int SHORTCUT_MIN_CHARS = 1 << 20;

  Optional<Outcome.Rejected> tooManyWords(String text, int minChars) {
    int max = config.maxWords();
    if (max <= 0 || text.length() <= max || text.length() < minChars) {
      return Optional.empty(); // a word takes at least one character
    }
    int chunks = 0;
    boolean counted = false; // the current chunk has been counted
    for (int i = 0, n = text.length(); i < n; i++) {
      char ch = text.charAt(i);
      // Only separators every tokenizer splits on: splitting on fewer only merges chunks, which
      // keeps the count a lower bound.
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
        counted = false;
        continue;
      }
      if (!counted && Character.isLetterOrDigit(ch)) {
        counted = true;
        if (++chunks > max) {
          return reject("gopher_too_many_words", "more than " + max + " words");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Outcome.Rejected> reject(String reason, String detail) {
    return Optional.of(new Outcome.Rejected(reason, detail));
  }
}
