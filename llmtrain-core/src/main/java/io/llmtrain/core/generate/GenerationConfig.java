package io.llmtrain.core.generate;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How {@link Generator} picks tokens. Immutable; defaults: 100 new tokens, temperature 1, no
 * top-k, no top-p, no EOS, seed 0.
 *
 * <ul>
 *   <li>{@code temperature} 0 is greedy (the most likely token, the lowest id on a tie); above 0
 *       the logits are divided by it and sampled.
 *   <li>{@code topK} keeps the k most likely tokens (0: all); then {@code topP} keeps the
 *       smallest set of the most likely tokens whose probability reaches p (1: all), as Hugging
 *       Face applies them.
 *   <li>{@code eosTokenId} stops generation when sampled (it is not returned); -1: none.
 *   <li>{@code seed}: the same seed, prompt and model give the same tokens.
 * </ul>
 */
public final class GenerationConfig {
  private final int maxNewTokens;
  private final double temperature;
  private final int topK;
  private final double topP;
  private final int eosTokenId;
  private final long seed;

  private GenerationConfig(Builder b) {
    maxNewTokens = b.maxNewTokens;
    temperature = b.temperature;
    topK = b.topK;
    topP = b.topP;
    eosTokenId = b.eosTokenId;
    seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Greedy decoding of up to {@code maxNewTokens} tokens. */
  public static GenerationConfig greedy(int maxNewTokens) {
    return builder().maxNewTokens(maxNewTokens).temperature(0).build();
  }

  public Builder toBuilder() {
    return builder().maxNewTokens(maxNewTokens).temperature(temperature).topK(topK).topP(topP)
        .eosTokenId(eosTokenId).seed(seed);
  }

  /** Reads the keys of {@link #params()}; unknown keys are refused. */
  public static GenerationConfig fromParams(Params p) {
    Builder b = builder();
    b.maxNewTokens(p.getInt("maxNewTokens", b.maxNewTokens, 0, Integer.MAX_VALUE));
    b.temperature(p.getDouble("temperature", b.temperature, 0, 1e6));
    b.topK(p.getInt("topK", b.topK, 0, Integer.MAX_VALUE));
    b.topP(p.getDouble("topP", b.topP, Double.MIN_VALUE, 1));
    b.eosTokenId(p.getInt("eosTokenId", b.eosTokenId, -1, Integer.MAX_VALUE));
    b.seed(p.getLong("seed", b.seed, Long.MIN_VALUE, Long.MAX_VALUE));
    p.finish();
    return b.build();
  }

  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("maxNewTokens", maxNewTokens);
    m.put("temperature", temperature);
    m.put("topK", topK);
    m.put("topP", topP);
    m.put("eosTokenId", eosTokenId);
    m.put("seed", seed);
    return m;
  }

  public int maxNewTokens() {
    return maxNewTokens;
  }

  public double temperature() {
    return temperature;
  }

  public boolean greedy() {
    return temperature == 0;
  }

  public int topK() {
    return topK;
  }

  public double topP() {
    return topP;
  }

  public OptionalInt eosTokenId() {
    return eosTokenId < 0 ? OptionalInt.empty() : OptionalInt.of(eosTokenId);
  }

  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationConfig g && params().equals(g.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return "GenerationConfig" + params();
  }

  /** Builds a {@link GenerationConfig}. */
  public static final class Builder {
    private int maxNewTokens = 100;
    private double temperature = 1;
    private int topK;
    private double topP = 1;
    private int eosTokenId = -1;
    private long seed;

    private Builder() {}

    public Builder maxNewTokens(int maxNewTokens) {
      this.maxNewTokens = maxNewTokens;
      return this;
    }

    /** 0 is greedy. */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /** 0 keeps every token. */
    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    /** 1 keeps every token. */
    public Builder topP(double topP) {
      this.topP = topP;
      return this;
    }

    /** -1: no end-of-sequence token. */
    public Builder eosTokenId(int eosTokenId) {
      this.eosTokenId = eosTokenId;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @throws ConfigException naming the field out of range
     */
    public GenerationConfig build() {
      if (maxNewTokens < 0) {
        throw new ConfigException("'maxNewTokens' must be 0 or more, got " + maxNewTokens);
      }
      if (!(temperature >= 0) || Double.isInfinite(temperature)) {
        throw new ConfigException("'temperature' must be 0 (greedy) or positive, got "
            + temperature);
      }
      if (topK < 0) {
        throw new ConfigException("'topK' must be 0 (off) or positive, got " + topK);
      }
      if (!(topP > 0 && topP <= 1)) {
        throw new ConfigException("'topP' must be in (0, 1], got " + topP);
      }
      if (eosTokenId < -1) {
        throw new ConfigException("'eosTokenId' must be -1 (none) or a token id, got "
            + eosTokenId);
      }
      return new GenerationConfig(this);
    }
  }
}
