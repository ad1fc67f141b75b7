package io.llmtrain.core.tokens;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkPositionIndexes;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.InputException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One or many token shards read as a single memory-mapped sequence of ids, in the order given.
 *
 * <p>Each shard's sidecar is checked on open (fields, and the file's size against
 * {@code tokens}); all shards must share the vocabulary size, end-of-document id and tokenizer.
 * A shard is mapped in segments of at most 1 GiB, so shards larger than 2 GiB work. Reads are
 * thread-safe; nothing is copied into the heap until asked. Java cannot unmap a file on demand:
 * the mappings are released when the dataset is garbage-collected.
 */
public final class TokenDataset {
  static final long DEFAULT_SEGMENT_BYTES = 1L << 30;

  private final List<Path> shards;
  private final List<ShardSidecar> sidecars;
  private final Shard[] mapped;
  private final long[] starts;
  private final long size;
  private final long documents;
  private final int vocabSize;
  private final int eosId;
  private final String tokenizerSha256;

  private record Shard(TokenDtype dtype, long tokens, long segmentTokens,
      MappedByteBuffer[] segments) {
    int get(long i) {
      int seg = (int) (i / segmentTokens);
      int at = (int) (i - seg * segmentTokens);
      return dtype == TokenDtype.UINT16
          ? Short.toUnsignedInt(segments[seg].getShort(at * 2))
          : segments[seg].getInt(at * 4);
    }
  }

  private TokenDataset(List<Path> shards, List<ShardSidecar> sidecars, Shard[] mapped) {
    this.shards = List.copyOf(shards);
    this.sidecars = List.copyOf(sidecars);
    this.mapped = mapped;
    this.starts = new long[mapped.length + 1];
    long docs = 0;
    for (int i = 0; i < mapped.length; i++) {
      starts[i + 1] = starts[i] + mapped[i].tokens();
      docs += sidecars.get(i).documents();
    }
    this.size = starts[mapped.length];
    this.documents = docs;
    this.vocabSize = sidecars.get(0).vocabSize();
    this.eosId = sidecars.get(0).eosId();
    this.tokenizerSha256 = sidecars.get(0).tokenizerSha256();
  }

  /** Opens shards; a directory stands for its {@code *.bin} files in name order. */
  public static TokenDataset open(Path... shardsOrDirectories) {
    return open(List.of(shardsOrDirectories));
  }

  /** Opens shards; a directory stands for its {@code *.bin} files in name order. */
  public static TokenDataset open(List<Path> shardsOrDirectories) {
    return open(shardsOrDirectories, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * As {@link #open(List)}, mapping files in segments of at most {@code segmentBytes} (a multiple
   * of 4; small segments let tests cover reads across segment edges).
   */
  public static TokenDataset open(List<Path> shardsOrDirectories, long segmentBytes) {
    requireNonNull(shardsOrDirectories, "shards");
    checkArgument(segmentBytes >= 4 && segmentBytes % 4 == 0 && segmentBytes <= 1L << 30,
        "segmentBytes must be a multiple of 4 in [4, 2^30], got %s", segmentBytes);
    List<Path> files = expand(shardsOrDirectories);
    checkArgument(!files.isEmpty(), "no token shards in %s", shardsOrDirectories);
    List<ShardSidecar> sidecars = new ArrayList<>();
    Shard[] mapped = new Shard[files.size()];
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      ShardSidecar sc = ShardSidecar.read(ShardSidecar.pathFor(file));
      if (i > 0) {
        agree(files.get(0), sidecars.get(0), file, sc);
      }
      sidecars.add(sc);
      mapped[i] = map(file, sc, segmentBytes);
    }
    return new TokenDataset(files, sidecars, mapped);
  }

  private static List<Path> expand(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".bin") && Files.isRegularFile(f))
              .sorted().forEach(files::add);
        } catch (IOException e) {
          throw new InputException(p.toString(), "cannot list the directory: " + e, e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  private static void agree(Path firstFile, ShardSidecar first, Path file, ShardSidecar sc) {
    String field = first.vocabSize() != sc.vocabSize() ? "vocabSize"
        : first.eosId() != sc.eosId() ? "eosId"
        : !Objects.equals(first.tokenizerSha256(), sc.tokenizerSha256()) ? "tokenizerSha256"
        : null;
    if (field != null) {
      throw new InputException(ShardSidecar.pathFor(file).toString(), 0, field,
          "differs from " + ShardSidecar.pathFor(firstFile).getFileName() + ": shards of one "
              + "dataset must come from the same tokenizer");
    }
  }

  private static Shard map(Path file, ShardSidecar sc, long segmentBytes) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long bytes = ch.size();
      sc.checkSize(file, bytes);
      int width = sc.dtype().bytes();
      long segmentTokens = segmentBytes / width;
      int count = (int) ((sc.tokens() + segmentTokens - 1) / segmentTokens);
      MappedByteBuffer[] segments = new MappedByteBuffer[count];
      for (int s = 0; s < count; s++) {
        long from = s * segmentTokens * width;
        long len = Math.min(segmentTokens * width, bytes - from);
        segments[s] = ch.map(FileChannel.MapMode.READ_ONLY, from, len);
        segments[s].order(ByteOrder.LITTLE_ENDIAN);
      }
      return new Shard(sc.dtype(), sc.tokens(), segmentTokens, segments);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(file.toString(), "missing", e);
    } catch (IOException e) {
      throw new InputException(file.toString(), "cannot map: " + e, e);
    }
  }

  /** Number of tokens in all shards, end-of-document ids included. */
  public long size() {
    return size;
  }

  public long documents() {
    return documents;
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int eosId() {
    return eosId;
  }

  /** SHA-256 of the tokenizer the shards were written with, or null when not recorded. */
  public String tokenizerSha256() {
    return tokenizerSha256;
  }

  public List<Path> shards() {
    return shards;
  }

  public List<ShardSidecar> sidecars() {
    return sidecars;
  }

  /** The id at {@code position}. */
  public int get(long position) {
    if (position < 0 || position >= size) {
      throw new IndexOutOfBoundsException("position " + position + " outside [0, " + size + ")");
    }
    int s = shardOf(position);
    return mapped[s].get(position - starts[s]);
  }

  /** Copies ids {@code [start, start + length)} into {@code dst[offset ...]}, across shards. */
  public void read(long start, int[] dst, int offset, int length) {
    checkPositionIndexes(offset, offset + length, dst.length);
    if (start < 0 || length < 0 || start + length > size) {
      throw new IndexOutOfBoundsException("window [" + start + ", " + (start + length)
          + ") outside [0, " + size + ")");
    }
    int s = length == 0 ? 0 : shardOf(start);
    long pos = start;
    for (int i = 0; i < length; i++, pos++) {
      while (pos >= starts[s + 1]) {
        s++;
      }
      dst[offset + i] = mapped[s].get(pos - starts[s]);
    }
  }

  /** Ids {@code [start, start + length)}. */
  public int[] window(long start, int length) {
    int[] out = new int[length];
    read(start, out, 0, length);
    return out;
  }

  private int shardOf(long position) {
    int lo = 0;
    int hi = mapped.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= position) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    // Skip empty shards that start at the same position.
    while (starts[lo + 1] <= position) {
      lo++;
    }
    return lo;
  }

  /** Every position. */
  public TokenRegion all() {
    return TokenRegion.of(0, size);
  }

  /** A training region and a validation region that do not overlap. */
  public record Split(TokenRegion train, TokenRegion validation) {
  }

  /**
   * Holds out one contiguous region of about {@code valFraction} of the tokens for validation,
   * at a position drawn from {@code seed}; the rest is for training.
   *
   * <p>Why one contiguous region rather than a sample of documents: it needs no index of document
   * boundaries (a scan of the whole corpus), keeps every window of either side inside long runs
   * of text, and costs at most two region edges where windows cannot start. Its edges are moved
   * forward to the next document start (just after an end-of-document id) when one is near, so
   * no document is cut between training and validation; the seeded position keeps the held-out
   * part from always being the corpus's last source.
   *
   * @throws IllegalArgumentException when the fraction is outside (0, 1) or the dataset too small
   */
  public Split split(double valFraction, long seed) {
    checkArgument(valFraction > 0 && valFraction < 1, "valFraction must be in (0, 1), got %s",
        valFraction);
    long val = Math.round(size * valFraction);
    checkArgument(val >= 1 && val < size, "valFraction %s of %s tokens leaves no tokens for one "
        + "side of the split", (Object) valFraction, (Object) size);
    long start = new SplittableRandom(seed).nextLong(size - val + 1);
    long end = start + val;
    long snappedStart = nextDocumentStart(start, Math.min(size, start + val / 2));
    long snappedEnd = nextDocumentStart(end, Math.min(size, end + val / 2));
    if (snappedStart >= 0 && snappedEnd >= 0 && snappedEnd > snappedStart) {
      start = snappedStart;
      end = snappedEnd;
    }
    TokenRegion validation = TokenRegion.of(start, end);
    TokenRegion train = TokenRegion.of(List.of(new long[] {0, start}, new long[] {end, size}));
    return new Split(train, validation);
  }

  /** The first position in {@code [from, limit]} right after an EOS (or 0), or -1. */
  private long nextDocumentStart(long from, long limit) {
    if (from == 0 || from == size) {
      return from;
    }
    for (long p = from; p <= limit && p < size; p++) {
      if (get(p - 1) == eosId) {
        return p;
      }
    }
    return limit == size ? size : -1;
  }
}
