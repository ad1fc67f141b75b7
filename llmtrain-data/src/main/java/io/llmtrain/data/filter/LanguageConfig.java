package io.llmtrain.data.filter;

import static com.google.common.base.Preconditions.checkArgument;

import com.github.pemistahl.lingua.api.Language;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration of the {@code language} filter (see {@link LanguageFilter}).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>languages</td><td>(required)</td><td>ISO 639-1 codes to keep, e.g. [en, pt]</td></tr>
 *   <tr><td>candidates</td><td>[en, pt, es, fr, de]</td><td>languages the detector chooses
 *       among; must include every kept language (any of lingua's 75 may be named)</td></tr>
 *   <tr><td>threshold</td><td>0.65</td><td>smallest score to keep a document (datatrove's
 *       language_threshold default)</td></tr>
 *   <tr><td>maxChars</td><td>2000</td><td>only this many leading characters are classified; 0
 *       for the whole text</td></tr>
 *   <tr><td>lowAccuracyMode</td><td>true</td><td>lingua's low-accuracy mode: trigram models only,
 *       a fifth of the memory and about twice the speed; it loses accuracy only on texts shorter
 *       than 120 characters</td></tr>
 * </table>
 */
public final class LanguageConfig implements StageSpec {
  public static final String NAME = "language";

  /** Candidates when none are given. */
  public static final List<String> DEFAULT_CANDIDATES = List.of("en", "pt", "es", "fr", "de");

  private final List<String> languages;
  private final List<String> candidates;
  private final double threshold;
  private final int maxChars;
  private final boolean lowAccuracyMode;

  private LanguageConfig(Builder b) {
    languages = List.copyOf(b.languages);
    candidates = List.copyOf(b.candidates);
    threshold = b.threshold;
    maxChars = b.maxChars;
    lowAccuracyMode = b.lowAccuracyMode;
  }

  /** Keeps documents in these languages (ISO 639-1), other settings at their defaults. */
  public static LanguageConfig of(String... languages) {
    return builder().languages(List.of(languages)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .languages(languages)
        .candidates(candidates)
        .threshold(threshold)
        .maxChars(maxChars)
        .lowAccuracyMode(lowAccuracyMode);
  }

  /** Reads every parameter and rejects unknown ones; {@code languages} is required. */
  public static LanguageConfig fromParams(Params p) {
    if (!p.has("languages")) {
      throw new ConfigException("Parameter 'languages' of '" + NAME
          + "' is required: the ISO 639-1 codes of the languages to keep, e.g. [en, pt]");
    }
    Builder b = builder()
        .languages(p.getList("languages", List.of()))
        .candidates(p.getList("candidates", DEFAULT_CANDIDATES))
        .threshold(p.getDouble("threshold", 0.65, 0, 1))
        .maxChars(p.getInt("maxChars", 2000, 0, Integer.MAX_VALUE))
        .lowAccuracyMode(p.getBoolean("lowAccuracyMode", true));
    p.finish();
    return FilterSupport.build(NAME, b::build);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("languages", languages);
    m.put("candidates", candidates);
    m.put("threshold", threshold);
    m.put("maxChars", maxChars);
    m.put("lowAccuracyMode", lowAccuracyMode);
    return m;
  }

  public List<String> languages() {
    return languages;
  }

  public List<String> candidates() {
    return candidates;
  }

  public double threshold() {
    return threshold;
  }

  public int maxChars() {
    return maxChars;
  }

  public boolean lowAccuracyMode() {
    return lowAccuracyMode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LanguageConfig c && languages.equals(c.languages)
        && candidates.equals(c.candidates) && threshold == c.threshold
        && maxChars == c.maxChars && lowAccuracyMode == c.lowAccuracyMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(languages, candidates, threshold, maxChars, lowAccuracyMode);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** lingua's languages by ISO 639-1 code. */
  static final Map<String, Language> BY_CODE;

  static {
    Map<String, Language> byCode = new TreeMap<>();
    for (Language l : Language.values()) {
      if (l != Language.UNKNOWN) {
        byCode.put(l.getIsoCode639_1().toString().toLowerCase(Locale.ROOT), l);
      }
    }
    BY_CODE = byCode;
  }

  /** Builds a {@link LanguageConfig}; {@link #languages} must be set. */
  public static final class Builder {
    private List<String> languages = List.of();
    private List<String> candidates = DEFAULT_CANDIDATES;
    private double threshold = 0.65;
    private int maxChars = 2000;
    private boolean lowAccuracyMode = true;

    private Builder() {
    }

    /** ISO 639-1 codes of the languages to keep. Required. */
    public Builder languages(List<String> value) {
      languages = normalize(value);
      return this;
    }

    /** ISO 639-1 codes of the languages the detector chooses among (at least two). */
    public Builder candidates(List<String> value) {
      candidates = normalize(value);
      return this;
    }

    /** Smallest score (from 0 to 1) a kept document's language must reach. */
    public Builder threshold(double value) {
      threshold = value;
      return this;
    }

    /** Leading characters classified; 0 for the whole text. */
    public Builder maxChars(int value) {
      maxChars = value;
      return this;
    }

    /** lingua's low-accuracy mode (trigrams only). */
    public Builder lowAccuracyMode(boolean value) {
      lowAccuracyMode = value;
      return this;
    }

    private static List<String> normalize(List<String> codes) {
      Set<String> out = new LinkedHashSet<>();
      for (String code : codes) {
        out.add(code.trim().toLowerCase(Locale.ROOT));
      }
      return List.copyOf(out);
    }

    public LanguageConfig build() {
      checkArgument(!languages.isEmpty(),
          "'languages' is required: the ISO 639-1 codes of the languages to keep, e.g. [en, pt]");
      checkArgument(candidates.size() >= 2,
          "'candidates' needs at least two languages to choose among, got %s", candidates);
      for (String code : candidates) {
        checkArgument(BY_CODE.containsKey(code),
            "unknown or unsupported language code '%s'; lingua supports: %s", code,
            BY_CODE.keySet());
      }
      for (String code : languages) {
        checkArgument(candidates.contains(code),
            "language '%s' is kept but is not among the candidates %s; add it to 'candidates'",
            code, candidates);
      }
      checkArgument(threshold >= 0 && threshold <= 1, "threshold must be within [0, 1], got %s",
          threshold);
      checkArgument(maxChars >= 0, "maxChars must be >= 0 (0: whole text), got %s", maxChars);
      return new LanguageConfig(this);
    }
  }
}
