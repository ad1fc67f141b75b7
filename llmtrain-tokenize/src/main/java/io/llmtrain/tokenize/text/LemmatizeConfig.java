package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of lemmatization (processor {@code lemmatize}): every word the lexicon knows is
 * replaced by its lemma (see {@link Lemmatizer} for how one of several is chosen); unknown words,
 * whitespace, punctuation, URLs, code and words with digits stay. Defaults: {@code language = en}
 * (see {@link Lemmatizer#supportedLanguages()}).
 */
public final class LemmatizeConfig implements StageSpec {
  public static final String NAME = "lemmatize";

  private final String language;

  private LemmatizeConfig(Builder b) {
    this.language = b.language;
  }

  public static LemmatizeConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static LemmatizeConfig fromParams(Params p) {
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
    return o instanceof LemmatizeConfig c && language.equals(c.language);
  }

  @Override
  public int hashCode() {
    return language.hashCode();
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link LemmatizeConfig}; starts from the defaults. */
  public static final class Builder {
    private String language = "en";

    private Builder() {
    }

    public Builder language(String language) {
      this.language = Languages.normalize(requireNonNull(language, "language"));
      return this;
    }

    /** Fails for a language without a lexicon, listing those there are. */
    public LemmatizeConfig build() {
      String base = language.contains("-") ? language.substring(0, language.indexOf('-'))
          : language;
      if (!Lemmatizer.supportedLanguages().contains(base)) {
        throw Languages.unsupported("lemmatizer", language, Lemmatizer.supportedLanguages());
      }
      return new LemmatizeConfig(this);
    }
  }
}
