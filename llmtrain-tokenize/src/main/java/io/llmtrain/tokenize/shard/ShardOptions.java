package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.TokenDtype;
import io.llmtrain.core.tokens.SourceFile;
import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ShardWriter} needs besides the ids: the vocabulary (it decides the dtype and
 * bounds every id), the end-of-document id, and the provenance copied into each sidecar.
 * Immutable; built by {@link #builder}.
 */
public final class ShardOptions {
  private final int vocabSize;
  private final int eosId;
  private final TokenDtype dtype;
  private final String tokenizerSha256;
  private final List<SourceFile> sources;
  private final Map<String, Object> config;
  private final Long seed;

  private ShardOptions(Builder b) {
    this.vocabSize = b.vocabSize;
    this.eosId = b.eosId;
    this.dtype = b.dtype != null ? b.dtype : TokenDtype.forVocabulary(b.vocabSize);
    this.tokenizerSha256 = b.tokenizerSha256;
    this.sources = List.copyOf(b.sources);
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(b.config));
    this.seed = b.seed;
  }

  public static Builder builder(int vocabSize, int eosId) {
    return new Builder(vocabSize, eosId);
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int eosId() {
    return eosId;
  }

  /** {@code uint16} when the vocabulary has at most 65,536 entries, else {@code uint32}. */
  public TokenDtype dtype() {
    return dtype;
  }

  public String tokenizerSha256() {
    return tokenizerSha256;
  }

  public List<SourceFile> sources() {
    return sources;
  }

  public Map<String, Object> config() {
    return config;
  }

  public Long seed() {
    return seed;
  }

  /** Builder of {@link ShardOptions}. */
  public static final class Builder {
    private final int vocabSize;
    private final int eosId;
    private TokenDtype dtype;
    private String tokenizerSha256;
    private List<SourceFile> sources = List.of();
    private Map<String, Object> config = Map.of();
    private Long seed;

    private Builder(int vocabSize, int eosId) {
      checkArgument(vocabSize >= 1, "vocabSize must be >= 1, got %s", vocabSize);
      checkArgument(eosId >= 0 && eosId < vocabSize, "eosId must be in [0, vocabSize = %s), "
          + "got %s", vocabSize, eosId);
      this.vocabSize = vocabSize;
      this.eosId = eosId;
    }

    /** Forces a dtype; uint16 is refused for a vocabulary larger than 65,536. */
    public Builder dtype(TokenDtype dtype) {
      requireNonNull(dtype, "dtype");
      checkArgument(vocabSize <= dtype.limit(), "dtype %s cannot hold the ids of a vocabulary "
          + "of %s (at most %s)", dtype.id(), vocabSize, dtype.limit());
      this.dtype = dtype;
      return this;
    }

    public Builder tokenizerSha256(String sha256) {
      this.tokenizerSha256 = sha256;
      return this;
    }

    public Builder sources(List<SourceFile> sources) {
      this.sources = requireNonNull(sources, "sources");
      return this;
    }

    public Builder config(Map<String, ?> config) {
      this.config = new LinkedHashMap<>(requireNonNull(config, "config"));
      return this;
    }

    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    public ShardOptions build() {
      return new ShardOptions(this);
    }
  }
}
