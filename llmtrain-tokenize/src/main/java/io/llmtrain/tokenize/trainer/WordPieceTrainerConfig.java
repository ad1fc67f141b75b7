package io.llmtrain.tokenize.trainer;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link WordPieceTrainer}, named and defaulted as Hugging Face's
 * {@code WordPieceTrainer}:
 *
 * <ul>
 *   <li>{@code vocabSize = 30000}: entries in the trained vocabulary, special tokens included.
 *   <li>{@code minFrequency = 0}: a pair is merged only if it occurs at least this often
 *       (weighted by word counts); training stops before the size is reached otherwise.
 *   <li>{@code specialTokens = [UNK], [CLS], [SEP], [PAD], [MASK]}: the first ids, in this order.
 *   <li>{@code unkToken = [UNK]}: the model's unknown token; added first to the special tokens
 *       when it is not among them.
 *   <li>{@code limitAlphabet = 0}: when positive, keep only this many of the most frequent
 *       characters (those of {@code initialAlphabet} always kept); words lose the others.
 *   <li>{@code initialAlphabet = []}: characters in the alphabet even if the corpus lacks them.
 *   <li>{@code continuingSubwordPrefix = ##}: marks a token that continues a word.
 *   <li>{@code maxTokenLength = 0}: when positive, no merged token is longer (in characters,
 *       prefix excluded).
 *   <li>{@code maxInputCharsPerWord = 100}: the trained model's word length limit.
 *   <li>{@code showProgress = false}: a console progress bar on standard error while training.
 * </ul>
 */
public final class WordPieceTrainerConfig implements StageSpec {
  public static final String NAME = "wordpiece";
  public static final List<String> DEFAULT_SPECIAL_TOKENS =
      List.of("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]");
  static final int MAX_VOCAB_SIZE = 1 << 24;

  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final String unkToken;
  private final int limitAlphabet;
  private final List<String> initialAlphabet;
  private final String continuingSubwordPrefix;
  private final int maxTokenLength;
  private final int maxInputCharsPerWord;
  private final boolean showProgress;

  private WordPieceTrainerConfig(Builder b) {
    this.vocabSize = b.vocabSize;
    this.minFrequency = b.minFrequency;
    this.specialTokens = b.specialTokens;
    this.unkToken = b.unkToken;
    this.limitAlphabet = b.limitAlphabet;
    this.initialAlphabet = b.initialAlphabet;
    this.continuingSubwordPrefix = b.continuingSubwordPrefix;
    this.maxTokenLength = b.maxTokenLength;
    this.maxInputCharsPerWord = b.maxInputCharsPerWord;
    this.showProgress = b.showProgress;
  }

  public static WordPieceTrainerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from parameters, rejecting unknown keys and bad values. */
  public static WordPieceTrainerConfig fromParams(Params p) {
    WordPieceTrainerConfig d = defaults();
    Builder b = builder()
        .vocabSize(p.getInt("vocabSize", d.vocabSize, 1, MAX_VOCAB_SIZE))
        .minFrequency(p.getLong("minFrequency", d.minFrequency, 0, Long.MAX_VALUE))
        .specialTokens(p.getList("specialTokens", d.specialTokens))
        .unkToken(p.getString("unkToken", d.unkToken))
        .limitAlphabet(p.getInt("limitAlphabet", d.limitAlphabet, 0, Integer.MAX_VALUE))
        .initialAlphabet(p.getList("initialAlphabet", d.initialAlphabet))
        .continuingSubwordPrefix(p.getString("continuingSubwordPrefix",
            d.continuingSubwordPrefix))
        .maxTokenLength(p.getInt("maxTokenLength", d.maxTokenLength, 0, Integer.MAX_VALUE))
        .maxInputCharsPerWord(p.getInt("maxInputCharsPerWord", d.maxInputCharsPerWord, 1,
            Integer.MAX_VALUE))
        .showProgress(p.getBoolean("showProgress", d.showProgress));
    p.finish();
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + NAME + "': " + e.getMessage());
    }
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
    m.put("unkToken", unkToken);
    m.put("limitAlphabet", limitAlphabet);
    m.put("initialAlphabet", initialAlphabet);
    m.put("continuingSubwordPrefix", continuingSubwordPrefix);
    m.put("maxTokenLength", maxTokenLength);
    m.put("maxInputCharsPerWord", maxInputCharsPerWord);
    m.put("showProgress", showProgress);
    return Collections.unmodifiableMap(m);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public long minFrequency() {
    return minFrequency;
  }

  /** The special tokens as given. */
  public List<String> specialTokens() {
    return specialTokens;
  }

  /** The special tokens the vocabulary starts with: {@link #unkToken} first if not given. */
  public List<String> effectiveSpecialTokens() {
    if (specialTokens.contains(unkToken)) {
      return specialTokens;
    }
    List<String> all = new ArrayList<>();
    all.add(unkToken);
    all.addAll(specialTokens);
    return List.copyOf(all);
  }

  public String unkToken() {
    return unkToken;
  }

  public int limitAlphabet() {
    return limitAlphabet;
  }

  public List<String> initialAlphabet() {
    return initialAlphabet;
  }

  public String continuingSubwordPrefix() {
    return continuingSubwordPrefix;
  }

  public int maxTokenLength() {
    return maxTokenLength;
  }

  public int maxInputCharsPerWord() {
    return maxInputCharsPerWord;
  }

  public boolean showProgress() {
    return showProgress;
  }

  public Builder toBuilder() {
    return builder()
        .vocabSize(vocabSize)
        .minFrequency(minFrequency)
        .specialTokens(specialTokens)
        .unkToken(unkToken)
        .limitAlphabet(limitAlphabet)
        .initialAlphabet(initialAlphabet)
        .continuingSubwordPrefix(continuingSubwordPrefix)
        .maxTokenLength(maxTokenLength)
        .maxInputCharsPerWord(maxInputCharsPerWord).showProgress(showProgress);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WordPieceTrainerConfig c
        && vocabSize == c.vocabSize
        && minFrequency == c.minFrequency
        && specialTokens.equals(c.specialTokens)
        && unkToken.equals(c.unkToken)
        && limitAlphabet == c.limitAlphabet
        && initialAlphabet.equals(c.initialAlphabet)
        && continuingSubwordPrefix.equals(c.continuingSubwordPrefix)
        && maxTokenLength == c.maxTokenLength
        && maxInputCharsPerWord == c.maxInputCharsPerWord && showProgress == c.showProgress;
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocabSize, minFrequency, specialTokens, unkToken, limitAlphabet,
        initialAlphabet, continuingSubwordPrefix, maxTokenLength, maxInputCharsPerWord, showProgress);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builder of {@link WordPieceTrainerConfig}; {@link #build} checks the values. */
  public static final class Builder {
    private int vocabSize = 30_000;
    private long minFrequency = 0;
    private List<String> specialTokens = DEFAULT_SPECIAL_TOKENS;
    private String unkToken = "[UNK]";
    private int limitAlphabet = 0;
    private List<String> initialAlphabet = List.of();
    private String continuingSubwordPrefix = "##";
    private int maxTokenLength = 0;
    private int maxInputCharsPerWord = 100;
    private boolean showProgress;

    private Builder() {
    }

    public Builder vocabSize(int v) {
      this.vocabSize = v;
      return this;
    }

    public Builder minFrequency(long v) {
      this.minFrequency = v;
      return this;
    }

    public Builder specialTokens(List<String> v) {
      this.specialTokens = List.copyOf(requireNonNull(v, "specialTokens"));
      return this;
    }

    public Builder unkToken(String v) {
      this.unkToken = requireNonNull(v, "unkToken");
      return this;
    }

    public Builder limitAlphabet(int v) {
      this.limitAlphabet = v;
      return this;
    }

    /** Characters always in the alphabet; each entry must be one character (code point). */
    public Builder initialAlphabet(List<String> v) {
      this.initialAlphabet = List.copyOf(requireNonNull(v, "initialAlphabet"));
      return this;
    }

    public Builder continuingSubwordPrefix(String v) {
      this.continuingSubwordPrefix = requireNonNull(v, "continuingSubwordPrefix");
      return this;
    }

    public Builder maxTokenLength(int v) {
      this.maxTokenLength = v;
      return this;
    }

    /** A console progress bar on standard error while training. */
    public Builder showProgress(boolean v) {
      this.showProgress = v;
      return this;
    }

    public Builder maxInputCharsPerWord(int v) {
      this.maxInputCharsPerWord = v;
      return this;
    }

    public WordPieceTrainerConfig build() {
      checkArgument(vocabSize >= 1 && vocabSize <= MAX_VOCAB_SIZE,
          "vocabSize must be from 1 to %s, got %s", MAX_VOCAB_SIZE, vocabSize);
      checkArgument(minFrequency >= 0, "minFrequency must be >= 0, got %s", minFrequency);
      checkArgument(limitAlphabet >= 0, "limitAlphabet must be >= 0, got %s", limitAlphabet);
      checkArgument(maxTokenLength >= 0, "maxTokenLength must be >= 0, got %s", maxTokenLength);
      checkArgument(maxInputCharsPerWord >= 1, "maxInputCharsPerWord must be >= 1, got %s",
          maxInputCharsPerWord);
      checkArgument(!unkToken.isEmpty(), "unkToken must not be empty");
      checkArgument(new LinkedHashSet<>(specialTokens).size() == specialTokens.size(),
          "specialTokens must be distinct, got %s", specialTokens);
      for (String t : specialTokens) {
        checkArgument(!t.isEmpty(), "specialTokens must not contain an empty token");
      }
      for (String c : initialAlphabet) {
        checkArgument(c.codePointCount(0, c.length()) == 1,
            "initialAlphabet entries must be single characters, got '%s'", c);
      }
      return new WordPieceTrainerConfig(this);
    }
  }
}
