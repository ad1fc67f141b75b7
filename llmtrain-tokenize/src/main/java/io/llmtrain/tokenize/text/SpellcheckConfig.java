package io.llmtrain.tokenize.text;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of spelling correction (processor {@code spellcheck}, {@link SpellChecker}).
 * Defaults:
 *
 * <ul>
 *   <li>{@code language = en}: en (American), en-GB, en-AU, en-CA, en-NZ, en-ZA, pt
 *       (Brazilian) or pt-PT.
 *   <li>{@code minFrequencyGap = 3}: how many frequency classes (0 to 25) the best candidate
 *       must be ahead of the second one at the same distance; higher is more cautious, 26
 *       accepts only words with a single candidate.
 *   <li>{@code minWordLength = 3}: shorter words are never changed.
 * </ul>
 */
public final class SpellcheckConfig implements StageSpec {
  public static final String NAME = "spellcheck";

  private final String language;
  private final int minFrequencyGap;
  private final int minWordLength;

  private SpellcheckConfig(Builder b) {
    this.language = b.language;
    this.minFrequencyGap = b.minFrequencyGap;
    this.minWordLength = b.minWordLength;
  }

  public static SpellcheckConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static SpellcheckConfig fromParams(Params p) {
    SpellcheckConfig d = defaults();
    Builder b = builder()
        .language(p.getString("language", d.language))
        .minFrequencyGap(p.getInt("minFrequencyGap", d.minFrequencyGap, 0, Builder.MAX_GAP))
        .minWordLength(p.getInt("minWordLength", d.minWordLength, 1, Builder.MAX_LENGTH));
    p.finish();
    return b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("language", language);
    m.put("minFrequencyGap", minFrequencyGap);
    m.put("minWordLength", minWordLength);
    return Collections.unmodifiableMap(m);
  }

  public String language() {
    return language;
  }

  public int minFrequencyGap() {
    return minFrequencyGap;
  }

  public int minWordLength() {
    return minWordLength;
  }

  public Builder toBuilder() {
    return builder().language(language).minFrequencyGap(minFrequencyGap)
        .minWordLength(minWordLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpellcheckConfig c && language.equals(c.language)
        && minFrequencyGap == c.minFrequencyGap && minWordLength == c.minWordLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(language, minFrequencyGap, minWordLength);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link SpellcheckConfig}; starts from the defaults. */
  public static final class Builder {
    static final int MAX_GAP = 26;
    static final int MAX_LENGTH = 100;

    private String language = "en";
    private int minFrequencyGap = 3;
    private int minWordLength = 3;

    private Builder() {
    }

    public Builder language(String language) {
      this.language = Languages.normalize(requireNonNull(language, "language"));
      return this;
    }

    public Builder minFrequencyGap(int gap) {
      this.minFrequencyGap = gap;
      return this;
    }

    public Builder minWordLength(int length) {
      this.minWordLength = length;
      return this;
    }

    public SpellcheckConfig build() {
      if (!SpellChecker.supports(language)) {
        throw Languages.unsupported("spelling dictionary", language,
            SpellChecker.supportedLanguages());
      }
      checkArgument(minFrequencyGap >= 0 && minFrequencyGap <= MAX_GAP,
          "minFrequencyGap must be from 0 to %s, got %s", MAX_GAP, minFrequencyGap);
      checkArgument(minWordLength >= 1 && minWordLength <= MAX_LENGTH,
          "minWordLength must be from 1 to %s, got %s", MAX_LENGTH, minWordLength);
      return new SpellcheckConfig(this);
    }
  }
}
