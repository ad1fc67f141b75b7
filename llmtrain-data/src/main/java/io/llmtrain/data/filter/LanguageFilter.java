package io.llmtrain.data.filter;

import static io.llmtrain.data.filter.FilterSupport.fmt;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Keeps documents written in one of the configured languages, in the manner of datatrove's
 * {@code LanguageFilter}, with lingua (a pure-Java n-gram detector) in place of fastText. Kept
 * documents get metadata {@code language} (ISO 639-1) and {@code language_score}; others are
 * rejected as {@code language_other} (the text is in another candidate language) or {@code
 * language_low_confidence} (a kept language is the most likely one but scores below the
 * threshold, or no language could be detected at all).
 *
 * <h2>Score</h2>
 *
 * <p>datatrove's threshold (0.65) applies to fastText's softmax probability. lingua 1.2 instead
 * reports relative confidences: 1.0 for the most likely language and, for each other language,
 * the ratio of the two languages' log-likelihoods. Here that ratio {@code c} becomes a gap
 * {@code g = 1/c - 1}, the relative excess of the other language's negative log-likelihood per
 * n-gram, and the score is a softmax over the candidates, {@code exp(-25 g)} normalised. The
 * factor 25 was fitted so that the score tracks how often the top language is right, on the
 * fortune-cookie corpora in English (4,000 texts) and Portuguese (2,506), five candidates,
 * low-accuracy mode: texts scoring 0.65 to 0.7 had the right language 70% (pt) and 78% (en) of
 * the time, 0.8 to 0.9: 90% and 93%, above 0.95: 99%; below 0.6, about half. So 0.65 keeps a
 * document whose language is right about two times in three or better, which is what datatrove's
 * threshold means for fastText, and a text mixing two languages in equal parts scores near 0.5.
 * When lingua's rules settle the language outright (a script or letters only one candidate
 * uses) the score is 1. Texts shorter than about 120 characters are classified less reliably in
 * low-accuracy mode (lingua's own caveat), and texts with no letters get no language at all.
 *
 * <p>lingua only chooses among the candidates. A text in another language usually spreads its
 * score over its neighbours and falls below the threshold (an Italian sentence scored 0.41 for
 * Spanish, a Dutch one 0.61 for English, with the five default candidates), but languages
 * likely to occur in a corpus are better named as candidates.
 *
 * <p>A document is kept when one of the kept languages scores at least the threshold (datatrove
 * compares with {@code >}); below 0.5 more than one language could qualify and the best-scoring
 * kept one is reported.
 *
 * <h2>Cost</h2>
 *
 * <p>Only the first {@code maxChars} characters are classified (lingua's work grows with the
 * number of distinct n-grams). One lingua detector is built per processor, on first use, with its
 * models preloaded then, so a processor that is only configured costs nothing and concurrent
 * first calls do not each load the models. lingua's detector keeps no per-call state (its models
 * are immutable maps shared through a lock-guarded cache), so all worker threads share it; note
 * that lingua runs each detection as a task on the common fork-join pool.
 */
public final class LanguageFilter implements DocumentProcessor {
  /** Softmax sharpness applied to lingua's relative log-likelihood gaps (see the class doc). */
  static final double SHARPNESS = 25;

  private final LanguageConfig config;
  private final Language[] candidates;
  private final Set<Language> kept;
  private volatile LanguageDetector detector;

  public LanguageFilter(LanguageConfig config) {
    this.config = config;
    List<Language> c = new ArrayList<>();
    for (String code : config.candidates()) {
      c.add(LanguageConfig.BY_CODE.get(code));
    }
    candidates = c.toArray(new Language[0]);
    Set<Language> k = new HashSet<>();
    for (String code : config.languages()) {
      k.add(LanguageConfig.BY_CODE.get(code));
    }
    kept = Collections.unmodifiableSet(k);
  }

  public LanguageConfig config() {
    return config;
  }

  @Override
  public String name() {
    return LanguageConfig.NAME;
  }

  /** The detected language and the scores of every candidate lingua considered possible. */
  public record Detection(String language, double score, Map<String, Double> scores) {
    /** No language detected (no letters, or nothing lingua's models know). */
    static final Detection NONE = new Detection("", 0, Map.of());

    public boolean isDetected() {
      return !language.isEmpty();
    }
  }

  private LanguageDetector detector() {
    LanguageDetector d = detector;
    if (d == null) {
      synchronized (this) {
        d = detector;
        if (d == null) {
          LanguageDetectorBuilder b = LanguageDetectorBuilder.fromLanguages(candidates);
          if (config.lowAccuracyMode()) {
            b = b.withLowAccuracyMode();
          }
          d = b.withPreloadedLanguageModels().build();
          detector = d;
        }
      }
    }
    return d;
  }

  /** Detects the language of (the first {@code maxChars} characters of) {@code text}. */
  public Detection detect(String text) {
    SortedMap<Language, Double> confidences =
        detector().computeLanguageConfidenceValues(prefix(text, config.maxChars()));
    if (confidences.isEmpty()) {
      return Detection.NONE;
    }
    Map<String, Double> scores = new LinkedHashMap<>();
    double sum = 0;
    double[] weights = new double[confidences.size()];
    int i = 0;
    for (double c : confidences.values()) {
      weights[i] = c > 0 ? Math.exp(-SHARPNESS * (1 / c - 1)) : 0;
      sum += weights[i++];
    }
    i = 0;
    String top = null;
    double topScore = 0;
    for (Language l : confidences.keySet()) {
      double score = weights[i++] / sum;
      String code = code(l);
      scores.put(code, score);
      if (top == null) {
        top = code;
        topScore = score;
      }
    }
    return new Detection(top, topScore, Collections.unmodifiableMap(scores));
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    Detection d = detect(document.text());
    if (!d.isDetected()) {
      return Outcome.reject("language_low_confidence", "no language detected (no letters)");
    }
    String best = null;
    double bestScore = -1;
    for (Map.Entry<String, Double> e : d.scores().entrySet()) {
      if (kept.contains(LanguageConfig.BY_CODE.get(e.getKey())) && e.getValue() > bestScore) {
        best = e.getKey();
        bestScore = e.getValue();
      }
    }
    if (best != null && bestScore >= config.threshold()) {
      return Outcome.keep(document.withMetadata("language", best)
          .withMetadata("language_score", round(bestScore)));
    }
    if (!config.languages().contains(d.language())) {
      return Outcome.reject("language_other", d.language() + " " + fmt(d.score())
          + "; wanted " + String.join(", ", config.languages()));
    }
    return Outcome.reject("language_low_confidence", d.language() + " " + fmt(d.score())
        + " < " + fmt(config.threshold()));
  }

  private static double round(double score) {
    return Math.round(score * 10_000) / 10_000.0;
  }

  private static String code(Language l) {
    return l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The first {@code max} characters, cut back to the last whitespace when that loses at most a
   * tenth of them, so the last word is whole; never splits a surrogate pair.
   */
  static String prefix(String text, int max) {
    if (max == 0 || text.length() <= max) {
      return text;
    }
    int end = max;
    if (!PyText.isSpace(text.charAt(max))) {
      for (int i = max - 1; i >= max - max / 10 && i > 0; i--) {
        if (PyText.isSpace(text.charAt(i))) {
          end = i;
          break;
        }
      }
    }
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(
        text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
