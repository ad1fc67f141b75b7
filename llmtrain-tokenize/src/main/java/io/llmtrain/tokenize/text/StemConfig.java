package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of stemming (processor {@code stem}): every word of the text is replaced by its
 * lower-case Snowball stem; whitespace, punctuation, URLs, code and words with digits stay.
 * Defaults: {@code language = en} (see {@link Stemmer#supportedLanguages()}).
 */
public final class StemConfig implements StageSpec {
  public static final String NAME = "stem";

  private final String language;

  private StemConfig(Builder b) {
    this.language = b.language;
  }

  public static StemConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static StemConfig fromParams(Params p) {
    Builder b = builder().language(p.getString("language", defaults().language));
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
    return Collections.unmodifiableMap(m);
  }

  public String language() {
    return language;
  }

  public Builder toBuilder() {
    return builder().language(language);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StemConfig c && language.equals(c.language);
  }

  @Override
  public int hashCode() {
    return language.hashCode();
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link StemConfig}; starts from the defaults. */
  public static final class Builder {
    private String language = "en";

    private Builder() {
    }

    public Builder language(String language) {
      this.language = Languages.normalize(requireNonNull(language, "language"));
      return this;
    }

    /** Fails for a language without a Snowball stemmer, listing those there are. */
    public StemConfig build() {
      Stemmer.forLanguage(language);
      return new StemConfig(this);
    }
  }
}
