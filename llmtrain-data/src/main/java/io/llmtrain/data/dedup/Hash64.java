package io.llmtrain.data.dedup;

/**
 * The 64-bit mixing steps both deduplicators hash with. Text is fed as 64-bit blocks of four
 * UTF-16 units; each block goes through a multiply-xorshift-multiply step (the construction of
 * MurmurHash64A) and the result through a strong finalizer, so nearby inputs (one changed letter,
 * one extra space) give unrelated hashes.
 */
final class Hash64 {
  /** An odd constant with well-spread bits, used as the block multiplier. */
  static final long M = 0xc6a4a7935bd1e995L;

  private Hash64() {
  }

  /** Folds one 64-bit block into the running state. */
  static long mixBlock(long state, long block) {
    long k = block * M;
    k ^= k >>> 47;
    k *= M;
    return (state ^ k) * M;
  }

  /** Finalizes a state: every input bit affects every output bit with probability near 1/2. */
  static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Output number {@code index} of the SplitMix64 generator started at {@code seed}. Spelled out
   * here so that hash parameters derived from a seed can never change with a library or JDK.
   */
  static long splitMix64(long seed, long index) {
    long z = seed + (index + 1) * 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
