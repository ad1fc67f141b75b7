package io.llmtrain.tokenize.text;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   <li>{@code minWordLength = 4}: shorter words are never changed in running text (on the
 *       fortunes corpus three-letter "typos" were mostly foreign words: les, ist, ese).
 *   <li>{@code sentenceStart = false}: when true, capitalized words at the start of a sentence
 *       are corrected too; off by default because there they are as often names ("Humpty",
 *       "Maryel") as misspelled common words.
 *   <li>{@code alsoAccept}: languages whose dictionaries also count a word as correct, for text
 *       that mixes languages; by default {@code [en]} for Portuguese (English words are common in
 *       Portuguese text: "File not found" must not become "File no round") and {@code []} for
 *       English.
 * </ul>
 */
public final class SpellcheckConfig implements StageSpec {
  public static final String NAME = "spellcheck";

  private final String language;
  private final int minFrequencyGap;
  private final int minWordLength;
  private final boolean sentenceStart;
  private final List<String> alsoAccept;

  private SpellcheckConfig(Builder b, List<String> alsoAccept) {
    this.language = b.language;
    this.minFrequencyGap = b.minFrequencyGap;
    this.minWordLength = b.minWordLength;
    this.sentenceStart = b.sentenceStart;
    this.alsoAccept = alsoAccept;
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
        .minWordLength(p.getInt("minWordLength", d.minWordLength, 1, Builder.MAX_LENGTH))
        .sentenceStart(p.getBoolean("sentenceStart", d.sentenceStart));
    if (p.has("alsoAccept")) {
      b.alsoAccept(p.getList("alsoAccept", List.of()));
    }
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
    m.put("sentenceStart", sentenceStart);
    m.put("alsoAccept", alsoAccept);
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

  public boolean sentenceStart() {
    return sentenceStart;
  }

  /** Languages whose dictionaries also count a word as correct (resolved default included). */
  public List<String> alsoAccept() {
    return alsoAccept;
  }

  public Builder toBuilder() {
    return builder().language(language).minFrequencyGap(minFrequencyGap)
        .minWordLength(minWordLength).sentenceStart(sentenceStart).alsoAccept(alsoAccept);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpellcheckConfig c && language.equals(c.language)
        && minFrequencyGap == c.minFrequencyGap && minWordLength == c.minWordLength
        && sentenceStart == c.sentenceStart && alsoAccept.equals(c.alsoAccept);
  }

  @Override
  public int hashCode() {
    return Objects.hash(language, minFrequencyGap, minWordLength, sentenceStart, alsoAccept);
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
    private int minWordLength = 4;
    private boolean sentenceStart = false;
    /** Null: the language's default. */
    private List<String> alsoAccept;

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

    public Builder sentenceStart(boolean sentenceStart) {
      this.sentenceStart = sentenceStart;
      return this;
    }

    /** Languages whose dictionaries also count as correct; null restores the default. */
    public Builder alsoAccept(List<String> languages) {
      this.alsoAccept = languages == null ? null
          : languages.stream().map(Languages::normalize).toList();
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
      List<String> accepted = alsoAccept != null ? alsoAccept
          : language.startsWith("en") ? List.of() : List.of("en");
      for (String other : accepted) {
        if (!SpellChecker.supports(other)) {
          throw Languages.unsupported("spelling dictionary (in alsoAccept)", other,
              SpellChecker.supportedLanguages());
        }
      }
      return new SpellcheckConfig(this, accepted);
    }
  }
}
