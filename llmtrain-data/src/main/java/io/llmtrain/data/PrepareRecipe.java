package io.llmtrain.data;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.data.clean.CleanConfig;
import io.llmtrain.data.dedup.DedupConfig;
import io.llmtrain.data.dedup.NearDedupConfig;
import io.llmtrain.data.extract.EmailConfig;
import io.llmtrain.data.extract.ExtractConfig;
import io.llmtrain.data.extract.HtmlConfig;
import io.llmtrain.data.filter.GopherQualityConfig;
import io.llmtrain.data.filter.LanguageConfig;
import io.llmtrain.data.filter.QualityConfig;
import io.llmtrain.data.filter.StopWords;
import io.llmtrain.data.normalize.NormalizeConfig;
import io.llmtrain.data.normalize.Placeholder;
import io.llmtrain.data.repair.RepairConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default data-preparation chain, as {@code llmtrain prepare} runs it:
 * extract (e-mail, HTML or either by content, when asked) → repair → clean → quality filters → language filter (when
 * languages are given) → normalize → exact dedup → near dedup (when asked).
 *
 * <p>Why this order: repair first so every later stage sees proper text; cleaning removes
 * boilerplate before the quality rules count lines and words; quality and language filters look at
 * text before lower-casing and placeholders change its statistics; normalization comes right before
 * deduplication so that duplicates are found on normalized text.
 */
public final class PrepareRecipe {
  /** What raw input needs extracting first. */
  public enum Extract {
    /** The input is already plain text. */
    NONE,
    /** Each document is a raw RFC 822 message. */
    EMAIL,
    /** Each document is an HTML page. */
    HTML,
    /** Decide per document, from its {@code format} metadata or its content. */
    AUTO
  }

  private final Extract extract;
  private final List<String> languages;
  private final boolean quality;
  private final boolean dedup;
  private final boolean nearDedup;
  private final boolean lowercase;
  private final Set<String> placeholders;

  private PrepareRecipe(Builder b) {
    this.extract = b.extract;
    this.languages = List.copyOf(b.languages);
    this.quality = b.quality;
    this.dedup = b.dedup;
    this.nearDedup = b.nearDedup;
    this.lowercase = b.lowercase;
    this.placeholders = Set.copyOf(b.placeholders);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The stage configurations, in order. */
  public List<StageSpec> stages() {
    List<StageSpec> stages = new ArrayList<>();
    switch (extract) {
      case EMAIL -> stages.add(EmailConfig.defaults());
      case HTML -> stages.add(HtmlConfig.defaults());
      case AUTO -> stages.add(ExtractConfig.defaults());
      case NONE -> { }
    }
    stages.add(RepairConfig.defaults());
    stages.add(CleanConfig.defaults());
    if (quality) {
      // Gopher's stop-word rule counts English stop words; a corpus in other languages needs
      // their lists too, or it would be rejected wholesale. A language without a shipped list
      // switches the rule off rather than having all its documents rejected.
      GopherQualityConfig.Builder gopher = GopherQualityConfig.builder();
      if (!languages.isEmpty()) {
        if (StopWords.languages().containsAll(languages)) {
          gopher.stopWordLanguages(languages);
        } else {
          gopher.minStopWords(0);
        }
      }
      stages.add(QualityConfig.builder().gopherQuality(gopher.build()).build());
    }
    if (!languages.isEmpty()) {
      Set<String> candidates = new LinkedHashSet<>(LanguageConfig.DEFAULT_CANDIDATES);
      candidates.addAll(languages);
      stages.add(LanguageConfig.builder().languages(languages)
          .candidates(List.copyOf(candidates)).build());
    }
    NormalizeConfig.Builder norm = NormalizeConfig.builder().lowercase(lowercase);
    if (!placeholders.isEmpty()) {
      norm.placeholders(placeholders.stream()
          .map(k -> Placeholder.valueOf(k.toUpperCase(Locale.ROOT)))
          .collect(java.util.stream.Collectors.toCollection(
              () -> java.util.EnumSet.noneOf(Placeholder.class))));
    }
    stages.add(norm.build());
    if (dedup) {
      stages.add(DedupConfig.defaults());
    }
    if (nearDedup) {
      stages.add(NearDedupConfig.defaults());
    }
    return List.copyOf(stages);
  }

  /** Appends this chain's stages to a pipeline. */
  public Pipeline applyTo(Pipeline pipeline) {
    Pipeline p = pipeline;
    for (StageSpec s : stages()) {
      p = p.apply(s);
    }
    return p;
  }

  public static final class Builder {
    private static final Set<String> PLACEHOLDERS = Set.of("url", "email", "date", "number");

    private Extract extract = Extract.NONE;
    private List<String> languages = List.of();
    private boolean quality = true;
    private boolean dedup = true;
    private boolean nearDedup;
    private boolean lowercase;
    private Set<String> placeholders = Set.of();

    public Builder extract(Extract value) {
      this.extract = value;
      return this;
    }

    /** ISO 639-1 codes; documents in other languages are rejected. Empty: no language filter. */
    public Builder languages(List<String> codes) {
      for (String c : codes) {
        checkArgument(c.matches("[a-z]{2}"), "language '%s' is not an ISO 639-1 code like 'en'",
            c);
      }
      this.languages = List.copyOf(codes);
      return this;
    }

    public Builder quality(boolean value) {
      this.quality = value;
      return this;
    }

    public Builder dedup(boolean value) {
      this.dedup = value;
      return this;
    }

    public Builder nearDedup(boolean value) {
      this.nearDedup = value;
      return this;
    }

    public Builder lowercase(boolean value) {
      this.lowercase = value;
      return this;
    }

    public Builder placeholders(Set<String> kinds) {
      for (String k : kinds) {
        checkArgument(PLACEHOLDERS.contains(k.toLowerCase(Locale.ROOT)),
            "unknown placeholder kind '%s'; known: %s", k, new TreeSet<>(PLACEHOLDERS));
      }
      this.placeholders = Set.copyOf(kinds);
      return this;
    }

    public PrepareRecipe build() {
      return new PrepareRecipe(this);
    }
  }
}
