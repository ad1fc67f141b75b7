package io.llmtrain.data;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** The stage specifications, in order. */
  public List<StageSpec> stages() {
    List<StageSpec> stages = new ArrayList<>();
    if (extract == Extract.EMAIL) {
      stages.add(StageSpec.of("email"));
    } else if (extract == Extract.HTML) {
      stages.add(StageSpec.of("html"));
    } else if (extract == Extract.AUTO) {
      stages.add(StageSpec.of("extract"));
    }
    stages.add(StageSpec.of("repair"));
    stages.add(StageSpec.of("clean"));
    if (quality) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (!languages.isEmpty()) {
        q.put("stopWordLanguages", languages);
      }
      stages.add(StageSpec.of("quality", q));
    }
    if (!languages.isEmpty()) {
      stages.add(StageSpec.of("language", Map.of("languages", languages)));
    }
    Map<String, Object> norm = new LinkedHashMap<>();
    if (lowercase) {
      norm.put("lowercase", true);
    }
    if (!placeholders.isEmpty()) {
      norm.put("placeholders", List.copyOf(new TreeSet<>(placeholders)));
    }
    stages.add(StageSpec.of("normalize", norm));
    if (dedup) {
      stages.add(StageSpec.of("dedup"));
    }
    if (nearDedup) {
      stages.add(StageSpec.of("near-dedup"));
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
