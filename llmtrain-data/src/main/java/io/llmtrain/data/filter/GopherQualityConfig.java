package io.llmtrain.data.filter;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the {@code gopher-quality} filter: Gopher's quality heuristics (Rae et al.
 * 2021, appendix A1) with the defaults of datatrove's {@code GopherQualityFilter}. Every threshold
 * can be switched off with 0, as a falsy value does in datatrove.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>key</th><th>default</th><th>datatrove</th></tr>
 *   <tr><td>minWords</td><td>50</td><td>min_doc_words</td></tr>
 *   <tr><td>maxWords</td><td>100000</td><td>max_doc_words</td></tr>
 *   <tr><td>minMeanWordLength</td><td>3</td><td>min_avg_word_length</td></tr>
 *   <tr><td>maxMeanWordLength</td><td>10</td><td>max_avg_word_length</td></tr>
 *   <tr><td>maxSymbolWordRatio</td><td>0.1</td><td>max_symbol_word_ratio</td></tr>
 *   <tr><td>maxBulletLineRatio</td><td>0.9</td><td>max_bullet_lines_ratio</td></tr>
 *   <tr><td>maxEllipsisLineRatio</td><td>0.3</td><td>max_ellipsis_lines_ratio</td></tr>
 *   <tr><td>minAlphaWordRatio</td><td>0.8</td><td>max_non_alpha_words_ratio (misnamed there:
 *       it is the minimum share of words with a letter)</td></tr>
 *   <tr><td>minStopWords</td><td>2</td><td>min_stop_words</td></tr>
 *   <tr><td>stopWordLanguages</td><td>[en]</td><td>(English only)</td></tr>
 *   <tr><td>stopWords</td><td>[]</td><td>stop_words (here: added to the languages' lists)</td></tr>
 * </table>
 */
public final class GopherQualityConfig implements StageSpec {
  public static final String NAME = "gopher-quality";

  private final int minWords;
  private final int maxWords;
  private final double minMeanWordLength;
  private final double maxMeanWordLength;
  private final double maxSymbolWordRatio;
  private final double maxBulletLineRatio;
  private final double maxEllipsisLineRatio;
  private final double minAlphaWordRatio;
  private final int minStopWords;
  private final List<String> stopWordLanguages;
  private final List<String> stopWords;

  private GopherQualityConfig(Builder b) {
    minWords = b.minWords;
    maxWords = b.maxWords;
    minMeanWordLength = b.minMeanWordLength;
    maxMeanWordLength = b.maxMeanWordLength;
    maxSymbolWordRatio = b.maxSymbolWordRatio;
    maxBulletLineRatio = b.maxBulletLineRatio;
    maxEllipsisLineRatio = b.maxEllipsisLineRatio;
    minAlphaWordRatio = b.minAlphaWordRatio;
    minStopWords = b.minStopWords;
    stopWordLanguages = List.copyOf(b.stopWordLanguages);
    stopWords = List.copyOf(b.stopWords);
  }

  public static GopherQualityConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .minWords(minWords)
        .maxWords(maxWords)
        .minMeanWordLength(minMeanWordLength)
        .maxMeanWordLength(maxMeanWordLength)
        .maxSymbolWordRatio(maxSymbolWordRatio)
        .maxBulletLineRatio(maxBulletLineRatio)
        .maxEllipsisLineRatio(maxEllipsisLineRatio)
        .minAlphaWordRatio(minAlphaWordRatio)
        .minStopWords(minStopWords)
        .stopWordLanguages(stopWordLanguages)
        .stopWords(stopWords);
  }

  /** Reads every parameter and rejects unknown ones. */
  public static GopherQualityConfig fromParams(Params p) {
    GopherQualityConfig c = read(p, "", NAME);
    p.finish();
    return c;
  }

  /** Reads the parameters named {@code prefix + key}, for configurations that nest this one. */
  static GopherQualityConfig read(Params p, String prefix, String owner) {
    GopherQualityConfig d = defaults();
    Builder b = builder()
        .minWords(p.getInt(prefix + "minWords", d.minWords, 0, Integer.MAX_VALUE))
        .maxWords(p.getInt(prefix + "maxWords", d.maxWords, 0, Integer.MAX_VALUE))
        .minMeanWordLength(p.getDouble(prefix + "minMeanWordLength", d.minMeanWordLength, 0,
            1_000_000))
        .maxMeanWordLength(p.getDouble(prefix + "maxMeanWordLength", d.maxMeanWordLength, 0,
            1_000_000))
        .maxSymbolWordRatio(p.getDouble(prefix + "maxSymbolWordRatio", d.maxSymbolWordRatio, 0,
            1_000_000))
        .maxBulletLineRatio(p.getDouble(prefix + "maxBulletLineRatio", d.maxBulletLineRatio, 0,
            1))
        .maxEllipsisLineRatio(p.getDouble(prefix + "maxEllipsisLineRatio",
            d.maxEllipsisLineRatio, 0, 1))
        .minAlphaWordRatio(p.getDouble(prefix + "minAlphaWordRatio", d.minAlphaWordRatio, 0, 1))
        .minStopWords(p.getInt(prefix + "minStopWords", d.minStopWords, 0, 1_000))
        .stopWordLanguages(p.getList(prefix + "stopWordLanguages", d.stopWordLanguages))
        .stopWords(p.getList(prefix + "stopWords", d.stopWords));
    return FilterSupport.build(owner, b::build);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return params("");
  }

  Map<String, Object> params(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "minWords", minWords);
    m.put(prefix + "maxWords", maxWords);
    m.put(prefix + "minMeanWordLength", minMeanWordLength);
    m.put(prefix + "maxMeanWordLength", maxMeanWordLength);
    m.put(prefix + "maxSymbolWordRatio", maxSymbolWordRatio);
    m.put(prefix + "maxBulletLineRatio", maxBulletLineRatio);
    m.put(prefix + "maxEllipsisLineRatio", maxEllipsisLineRatio);
    m.put(prefix + "minAlphaWordRatio", minAlphaWordRatio);
    m.put(prefix + "minStopWords", minStopWords);
    m.put(prefix + "stopWordLanguages", stopWordLanguages);
    m.put(prefix + "stopWords", stopWords);
    return m;
  }

  public int minWords() {
    return minWords;
  }

  public int maxWords() {
    return maxWords;
  }

  public double minMeanWordLength() {
    return minMeanWordLength;
  }

  public double maxMeanWordLength() {
    return maxMeanWordLength;
  }

  public double maxSymbolWordRatio() {
    return maxSymbolWordRatio;
  }

  public double maxBulletLineRatio() {
    return maxBulletLineRatio;
  }

  public double maxEllipsisLineRatio() {
    return maxEllipsisLineRatio;
  }

  public double minAlphaWordRatio() {
    return minAlphaWordRatio;
  }

  public int minStopWords() {
    return minStopWords;
  }

  public List<String> stopWordLanguages() {
    return stopWordLanguages;
  }

  public List<String> stopWords() {
    return stopWords;
  }

  /** The stop words in effect: the languages' lists and the extra words, in that order. */
  public Set<String> effectiveStopWords() {
    Set<String> all = new LinkedHashSet<>();
    for (String language : stopWordLanguages) {
      all.addAll(StopWords.of(language));
    }
    all.addAll(stopWords);
    return all;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GopherQualityConfig c && minWords == c.minWords
        && maxWords == c.maxWords && minMeanWordLength == c.minMeanWordLength
        && maxMeanWordLength == c.maxMeanWordLength
        && maxSymbolWordRatio == c.maxSymbolWordRatio
        && maxBulletLineRatio == c.maxBulletLineRatio
        && maxEllipsisLineRatio == c.maxEllipsisLineRatio
        && minAlphaWordRatio == c.minAlphaWordRatio && minStopWords == c.minStopWords
        && stopWordLanguages.equals(c.stopWordLanguages) && stopWords.equals(c.stopWords);
  }

  @Override
  public int hashCode() {
    return Objects.hash(minWords, maxWords, minMeanWordLength, maxMeanWordLength,
        maxSymbolWordRatio, maxBulletLineRatio, maxEllipsisLineRatio, minAlphaWordRatio,
        minStopWords, stopWordLanguages, stopWords);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link GopherQualityConfig}; starts from the defaults. */
  public static final class Builder {
    private int minWords = 50;
    private int maxWords = 100_000;
    private double minMeanWordLength = 3;
    private double maxMeanWordLength = 10;
    private double maxSymbolWordRatio = 0.1;
    private double maxBulletLineRatio = 0.9;
    private double maxEllipsisLineRatio = 0.3;
    private double minAlphaWordRatio = 0.8;
    private int minStopWords = 2;
    private List<String> stopWordLanguages = List.of("en");
    private List<String> stopWords = List.of();

    private Builder() {
    }

    /** Fewest non-symbol words a document may have; 0 for no minimum. */
    public Builder minWords(int value) {
      minWords = value;
      return this;
    }

    /** Most non-symbol words a document may have; 0 for no maximum. */
    public Builder maxWords(int value) {
      maxWords = value;
      return this;
    }

    /** Smallest mean length of the non-symbol words; 0 for no minimum. */
    public Builder minMeanWordLength(double value) {
      minMeanWordLength = value;
      return this;
    }

    /** Largest mean length of the non-symbol words; 0 for no maximum. */
    public Builder maxMeanWordLength(double value) {
      maxMeanWordLength = value;
      return this;
    }

    /** Most '#', and separately most ellipses, per word; 0 for no limit. */
    public Builder maxSymbolWordRatio(double value) {
      maxSymbolWordRatio = value;
      return this;
    }

    /** Largest share of lines starting with a bullet ('•' or '-'); 0 for no limit. */
    public Builder maxBulletLineRatio(double value) {
      maxBulletLineRatio = value;
      return this;
    }

    /** Largest share of lines ending with an ellipsis; 0 for no limit. */
    public Builder maxEllipsisLineRatio(double value) {
      maxEllipsisLineRatio = value;
      return this;
    }

    /** Smallest share of words with at least one letter; 0 for no minimum. */
    public Builder minAlphaWordRatio(double value) {
      minAlphaWordRatio = value;
      return this;
    }

    /** Fewest distinct stop words a document must use; 0 to skip the rule. */
    public Builder minStopWords(int value) {
      minStopWords = value;
      return this;
    }

    /** ISO 639-1 codes whose stop words count (see {@link StopWords#languages()}). */
    public Builder stopWordLanguages(List<String> value) {
      stopWordLanguages = List.copyOf(value);
      return this;
    }

    /** Further stop words, matched exactly. */
    public Builder stopWords(List<String> value) {
      stopWords = List.copyOf(value);
      return this;
    }

    public GopherQualityConfig build() {
      checkArgument(minWords >= 0 && maxWords >= 0, "word limits must be >= 0 (0 disables)");
      checkArgument(maxWords == 0 || minWords <= maxWords,
          "minWords (%s) must not exceed maxWords (%s)", minWords, maxWords);
      checkArgument(minMeanWordLength >= 0 && maxMeanWordLength >= 0,
          "mean word lengths must be >= 0 (0 disables)");
      checkArgument(maxMeanWordLength == 0 || minMeanWordLength <= maxMeanWordLength,
          "minMeanWordLength (%s) must not exceed maxMeanWordLength (%s)", minMeanWordLength,
          maxMeanWordLength);
      checkArgument(maxSymbolWordRatio >= 0, "maxSymbolWordRatio must be >= 0");
      checkArgument(maxBulletLineRatio >= 0 && maxBulletLineRatio <= 1,
          "maxBulletLineRatio must be within [0, 1]");
      checkArgument(maxEllipsisLineRatio >= 0 && maxEllipsisLineRatio <= 1,
          "maxEllipsisLineRatio must be within [0, 1]");
      checkArgument(minAlphaWordRatio >= 0 && minAlphaWordRatio <= 1,
          "minAlphaWordRatio must be within [0, 1]");
      checkArgument(minStopWords >= 0, "minStopWords must be >= 0");
      for (String language : stopWordLanguages) {
        checkArgument(StopWords.languages().contains(language),
            "no stop-word list for language '%s'; available: %s", language,
            StopWords.languages());
      }
      for (String word : stopWords) {
        checkArgument(!word.isBlank(), "stop words must not be blank");
      }
      checkArgument(minStopWords == 0 || !stopWordLanguages.isEmpty() || !stopWords.isEmpty(),
          "minStopWords is %s but no stop words are configured", minStopWords);
      checkArgument(new ArrayList<>(new LinkedHashSet<>(stopWordLanguages)).size()
          == stopWordLanguages.size(), "stopWordLanguages has duplicates: %s", stopWordLanguages);
      return new GopherQualityConfig(this);
    }
  }
}
