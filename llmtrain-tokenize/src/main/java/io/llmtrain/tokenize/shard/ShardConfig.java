package io.llmtrain.tokenize.shard;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link ShardEncoder} turns documents into token shards. Defaults:
 *
 * <ul>
 *   <li>{@code maxShardTokens = 0}: one shard, named exactly as the output; above 0, shards of at
 *       most this many tokens (end-of-document ids included) named {@code NAME-00000.bin},
 *       {@code NAME-00001.bin}, ... A document is never split: one longer than the limit gets a
 *       shard of its own.
 *   <li>{@code dtype = auto}: {@code uint16} for a vocabulary of at most 65,536 entries, else
 *       {@code uint32}.
 *   <li>{@code addSpecialTokens = false}: the post-processor's special tokens (BOS, EOS) are not
 *       added to each document; the shard's own end-of-document id separates documents.
 *   <li>{@code batchDocuments = 512} and {@code batchChars = 8,000,000}: a batch handed to the
 *       encoder ends at whichever comes first, which bounds memory (the texts and their ids) while
 *       giving every thread enough work.
 * </ul>
 */
public final class ShardConfig implements StageSpec {
  public static final String NAME = "shards";

  /** The shard's integer type, or {@code auto} to choose it from the vocabulary size. */
  public enum Dtype {
    AUTO, UINT16, UINT32
  }

  private final long maxShardTokens;
  private final Dtype dtype;
  private final boolean addSpecialTokens;
  private final int batchDocuments;
  private final long batchChars;

  private ShardConfig(Builder b) {
    this.maxShardTokens = b.maxShardTokens;
    this.dtype = b.dtype;
    this.addSpecialTokens = b.addSpecialTokens;
    this.batchDocuments = b.batchDocuments;
    this.batchChars = b.batchChars;
  }

  public static ShardConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static ShardConfig fromParams(Params p) {
    ShardConfig d = defaults();
    Builder b = builder()
        .maxShardTokens(p.getLong("maxShardTokens", d.maxShardTokens, 0, Long.MAX_VALUE))
        .dtype(p.getEnum("dtype", Dtype.class, d.dtype))
        .addSpecialTokens(p.getBoolean("addSpecialTokens", d.addSpecialTokens))
        .batchDocuments(p.getInt("batchDocuments", d.batchDocuments, 1, Integer.MAX_VALUE))
        .batchChars(p.getLong("batchChars", d.batchChars, 1, Long.MAX_VALUE));
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
    m.put("maxShardTokens", maxShardTokens);
    m.put("dtype", dtype.name().toLowerCase(Locale.ROOT));
    m.put("addSpecialTokens", addSpecialTokens);
    m.put("batchDocuments", batchDocuments);
    m.put("batchChars", batchChars);
    return Collections.unmodifiableMap(m);
  }

  public long maxShardTokens() {
    return maxShardTokens;
  }

  public Dtype dtype() {
    return dtype;
  }

  public boolean addSpecialTokens() {
    return addSpecialTokens;
  }

  public int batchDocuments() {
    return batchDocuments;
  }

  public long batchChars() {
    return batchChars;
  }

  public Builder toBuilder() {
    return builder().maxShardTokens(maxShardTokens).dtype(dtype)
        .addSpecialTokens(addSpecialTokens).batchDocuments(batchDocuments).batchChars(batchChars);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardConfig c && maxShardTokens == c.maxShardTokens && dtype == c.dtype
        && addSpecialTokens == c.addSpecialTokens && batchDocuments == c.batchDocuments
        && batchChars == c.batchChars;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxShardTokens, dtype, addSpecialTokens, batchDocuments, batchChars);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link ShardConfig}; starts from the defaults. */
  public static final class Builder {
    private long maxShardTokens = 0;
    private Dtype dtype = Dtype.AUTO;
    private boolean addSpecialTokens = false;
    private int batchDocuments = 512;
    private long batchChars = 8_000_000;

    private Builder() {
    }

    public Builder maxShardTokens(long max) {
      checkArgument(max >= 0, "maxShardTokens must be >= 0 (0: one shard), got %s", max);
      this.maxShardTokens = max;
      return this;
    }

    public Builder dtype(Dtype dtype) {
      this.dtype = requireNonNull(dtype, "dtype");
      return this;
    }

    public Builder addSpecialTokens(boolean add) {
      this.addSpecialTokens = add;
      return this;
    }

    public Builder batchDocuments(int n) {
      checkArgument(n >= 1, "batchDocuments must be >= 1, got %s", n);
      this.batchDocuments = n;
      return this;
    }

    public Builder batchChars(long n) {
      checkArgument(n >= 1, "batchChars must be >= 1, got %s", n);
      this.batchChars = n;
      return this;
    }

    public ShardConfig build() {
      return new ShardConfig(this);
    }
  }
}
