package io.llmtrain.tokenize.text;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of stop-word removal (processor {@code stopwords}). Defaults:
 *
 * <ul>
 *   <li>{@code language = en}: the language whose shipped Snowball list is used (see
 *       {@link StopWords#supportedLanguages()}), and whose rules lower-case words for matching.
 *   <li>{@code shipped = true}: start from that shipped list; false starts from an empty list.
 *   <li>{@code extraWords = []}: words to remove as well.
 *   <li>{@code keepWords = []}: words of the list to keep (for example {@code não} and
 *       {@code not}, which carry the meaning in sentiment tasks).
 *   <li>{@code file = ""}: a UTF-8 file of further stop words, one or more per line, {@code |}
 *       or {@code #} starting comments; empty for none.
 * </ul>
 */
public final class StopWordsConfig implements StageSpec {
  public static final String NAME = "stopwords";

  private final String language;
  private final boolean shipped;
  private final List<String> extraWords;
  private final List<String> keepWords;
  private final Path file;

  private StopWordsConfig(Builder b) {
    this.language = b.language;
    this.shipped = b.shipped;
    this.extraWords = b.extraWords;
    this.keepWords = b.keepWords;
    this.file = b.file;
  }

  public static StopWordsConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static StopWordsConfig fromParams(Params p) {
    StopWordsConfig d = defaults();
    String fileName = p.getString("file", "");
    Builder b = builder()
        .language(p.getString("language", d.language))
        .shipped(p.getBoolean("shipped", d.shipped))
        .extraWords(p.getList("extraWords", d.extraWords))
        .keepWords(p.getList("keepWords", d.keepWords))
        .file(fileName.isBlank() ? null : Path.of(fileName.trim()));
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
    m.put("shipped", shipped);
    m.put("extraWords", extraWords);
    m.put("keepWords", keepWords);
    m.put("file", file == null ? "" : file.toString());
    return Collections.unmodifiableMap(m);
  }

  public String language() {
    return language;
  }

  public boolean shipped() {
    return shipped;
  }

  public List<String> extraWords() {
    return extraWords;
  }

  public List<String> keepWords() {
    return keepWords;
  }

  /** The user's stop-word file, or null. */
  public Path file() {
    return file;
  }

  public Builder toBuilder() {
    return builder().language(language).shipped(shipped).extraWords(extraWords)
        .keepWords(keepWords).file(file);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StopWordsConfig c && language.equals(c.language) && shipped == c.shipped
        && extraWords.equals(c.extraWords) && keepWords.equals(c.keepWords)
        && Objects.equals(file, c.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(language, shipped, extraWords, keepWords, file);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link StopWordsConfig}; starts from the defaults. */
  public static final class Builder {
    private String language = "en";
    private boolean shipped = true;
    private List<String> extraWords = List.of();
    private List<String> keepWords = List.of();
    private Path file;

    private Builder() {
    }

    public Builder language(String language) {
      this.language = Languages.normalize(requireNonNull(language, "language"));
      return this;
    }

    public Builder shipped(boolean shipped) {
      this.shipped = shipped;
      return this;
    }

    public Builder extraWords(List<String> words) {
      this.extraWords = cleaned(words, "extraWords");
      return this;
    }

    public Builder keepWords(List<String> words) {
      this.keepWords = cleaned(words, "keepWords");
      return this;
    }

    /** A file of further stop words; null for none. */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    private static List<String> cleaned(List<String> words, String field) {
      requireNonNull(words, field);
      for (String w : words) {
        checkArgument(w != null && !w.isBlank(), "%s must not hold blank words, got %s", field,
            words);
      }
      return words.stream().map(String::trim).toList();
    }

    public StopWordsConfig build() {
      checkArgument(!language.isEmpty(), "language must not be empty");
      if (shipped) {
        String base = language.contains("-") ? language.substring(0, language.indexOf('-'))
            : language;
        if (!StopWords.supportedLanguages().contains(base)) {
          throw Languages.unsupported("shipped stop-word list (set shipped=false to use only "
              + "your own words)", language, StopWords.supportedLanguages());
        }
      }
      return new StopWordsConfig(this);
    }
  }
}
