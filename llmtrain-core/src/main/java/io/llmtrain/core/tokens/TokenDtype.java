package io.llmtrain.core.tokens;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/** How token ids are stored in a shard: unsigned little-endian integers of 2 or 4 bytes. */
public enum TokenDtype {
  UINT16(2, 1L << 16),
  UINT32(4, 1L << 32);

  private final int bytes;
  private final long limit;

  TokenDtype(int bytes, long limit) {
    this.bytes = bytes;
    this.limit = limit;
  }

  /** The smallest type that holds every id of a vocabulary of {@code vocabSize} entries. */
  public static TokenDtype forVocabulary(long vocabSize) {
    checkArgument(vocabSize >= 1 && vocabSize <= UINT32.limit,
        "vocabSize must be in [1, 2^32], got %s", vocabSize);
    return vocabSize <= UINT16.limit ? UINT16 : UINT32;
  }

  /** Bytes per token. */
  public int bytes() {
    return bytes;
  }

  /** Number of distinct ids the type can hold (ids are {@code 0 .. limit - 1}). */
  public long limit() {
    return limit;
  }

  /** The name in the sidecar: {@code uint16} or {@code uint32}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type named {@code id} ({@code uint16}, {@code uint32}), or null when unknown. */
  public static TokenDtype fromId(String id) {
    for (TokenDtype t : values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    return null;
  }
}
