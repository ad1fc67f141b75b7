package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Configuration of the {@code boilerplate} stage ({@link BoilerplateRemover}).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code languages} (default {@code en, pt}): which shipped phrase lists to use.
 *   <li>{@code maxLineWords} (default 20): a line with more words is content, whatever phrase
 *       it contains (phrases tagged {@code [any]}, such as "lorem ipsum", excepted).
 *   <li>{@code separatorLines} (default true): remove lines made only of symbols ("-----",
 *       "* * *", "=== ===").
 *   <li>{@code copyrightLines} (default true): remove short copyright notices ("© 2024 Acme",
 *       "Copyright (c) 2019-2024 The Authors").
 *   <li>{@code extraPhrases} (default none): more phrases, in the list-file syntax (a plain phrase
 *       marks short lines that contain it, {@code [line] phrase} lines that consist of nothing but
 *       such phrases, {@code [any] phrase} lines of any length).
 *   <li>{@code extraPatterns} (default none): Java regular expressions; a line in which one is
 *       found is removed, whatever its length. Each costs a regex search per line.
 * </ul>
 */
public final class BoilerplateConfig implements StageSpec {
  public static final String NAME = "boilerplate";
  /** Languages with a shipped phrase list. */
  public static final List<String> SUPPORTED_LANGUAGES = List.of("en", "pt");
  public static final int DEFAULT_MAX_LINE_WORDS = 20;

  private static final BoilerplateConfig DEFAULTS = builder().build();

  private final List<String> languages;
  private final int maxLineWords;
  private final boolean separatorLines;
  private final boolean copyrightLines;
  private final List<String> extraPhrases;
  private final List<String> extraPatterns;

  private BoilerplateConfig(Builder b) {
    this.languages = List.copyOf(b.languages);
    this.maxLineWords = b.maxLineWords;
    this.separatorLines = b.separatorLines;
    this.copyrightLines = b.copyrightLines;
    this.extraPhrases = List.copyOf(b.extraPhrases);
    this.extraPatterns = List.copyOf(b.extraPatterns);
  }

  public static BoilerplateConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static BoilerplateConfig fromParams(Params p) {
    Builder b = read(p, "");
    p.finish();
    return Configs.build(NAME, b::build);
  }

  static Builder read(Params p, String prefix) {
    Builder b = builder();
    b.languages(p.getList(prefix + "languages", b.languages));
    b.maxLineWords(p.getInt(prefix + "maxLineWords", b.maxLineWords, 1, 100_000));
    b.separatorLines(p.getBoolean(prefix + "separatorLines", b.separatorLines));
    b.copyrightLines(p.getBoolean(prefix + "copyrightLines", b.copyrightLines));
    b.extraPhrases(p.getList(prefix + "extraPhrases", b.extraPhrases));
    b.extraPatterns(p.getList(prefix + "extraPatterns", b.extraPatterns));
    return b;
  }

  public List<String> languages() {
    return languages;
  }

  public int maxLineWords() {
    return maxLineWords;
  }

  public boolean separatorLines() {
    return separatorLines;
  }

  public boolean copyrightLines() {
    return copyrightLines;
  }

  public List<String> extraPhrases() {
    return extraPhrases;
  }

  public List<String> extraPatterns() {
    return extraPatterns;
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
    m.put(prefix + "languages", languages);
    m.put(prefix + "maxLineWords", maxLineWords);
    m.put(prefix + "separatorLines", separatorLines);
    m.put(prefix + "copyrightLines", copyrightLines);
    m.put(prefix + "extraPhrases", extraPhrases);
    m.put(prefix + "extraPatterns", extraPatterns);
    return m;
  }

  public Builder toBuilder() {
    return builder().languages(languages).maxLineWords(maxLineWords)
        .separatorLines(separatorLines).copyrightLines(copyrightLines)
        .extraPhrases(extraPhrases).extraPatterns(extraPatterns);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BoilerplateConfig c && languages.equals(c.languages)
        && maxLineWords == c.maxLineWords && separatorLines == c.separatorLines
        && copyrightLines == c.copyrightLines && extraPhrases.equals(c.extraPhrases)
        && extraPatterns.equals(c.extraPatterns);
  }

  @Override
  public int hashCode() {
    return Objects.hash(languages, maxLineWords, separatorLines, copyrightLines, extraPhrases,
        extraPatterns);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link BoilerplateConfig}; starts from the defaults. */
  public static final class Builder {
    private List<String> languages = SUPPORTED_LANGUAGES;
    private int maxLineWords = DEFAULT_MAX_LINE_WORDS;
    private boolean separatorLines = true;
    private boolean copyrightLines = true;
    private List<String> extraPhrases = List.of();
    private List<String> extraPatterns = List.of();

    private Builder() {
    }

    public Builder languages(List<String> languages) {
      this.languages = List.copyOf(requireNonNull(languages, "languages"));
      return this;
    }

    public Builder maxLineWords(int maxLineWords) {
      this.maxLineWords = maxLineWords;
      return this;
    }

    public Builder separatorLines(boolean separatorLines) {
      this.separatorLines = separatorLines;
      return this;
    }

    public Builder copyrightLines(boolean copyrightLines) {
      this.copyrightLines = copyrightLines;
      return this;
    }

    public Builder extraPhrases(List<String> extraPhrases) {
      this.extraPhrases = List.copyOf(requireNonNull(extraPhrases, "extraPhrases"));
      return this;
    }

    public Builder extraPatterns(List<String> extraPatterns) {
      this.extraPatterns = List.copyOf(requireNonNull(extraPatterns, "extraPatterns"));
      return this;
    }

    public BoilerplateConfig build() {
      for (String language : languages) {
        checkArgument(SUPPORTED_LANGUAGES.contains(language),
            "no boilerplate list for language '%s'; supported: %s", language,
            String.join(", ", SUPPORTED_LANGUAGES));
      }
      checkArgument(maxLineWords >= 1, "maxLineWords must be at least 1, got %s", maxLineWords);
      for (String phrase : extraPhrases) {
        checkArgument(WordMatcher.splitWords(WordLists.tag(phrase)[1]).length > 0,
            "the extra boilerplate phrase '%s' has no words", phrase);
      }
      for (String pattern : extraPatterns) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("the extra boilerplate pattern '" + pattern
              + "' is not a valid regular expression: " + e.getDescription(), e);
        }
      }
      return new BoilerplateConfig(this);
    }
  }
}
