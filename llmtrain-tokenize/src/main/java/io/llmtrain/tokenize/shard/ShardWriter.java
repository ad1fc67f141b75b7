package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.TokenDtype;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.llmtrain.core.Version;
import io.llmtrain.core.io.AtomicOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes one token shard: each document's ids followed by the end-of-document id, as
 * little-endian {@code uint16} or {@code uint32}. Nothing appears under the shard's name until
 * {@link #commit}: the bytes go to a temporary file that is synced and renamed, then the sidecar
 * is written the same way, so a shard with a sidecar is always complete. Closing without commit
 * discards the shard. Not thread-safe.
 */
public final class ShardWriter implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;

  private final Path path;
  private final ShardOptions options;
  private final AtomicOutput out;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  private final Hasher hasher = Hashing.sha256().newHasher();
  private final long idLimit;
  private long tokens;
  private long documents;
  private boolean closed;

  private ShardWriter(Path path, ShardOptions options, AtomicOutput out) {
    this.path = path;
    this.options = options;
    this.out = out;
    this.idLimit = Math.min(options.vocabSize(), options.dtype().limit());
  }

  /** Starts {@code shard} (conventionally {@code NAME.bin}); its sidecar will be NAME.json. */
  public static ShardWriter create(Path shard, ShardOptions options) throws IOException {
    requireNonNull(shard, "shard");
    requireNonNull(options, "options");
    ShardSidecar.pathFor(shard);
    checkArgument(!shard.getFileName().toString().endsWith(".gz"),
        "token shards are memory-mapped and cannot be compressed: %s", shard);
    return new ShardWriter(shard, options, AtomicOutput.create(shard));
  }

  /** Appends one document and the end-of-document id. */
  public void writeDocument(int[] ids) throws IOException {
    writeDocument(ids, 0, ids.length);
  }

  /**
   * Appends {@code ids[from, from + length)} as one document and the end-of-document id.
   *
   * @throws IllegalArgumentException when an id is negative or outside the vocabulary (for
   *     {@code uint16}, anything above 65,535): nothing of the document is written then
   */
  public void writeDocument(int[] ids, int from, int length) throws IOException {
    checkState(!closed, "shard %s is already committed or closed", path);
    requireNonNull(ids, "ids");
    for (int i = from; i < from + length; i++) {
      // Checked before any byte is written, so a refused document leaves the shard consistent.
      long id = ids[i];
      if (id < 0 || id >= idLimit) {
        throw new IllegalArgumentException("token id " + ids[i] + " at position " + (i - from)
            + " of document " + documents + " does not fit " + path.getFileName() + ": ids must "
            + "be in [0, " + idLimit + ") (vocabSize " + options.vocabSize() + ", dtype "
            + options.dtype().id() + ")");
      }
    }
    for (int i = from; i < from + length; i++) {
      put(ids[i]);
    }
    put(options.eosId());
    tokens += length + 1L;
    documents++;
  }

  private void put(int id) throws IOException {
    if (buffer.remaining() < 4) {
      drain();
    }
    if (options.dtype() == TokenDtype.UINT16) {
      buffer.putShort((short) id);
    } else {
      buffer.putInt(id);
    }
  }

  private void drain() throws IOException {
    hasher.putBytes(buffer.array(), 0, buffer.position());
    out.write(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  /** Tokens written so far, end-of-document ids included. */
  public long tokens() {
    return tokens;
  }

  public long documents() {
    return documents;
  }

  /** Bytes the shard has so far. */
  public long bytes() {
    return tokens * options.dtype().bytes();
  }

  public Path path() {
    return path;
  }

  /** Publishes the shard, then its sidecar; returns the sidecar. */
  public ShardSidecar commit() throws IOException {
    checkState(!closed, "shard %s is already committed or closed", path);
    drain();
    closed = true;
    out.commit();
    ShardSidecar sidecar = new ShardSidecar(options.dtype(), tokens, documents,
        options.vocabSize(), options.eosId(), hasher.hash().toString(), options.tokenizerSha256(),
        options.sources(), "llmtrain " + Version.get(), options.config(), options.seed());
    sidecar.write(ShardSidecar.pathFor(path));
    return sidecar;
  }

  /** Discards the shard unless committed. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      out.abort();
    }
  }
}
