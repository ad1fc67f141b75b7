package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@code offensive} stage ({@link OffensiveFilter}).
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code mode} ({@code reject} or {@code mask}, default {@code reject}).
 *   <li>{@code maxRatio} (default 0.01, from 0 to 1): in {@code reject} mode a document is
 *       rejected when offensive words / all words is above this.
 *   <li>{@code mask} (default {@code ****}): in {@code mask} mode, what replaces each word of a
 *       match.
 *   <li>{@code languages} (default {@code en, pt}): which shipped word lists to use.
 *   <li>{@code extraWords} (default none): more words or phrases, in the list-file syntax
 *       ({@code word}, {@code prefix*}, {@code [allow] word}).
 *   <li>{@code extraFiles} (default none): paths of UTF-8 list files in that syntax.
 *   <li>{@code allow} (default none): words or phrases that are never offensive.
 * </ul>
 */
public final class OffensiveConfig implements StageSpec {
  public static final String NAME = "offensive";
  /** Languages with a shipped word list. */
  public static final List<String> SUPPORTED_LANGUAGES = List.of("en", "pt");
  public static final double DEFAULT_MAX_RATIO = 0.01;

  /** What happens to a document with offensive words. */
  public enum Mode {
    /** Reject it when the share of offensive words is above {@code maxRatio}. */
    REJECT,
    /** Keep it, with each offensive word replaced by the mask. */
    MASK
  }

  private static final OffensiveConfig DEFAULTS = builder().build();

  private final Mode mode;
  private final double maxRatio;
  private final String mask;
  private final List<String> languages;
  private final List<String> extraWords;
  private final List<String> extraFiles;
  private final List<String> allow;

  private OffensiveConfig(Builder b) {
    this.mode = b.mode;
    this.maxRatio = b.maxRatio;
    this.mask = b.mask;
    this.languages = List.copyOf(b.languages);
    this.extraWords = List.copyOf(b.extraWords);
    this.extraFiles = List.copyOf(b.extraFiles);
    this.allow = List.copyOf(b.allow);
  }

  public static OffensiveConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static OffensiveConfig fromParams(Params p) {
    Builder b = read(p, "");
    p.finish();
    return Configs.build(NAME, b::build);
  }

  static Builder read(Params p, String prefix) {
    Builder b = builder();
    b.mode(p.getEnum(prefix + "mode", Mode.class, b.mode));
    b.maxRatio(p.getDouble(prefix + "maxRatio", b.maxRatio, 0, 1));
    b.mask(p.getString(prefix + "mask", b.mask));
    b.languages(p.getList(prefix + "languages", b.languages));
    b.extraWords(p.getList(prefix + "extraWords", b.extraWords));
    b.extraFiles(p.getList(prefix + "extraFiles", b.extraFiles));
    b.allow(p.getList(prefix + "allow", b.allow));
    return b;
  }

  public Mode mode() {
    return mode;
  }

  public double maxRatio() {
    return maxRatio;
  }

  public String mask() {
    return mask;
  }

  public List<String> languages() {
    return languages;
  }

  public List<String> extraWords() {
    return extraWords;
  }

  public List<String> extraFiles() {
    return extraFiles;
  }

  public List<String> allow() {
    return allow;
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
    m.put(prefix + "mode", mode.name().toLowerCase(Locale.ROOT));
    m.put(prefix + "maxRatio", maxRatio);
    m.put(prefix + "mask", mask);
    m.put(prefix + "languages", languages);
    m.put(prefix + "extraWords", extraWords);
    m.put(prefix + "extraFiles", extraFiles);
    m.put(prefix + "allow", allow);
    return m;
  }

  public Builder toBuilder() {
    return builder().mode(mode).maxRatio(maxRatio).mask(mask).languages(languages)
        .extraWords(extraWords).extraFiles(extraFiles).allow(allow);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OffensiveConfig c && mode == c.mode
        && Double.compare(maxRatio, c.maxRatio) == 0 && mask.equals(c.mask)
        && languages.equals(c.languages) && extraWords.equals(c.extraWords)
        && extraFiles.equals(c.extraFiles) && allow.equals(c.allow);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, maxRatio, mask, languages, extraWords, extraFiles, allow);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds an {@link OffensiveConfig}; starts from the defaults. */
  public static final class Builder {
    private Mode mode = Mode.REJECT;
    private double maxRatio = DEFAULT_MAX_RATIO;
    private String mask = "****";
    private List<String> languages = SUPPORTED_LANGUAGES;
    private List<String> extraWords = List.of();
    private List<String> extraFiles = List.of();
    private List<String> allow = List.of();

    private Builder() {
    }

    public Builder mode(Mode mode) {
      this.mode = requireNonNull(mode, "mode");
      return this;
    }

    public Builder maxRatio(double maxRatio) {
      this.maxRatio = maxRatio;
      return this;
    }

    public Builder mask(String mask) {
      this.mask = requireNonNull(mask, "mask");
      return this;
    }

    public Builder languages(List<String> languages) {
      this.languages = List.copyOf(requireNonNull(languages, "languages"));
      return this;
    }

    public Builder extraWords(List<String> extraWords) {
      this.extraWords = List.copyOf(requireNonNull(extraWords, "extraWords"));
      return this;
    }

    public Builder extraFiles(List<String> extraFiles) {
      this.extraFiles = List.copyOf(requireNonNull(extraFiles, "extraFiles"));
      return this;
    }

    public Builder allow(List<String> allow) {
      this.allow = List.copyOf(requireNonNull(allow, "allow"));
      return this;
    }

    public OffensiveConfig build() {
      checkArgument(maxRatio >= 0 && maxRatio <= 1, "maxRatio must be from 0 to 1, got %s",
          maxRatio);
      checkArgument(!mask.isEmpty() && mask.indexOf('\n') < 0 && mask.indexOf('\r') < 0,
          "the mask must be a non-empty single line, got '%s'", mask);
      for (String language : languages) {
        checkArgument(SUPPORTED_LANGUAGES.contains(language),
            "no offensive word list for language '%s'; supported: %s", language,
            String.join(", ", SUPPORTED_LANGUAGES));
      }
      for (String word : extraWords) {
        checkArgument(WordMatcher.splitWords(WordLists.tag(word)[1]).length > 0,
            "the extra offensive word '%s' has no letters", word);
      }
      for (String word : allow) {
        checkArgument(WordMatcher.splitWords(word).length > 0,
            "the allowed word '%s' has no letters", word);
      }
      return new OffensiveConfig(this);
    }
  }
}
