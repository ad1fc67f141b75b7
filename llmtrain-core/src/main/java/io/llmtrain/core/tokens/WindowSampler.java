package io.llmtrain.core.tokens;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random windows for next-token prediction: each batch holds {@code batchSize} windows of
 * {@code blockSize + 1} consecutive ids, the inputs being the first {@code blockSize} and the
 * targets the same shifted by one. A window's start is uniform over every start whose window lies
 * wholly inside one span of the region, so windows never cross a train/validation edge.
 *
 * <p>Deterministic and resumable: batch {@code k} depends only on the seed and {@code k} (its
 * random numbers come from a generator seeded with both), so the saved {@link State} is just the
 * step counter, and a sampler restored from it continues with exactly the batches the original
 * would have produced. Not thread-safe (one sampler per data-loading thread).
 */
public final class WindowSampler {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final TokenDataset dataset;
  private final TokenRegion region;
  private final int blockSize;
  private final int batchSize;
  private final long seed;
  private final long[] spanStarts;
  private final long[] cumulative;
  private final long totalStarts;
  private final int[] scratch;
  private long step;

  /**
   * Where a sampler stands: enough to continue it exactly, plus what it was sampling, so a resume
   * with other settings or another region is refused instead of silently diverging.
   */
  public record State(long seed, long step, int blockSize, int batchSize, long regionTokens,
      long regionFingerprint) {
  }

  /** One batch: flat row-major {@code [batchSize][blockSize]} inputs and targets. */
  public record Batch(long step, int batchSize, int blockSize, long[] starts, int[] inputs,
      int[] targets) {
    public int input(int row, int t) {
      return inputs[row * blockSize + t];
    }

    public int target(int row, int t) {
      return targets[row * blockSize + t];
    }
  }

  private WindowSampler(TokenDataset dataset, TokenRegion region, int blockSize, int batchSize,
      long seed, long step) {
    this.dataset = dataset;
    this.region = region;
    this.blockSize = blockSize;
    this.batchSize = batchSize;
    this.seed = seed;
    this.step = step;
    List<TokenRegion.Span> spans = region.spans();
    this.spanStarts = new long[spans.size()];
    this.cumulative = new long[spans.size() + 1];
    for (int i = 0; i < spans.size(); i++) {
      TokenRegion.Span s = spans.get(i);
      checkArgument(s.end() <= dataset.size(), "span [%s, %s) is outside the dataset of %s "
          + "tokens", s.start(), s.end(), dataset.size());
      spanStarts[i] = s.start();
      cumulative[i + 1] = cumulative[i] + Math.max(0, s.length() - blockSize);
    }
    this.totalStarts = cumulative[spans.size()];
    if (totalStarts == 0) {
      throw new ConfigException("no window of blockSize + 1 = " + (blockSize + 1L) + " tokens "
          + "fits in " + region + " (" + region.size() + " tokens): use a smaller blockSize or "
          + "more data");
    }
    this.scratch = new int[blockSize + 1];
  }

  /**
   * A sampler over {@code region} of {@code dataset}, starting at step 0.
   *
   * @throws ConfigException when no window of {@code blockSize + 1} fits in any span
   */
  public static WindowSampler create(TokenDataset dataset, TokenRegion region, int blockSize,
      int batchSize, long seed) {
    requireNonNull(dataset, "dataset");
    requireNonNull(region, "region");
    checkArgument(blockSize >= 1, "blockSize must be >= 1, got %s", blockSize);
    checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    checkArgument((long) blockSize * batchSize <= Integer.MAX_VALUE - 8,
        "blockSize * batchSize = %s is too large for one batch", (long) blockSize * batchSize);
    return new WindowSampler(dataset, region, blockSize, batchSize, seed, 0);
  }

  /**
   * Continues from a saved state over the same region.
   *
   * @throws ConfigException when the region differs from the one the state was saved on
   */
  public static WindowSampler resume(TokenDataset dataset, TokenRegion region, State state) {
    requireNonNull(state, "state");
    checkArgument(state.step() >= 0, "state.step must be >= 0, got %s", state.step());
    if (state.regionTokens() != region.size()
        || state.regionFingerprint() != region.fingerprint()) {
      throw new ConfigException("the sampler state was saved on another region ("
          + state.regionTokens() + " tokens) than " + region + " (" + region.size()
          + " tokens): resume on the same dataset and split");
    }
    WindowSampler s = create(dataset, region, state.blockSize(), state.batchSize(),
        state.seed());
    s.step = state.step();
    return s;
  }

  /** The state after the batches returned so far. */
  public State state() {
    return new State(seed, step, blockSize, batchSize, region.size(), region.fingerprint());
  }

  /** Batches returned so far. */
  public long step() {
    return step;
  }

  /** The next batch. */
  public Batch next() {
    long k = step++;
    SplittableRandom rng = new SplittableRandom(mix(seed + k * GOLDEN));
    long[] starts = new long[batchSize];
    int[] inputs = new int[batchSize * blockSize];
    int[] targets = new int[batchSize * blockSize];
    for (int b = 0; b < batchSize; b++) {
      long start = startOf(rng.nextLong(totalStarts));
      starts[b] = start;
      dataset.read(start, scratch, 0, blockSize + 1);
      System.arraycopy(scratch, 0, inputs, b * blockSize, blockSize);
      System.arraycopy(scratch, 1, targets, b * blockSize, blockSize);
    }
    return new Batch(k, batchSize, blockSize, starts, inputs, targets);
  }

  /**
   * Fixed batches for measuring validation loss the same way every time: windows of
   * {@code blockSize + 1} tokens laid end to end (stride {@code blockSize}, so every target
   * position is scored once) inside each span of {@code region}. When there are more than
   * {@code maxBatches * batchSize} windows, that many are taken evenly spaced over the region;
   * windows that would not fill a last batch are left out.
   *
   * @throws ConfigException when not one full batch fits
   */
  public static List<Batch> evaluationBatches(TokenDataset dataset, TokenRegion region,
      int blockSize, int batchSize, int maxBatches) {
    requireNonNull(dataset, "dataset");
    requireNonNull(region, "region");
    checkArgument(blockSize >= 1, "blockSize must be >= 1, got %s", blockSize);
    checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
    checkArgument(maxBatches >= 1, "maxBatches must be >= 1, got %s", maxBatches);
    List<Long> all = new ArrayList<>();
    for (TokenRegion.Span s : region.spans()) {
      for (long start = s.start(); start + blockSize + 1 <= s.end(); start += blockSize) {
        all.add(start);
      }
    }
    long wanted = Math.min((long) maxBatches * batchSize, all.size() / batchSize * batchSize);
    if (wanted == 0) {
      throw new ConfigException("not one batch of " + batchSize + " windows of blockSize + 1 = "
          + (blockSize + 1L) + " tokens fits in " + region + " (" + region.size() + " tokens)");
    }
    List<Batch> out = new ArrayList<>();
    int[] scratch = new int[blockSize + 1];
    for (int b = 0; b < wanted / batchSize; b++) {
      long[] starts = new long[batchSize];
      int[] inputs = new int[batchSize * blockSize];
      int[] targets = new int[batchSize * blockSize];
      for (int r = 0; r < batchSize; r++) {
        long k = (long) b * batchSize + r;
        // Evenly spaced picks: window floor(k * available / wanted).
        long start = all.get((int) (k * all.size() / wanted));
        starts[r] = start;
        dataset.read(start, scratch, 0, blockSize + 1);
        System.arraycopy(scratch, 0, inputs, r * blockSize, blockSize);
        System.arraycopy(scratch, 1, targets, r * blockSize, blockSize);
      }
      out.add(new Batch(b, batchSize, blockSize, starts, inputs, targets));
    }
    return out;
  }

  /** The {@code u}-th valid window start over all spans. */
  private long startOf(long u) {
    int lo = 0;
    int hi = spanStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cumulative[mid] <= u) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    while (cumulative[lo + 1] <= u) {
      lo++;
    }
    return spanStarts[lo] + (u - cumulative[lo]);
  }

  /** Stafford's mix13: nearby seeds and steps give unrelated generators. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public int blockSize() {
    return blockSize;
  }

  public int batchSize() {
    return batchSize;
  }

  public TokenRegion region() {
    return region;
  }
}
