package io.llmtrain.tokenize.trainer;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.tokenize.pretokenizer.ByteLevelAlphabet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of the {@link BpeTrainer}, named and defaulted as Hugging Face's {@code BpeTrainer}
 * except where noted:
 *
 * <ul>
 *   <li>{@code vocabSize = 30000}: special tokens, alphabet and merges together.
 *   <li>{@code minFrequency = 0}: a pair seen fewer times is never merged.
 *   <li>{@code specialTokens = []}: get the first ids, in this order.
 *   <li>{@code limitAlphabet = 0} (none): keep only the most frequent characters (ties: lower code
 *       point kept); characters dropped are left out of the words.
 *   <li>{@code initialAlphabet}: characters always in the alphabet. Default: the 256 byte-level
 *       symbols (unlike Hugging Face's empty default), so a byte-level tokenizer encodes any text;
 *       set it to {@code ""} for a character-level BPE.
 *   <li>{@code maxTokenLength = 0} (none): merges making a longer token (in characters) are skipped.
 *   <li>{@code continuingSubwordPrefix}, {@code endOfWordSuffix}: null (none).
 *   <li>{@code showProgress = false}: a console progress bar of the merges on standard error
 *       (Hugging Face shows one by default; a library should not print unasked).
 * </ul>
 */
public final class BpeTrainerConfig implements StageSpec {
  public static final String NAME = "bpe";

  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final int limitAlphabet;
  private final String initialAlphabet;
  private final int maxTokenLength;
  private final String continuingSubwordPrefix;
  private final String endOfWordSuffix;
  private final boolean showProgress;

  private BpeTrainerConfig(Builder b) {
    this.showProgress = b.showProgress;
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.specialTokens = List.copyOf(b.specialTokens);
    this.limitAlphabet = b.limitAlphabet;
    this.initialAlphabet = b.initialAlphabet;
    this.maxTokenLength = b.maxTokenLength;
    this.continuingSubwordPrefix = b.continuingSubwordPrefix;
    this.endOfWordSuffix = b.endOfWordSuffix;
  }

  public static BpeTrainerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from parameters (camelCase keys), rejecting unknown keys. */
  public static BpeTrainerConfig fromParams(Params p) {
    BpeTrainerConfig d = defaults();
    Builder b = builder()
        .vocabSize(p.getInt("vocabSize", d.vocabSize, 1, Integer.MAX_VALUE))
        .minFrequency(p.getLong("minFrequency", d.minFrequency, 0, Long.MAX_VALUE))
        .specialTokens(p.getList("specialTokens", d.specialTokens))
        .limitAlphabet(p.getInt("limitAlphabet", d.limitAlphabet, 0, Integer.MAX_VALUE))
        .initialAlphabet(p.getString("initialAlphabet", d.initialAlphabet))
        .maxTokenLength(p.getInt("maxTokenLength", d.maxTokenLength, 0, Integer.MAX_VALUE))
        .continuingSubwordPrefix(p.getString("continuingSubwordPrefix",
            d.continuingSubwordPrefix))
        .endOfWordSuffix(p.getString("endOfWordSuffix", d.endOfWordSuffix))
        .showProgress(p.getBoolean("showProgress", d.showProgress));
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
    m.put("vocabSize", vocabSize);
    m.put("minFrequency", minFrequency);
    m.put("specialTokens", specialTokens);
    m.put("limitAlphabet", limitAlphabet);
    m.put("initialAlphabet", initialAlphabet);
    m.put("maxTokenLength", maxTokenLength);
    if (continuingSubwordPrefix != null) {
      m.put("continuingSubwordPrefix", continuingSubwordPrefix);
    }
    if (endOfWordSuffix != null) {
      m.put("endOfWordSuffix", endOfWordSuffix);
    }
    m.put("showProgress", showProgress);
    return Collections.unmodifiableMap(m);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public long minFrequency() {
    return minFrequency;
  }

  public List<String> specialTokens() {
    return specialTokens;
  }

  public int limitAlphabet() {
    return limitAlphabet;
  }

  public String initialAlphabet() {
    return initialAlphabet;
  }

  public int maxTokenLength() {
    return maxTokenLength;
  }

  public String continuingSubwordPrefix() {
    return continuingSubwordPrefix;
  }

  public String endOfWordSuffix() {
    return endOfWordSuffix;
  }

  public boolean showProgress() {
    return showProgress;
  }

  public Builder toBuilder() {
    return builder().vocabSize(vocabSize).minFrequency(minFrequency).specialTokens(specialTokens)
        .limitAlphabet(limitAlphabet).initialAlphabet(initialAlphabet)
        .maxTokenLength(maxTokenLength).continuingSubwordPrefix(continuingSubwordPrefix)
        .endOfWordSuffix(endOfWordSuffix).showProgress(showProgress);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BpeTrainerConfig c && c.vocabSize == vocabSize
        && c.minFrequency == minFrequency && c.specialTokens.equals(specialTokens)
        && c.limitAlphabet == limitAlphabet && c.initialAlphabet.equals(initialAlphabet)
        && c.maxTokenLength == maxTokenLength
        && Objects.equals(c.continuingSubwordPrefix, continuingSubwordPrefix)
        && Objects.equals(c.endOfWordSuffix, endOfWordSuffix) && c.showProgress == showProgress;
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocabSize, minFrequency, specialTokens, limitAlphabet, initialAlphabet,
        maxTokenLength, continuingSubwordPrefix, endOfWordSuffix, showProgress);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builder of {@link BpeTrainerConfig}; every setter checks its argument. */
  public static final class Builder {
    private int vocabSize = 30_000;
    private long minFrequency = 0;
    private List<String> specialTokens = List.of();
    private int limitAlphabet = 0;
    private String initialAlphabet = ByteLevelAlphabet.alphabet();
    private int maxTokenLength = 0;
    private String continuingSubwordPrefix;
    private String endOfWordSuffix;
    private boolean showProgress;

    private Builder() {
    }

    public Builder vocabSize(int vocabSize) {
      checkArgument(vocabSize > 0, "vocabSize must be > 0, got %s", vocabSize);
      this.vocabSize = vocabSize;
      return this;
    }

    public Builder minFrequency(long minFrequency) {
      checkArgument(minFrequency >= 0, "minFrequency must be >= 0, got %s", minFrequency);
      this.minFrequency = minFrequency;
      return this;
    }

    public Builder specialTokens(List<String> specialTokens) {
      requireNonNull(specialTokens, "specialTokens");
      for (String s : specialTokens) {
        checkArgument(s != null && !s.isEmpty(), "specialTokens must not contain empty tokens: %s",
            specialTokens);
      }
      checkArgument(new LinkedHashSet<>(specialTokens).size() == specialTokens.size(),
          "specialTokens must be distinct: %s", specialTokens);
      this.specialTokens = List.copyOf(specialTokens);
      return this;
    }

    /** At most this many alphabet characters; 0 for no limit. */
    public Builder limitAlphabet(int limitAlphabet) {
      checkArgument(limitAlphabet >= 0, "limitAlphabet must be >= 0, got %s", limitAlphabet);
      this.limitAlphabet = limitAlphabet;
      return this;
    }

    /** Characters always in the alphabet (each code point once); "" for none. */
    public Builder initialAlphabet(String initialAlphabet) {
      this.initialAlphabet = requireNonNull(initialAlphabet, "initialAlphabet");
      return this;
    }

    /** Longest token in characters; 0 for no limit. */
    public Builder maxTokenLength(int maxTokenLength) {
      checkArgument(maxTokenLength >= 0, "maxTokenLength must be >= 0, got %s", maxTokenLength);
      this.maxTokenLength = maxTokenLength;
      return this;
    }

    public Builder continuingSubwordPrefix(String prefix) {
      checkArgument(prefix == null || !prefix.isEmpty(),
          "continuingSubwordPrefix must be null or non-empty");
      this.continuingSubwordPrefix = prefix;
      return this;
    }

    public Builder endOfWordSuffix(String suffix) {
      checkArgument(suffix == null || !suffix.isEmpty(),
          "endOfWordSuffix must be null or non-empty");
      this.endOfWordSuffix = suffix;
      return this;
    }

    public Builder showProgress(boolean showProgress) {
      this.showProgress = showProgress;
      return this;
    }

    public BpeTrainerConfig build() {
      return new BpeTrainerConfig(this);
    }
  }
}
