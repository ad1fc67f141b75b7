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
 * Options of {@link UnigramTrainer}, named and defaulted as SentencePiece and Hugging Face's
 * {@code UnigramTrainer}:
 *
 * <ul>
 *   <li>{@code vocabSize = 8000}: entries in the trained vocabulary, special tokens and byte
 *       tokens included.
 *   <li>{@code specialTokens = <unk>, <s>, </s>}: the first ids, in this order (score 0).
 *   <li>{@code unkToken = <unk>}: the unknown token; added first to the special tokens when it is
 *       not among them.
 *   <li>{@code shrinkingFactor = 0.75}: each pruning round keeps this share of the pieces.
 *   <li>{@code maxPieceLength = 16}: longest piece, in characters.
 *   <li>{@code seedSize = 1000000}: pieces in the seed vocabulary (characters included).
 *   <li>{@code numSubIterations = 2}: EM iterations between pruning rounds.
 *   <li>{@code splitByUnicodeScript = true}: no piece mixes Unicode scripts (apart from a
 *       leading {@code ▁}): letters, digits and punctuation ("common") stay in separate pieces,
 *       Hiragana and Katakana count as Han, as SentencePiece's default; false lets pieces such
 *       as {@code ▁end.} form, which compresses the training text better but generalizes less.
 *   <li>{@code byteFallback = false}: when true, the 256 tokens {@code <0x00>..<0xFF>} follow the
 *       special tokens and the model spells unknown characters with their UTF-8 bytes.
 *   <li>{@code showProgress = false}: a console progress bar on standard error while training.
 * </ul>
 */
public final class UnigramTrainerConfig implements StageSpec {
  public static final String NAME = "unigram";
  public static final List<String> DEFAULT_SPECIAL_TOKENS = List.of("<unk>", "<s>", "</s>");
  static final int MAX_VOCAB_SIZE = 1 << 24;
  static final int MAX_PIECE_LENGTH = 256;

  private final int vocabSize;
  private final List<String> specialTokens;
  private final String unkToken;
  private final double shrinkingFactor;
  private final int maxPieceLength;
  private final int seedSize;
  private final int numSubIterations;
  private final boolean splitByUnicodeScript;
  private final boolean byteFallback;
  private final boolean showProgress;

  private UnigramTrainerConfig(Builder b) {
    this.vocabSize = b.vocabSize;
    this.specialTokens = b.specialTokens;
    this.unkToken = b.unkToken;
    this.shrinkingFactor = b.shrinkingFactor;
    this.maxPieceLength = b.maxPieceLength;
    this.seedSize = b.seedSize;
    this.numSubIterations = b.numSubIterations;
    this.splitByUnicodeScript = b.splitByUnicodeScript;
    this.byteFallback = b.byteFallback;
    this.showProgress = b.showProgress;
  }

  public static UnigramTrainerConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from parameters, rejecting unknown keys and bad values. */
  public static UnigramTrainerConfig fromParams(Params p) {
    UnigramTrainerConfig d = defaults();
    Builder b = builder()
        .vocabSize(p.getInt("vocabSize", d.vocabSize, 1, MAX_VOCAB_SIZE))
        .specialTokens(p.getList("specialTokens", d.specialTokens))
        .unkToken(p.getString("unkToken", d.unkToken))
        .shrinkingFactor(p.getDouble("shrinkingFactor", d.shrinkingFactor, 0, 1))
        .maxPieceLength(p.getInt("maxPieceLength", d.maxPieceLength, 1, MAX_PIECE_LENGTH))
        .seedSize(p.getInt("seedSize", d.seedSize, 1, Integer.MAX_VALUE))
        .numSubIterations(p.getInt("numSubIterations", d.numSubIterations, 1, 1000))
        .splitByUnicodeScript(p.getBoolean("splitByUnicodeScript", d.splitByUnicodeScript))
        .byteFallback(p.getBoolean("byteFallback", d.byteFallback))
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
    m.put("specialTokens", specialTokens);
    m.put("unkToken", unkToken);
    m.put("shrinkingFactor", shrinkingFactor);
    m.put("maxPieceLength", maxPieceLength);
    m.put("seedSize", seedSize);
    m.put("numSubIterations", numSubIterations);
    m.put("splitByUnicodeScript", splitByUnicodeScript);
    m.put("byteFallback", byteFallback);
    m.put("showProgress", showProgress);
    return Collections.unmodifiableMap(m);
  }

  public int vocabSize() {
    return vocabSize;
  }

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

  public double shrinkingFactor() {
    return shrinkingFactor;
  }

  public int maxPieceLength() {
    return maxPieceLength;
  }

  public int seedSize() {
    return seedSize;
  }

  public int numSubIterations() {
    return numSubIterations;
  }

  public boolean splitByUnicodeScript() {
    return splitByUnicodeScript;
  }

  public boolean byteFallback() {
    return byteFallback;
  }

  public boolean showProgress() {
    return showProgress;
  }

  public Builder toBuilder() {
    return builder()
        .vocabSize(vocabSize)
        .specialTokens(specialTokens)
        .unkToken(unkToken)
        .shrinkingFactor(shrinkingFactor)
        .maxPieceLength(maxPieceLength)
        .seedSize(seedSize)
        .numSubIterations(numSubIterations)
        .splitByUnicodeScript(splitByUnicodeScript)
        .byteFallback(byteFallback).showProgress(showProgress);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnigramTrainerConfig c
        && vocabSize == c.vocabSize
        && specialTokens.equals(c.specialTokens)
        && unkToken.equals(c.unkToken)
        && Double.compare(shrinkingFactor, c.shrinkingFactor) == 0
        && maxPieceLength == c.maxPieceLength
        && seedSize == c.seedSize
        && numSubIterations == c.numSubIterations
        && splitByUnicodeScript == c.splitByUnicodeScript
        && byteFallback == c.byteFallback && showProgress == c.showProgress;
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocabSize, specialTokens, unkToken, shrinkingFactor, maxPieceLength,
        seedSize, numSubIterations, splitByUnicodeScript, byteFallback, showProgress);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builder of {@link UnigramTrainerConfig}; {@link #build} checks the values. */
  public static final class Builder {
    private int vocabSize = 8000;
    private List<String> specialTokens = DEFAULT_SPECIAL_TOKENS;
    private String unkToken = "<unk>";
    private double shrinkingFactor = 0.75;
    private int maxPieceLength = 16;
    private int seedSize = 1_000_000;
    private int numSubIterations = 2;
    private boolean splitByUnicodeScript = true;
    private boolean byteFallback = false;
    private boolean showProgress;

    private Builder() {
    }

    public Builder vocabSize(int v) {
      this.vocabSize = v;
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

    public Builder shrinkingFactor(double v) {
      this.shrinkingFactor = v;
      return this;
    }

    public Builder maxPieceLength(int v) {
      this.maxPieceLength = v;
      return this;
    }

    public Builder seedSize(int v) {
      this.seedSize = v;
      return this;
    }

    public Builder numSubIterations(int v) {
      this.numSubIterations = v;
      return this;
    }

    public Builder splitByUnicodeScript(boolean v) {
      this.splitByUnicodeScript = v;
      return this;
    }

    /** A console progress bar on standard error while training. */
    public Builder showProgress(boolean v) {
      this.showProgress = v;
      return this;
    }

    public Builder byteFallback(boolean v) {
      this.byteFallback = v;
      return this;
    }

    public UnigramTrainerConfig build() {
      checkArgument(vocabSize >= 1 && vocabSize <= MAX_VOCAB_SIZE,
          "vocabSize must be from 1 to %s, got %s", MAX_VOCAB_SIZE, vocabSize);
      checkArgument(shrinkingFactor > 0 && shrinkingFactor < 1,
          "shrinkingFactor must be between 0 and 1 (exclusive), got %s", shrinkingFactor);
      checkArgument(maxPieceLength >= 1 && maxPieceLength <= MAX_PIECE_LENGTH,
          "maxPieceLength must be from 1 to %s, got %s", MAX_PIECE_LENGTH, maxPieceLength);
      checkArgument(seedSize >= 1, "seedSize must be >= 1, got %s", seedSize);
      checkArgument(numSubIterations >= 1, "numSubIterations must be >= 1, got %s",
          numSubIterations);
      checkArgument(!unkToken.isEmpty(), "unkToken must not be empty");
      checkArgument(new LinkedHashSet<>(specialTokens).size() == specialTokens.size(),
          "specialTokens must be distinct, got %s", specialTokens);
      for (String t : specialTokens) {
        checkArgument(!t.isEmpty(), "specialTokens must not contain an empty token");
      }
      return new UnigramTrainerConfig(this);
    }
  }
}
