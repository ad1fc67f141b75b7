package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.TokenDtype;
import io.llmtrain.core.tokens.SourceFile;
import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.Progress;
import io.llmtrain.core.ProgressListener;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.tokenize.TextEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Encodes a stream of documents into token shards: documents are read in batches (bounded by
 * {@link ShardConfig#batchDocuments} and {@link ShardConfig#batchChars}), each batch goes to the
 * encoder's {@link TextEncoder#encodeBatch} (parallel for {@code RustTokenizer} and
 * {@link ParallelTextEncoder}), and the ids are written in input order, so the output is the same
 * for any number of threads. Without an output it only counts, which measures compression.
 */
public final class ShardEncoder {
  /** End-of-document tokens of the common tokenizer families, in the order they are tried. */
  private static final List<String> EOS_NAMES =
      List.of("<|endoftext|>", "<|end_of_text|>", "</s>", "<eos>", "[EOS]");

  private final TextEncoder encoder;
  private final int eosId;
  private final ShardConfig config;
  private final Path output;
  private final String tokenizerSha256;
  private final Long seed;
  private final Map<String, Object> provenance;
  private final ProgressListener progress;

  private ShardEncoder(Builder b) {
    this.progress = b.progress;
    this.encoder = b.encoder;
    this.eosId = b.eosId;
    this.config = b.config;
    this.output = b.output;
    this.tokenizerSha256 = b.tokenizerSha256;
    this.seed = b.seed;
    this.provenance = new LinkedHashMap<>(b.provenance);
  }

  /**
   * An encoder writing {@code eosId} after each document.
   *
   * @see #findEos(TextEncoder)
   */
  public static Builder builder(TextEncoder encoder, int eosId) {
    return new Builder(encoder, eosId);
  }

  /** The id of the first of {@code <|endoftext|>}, {@code <|end_of_text|>}, {@code </s>},
   * {@code <eos>}, {@code [EOS]} that {@code encoder} knows. */
  public static OptionalInt findEos(TextEncoder encoder) {
    for (String name : EOS_NAMES) {
      int id = encoder.tokenToId(name);
      if (id >= 0) {
        return OptionalInt.of(id);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Reads every document of {@code source} (failing on unreadable records) and encodes it; the
   * source files' hashes go into each sidecar.
   */
  public ShardStats encode(DataSource source) throws IOException {
    List<SourceFile> sources = new ArrayList<>();
    for (Path p : source.files()) {
      sources.add(SourceFile.of(p));
    }
    try (RecordReader reader = source.open(ErrorPolicy.FAIL)) {
      Iterator<Document> docs = new Iterator<>() {
        private Document next;

        @Override
        public boolean hasNext() {
          if (next == null) {
            next = read();
          }
          return next != null;
        }

        @Override
        public Document next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Document d = next;
          next = null;
          return d;
        }

        private Document read() {
          try {
            return reader.nextDocument();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
      try {
        return encode(docs, sources, reader::bytesConsumed, source.totalBytes());
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** Encodes {@code documents} (no source files recorded). */
  public ShardStats encode(Iterator<Document> documents) throws IOException {
    return encode(documents, List.of(), () -> 0, 0);
  }

  private ShardStats encode(Iterator<Document> documents, List<SourceFile> sources,
      LongSupplier bytesRead, long totalBytes) throws IOException {
    long began = System.nanoTime();
    ShardOptions.Builder ob = ShardOptions.builder(encoder.vocabSize(), eosId)
        .tokenizerSha256(tokenizerSha256).sources(sources).seed(seed);
    Map<String, Object> cfg = new LinkedHashMap<>(config.params());
    cfg.putAll(provenance);
    ob.config(cfg);
    if (config.dtype() != ShardConfig.Dtype.AUTO) {
      ob.dtype(TokenDtype.valueOf(config.dtype().name()));
    }
    ShardOptions options = ob.build();

    List<Path> shards = new ArrayList<>();
    ShardWriter writer = output == null ? null : ShardWriter.create(shardPath(0), options);
    long docs = 0;
    long tokens = 0;
    long bytes = 0;
    long shardTokens = 0;
    try {
      List<String> batch = new ArrayList<>();
      while (documents.hasNext()) {
        batch.clear();
        long chars = 0;
        while (documents.hasNext() && batch.size() < config.batchDocuments()
            && chars < config.batchChars()) {
          String text = documents.next().text();
          batch.add(text);
          chars += text.length();
        }
        List<int[]> ids = encoder.encodeBatch(batch, config.addSpecialTokens());
        for (int i = 0; i < ids.size(); i++) {
          int[] doc = ids.get(i);
          docs++;
          tokens += doc.length;
          bytes += utf8Length(batch.get(i));
          if (writer != null) {
            long max = config.maxShardTokens();
            if (max > 0 && writer.tokens() > 0 && writer.tokens() + doc.length + 1 > max) {
              shardTokens += writer.tokens();
              writer.commit();
              shards.add(writer.path());
              writer = ShardWriter.create(shardPath(shards.size()), options);
            }
            writer.writeDocument(doc);
          }
        }
        progress.update(new Progress(docs, docs, 0, bytesRead.getAsLong(), totalBytes,
            Duration.ofNanos(System.nanoTime() - began)));
      }
      if (writer != null) {
        shardTokens += writer.tokens();
        writer.commit();
        shards.add(writer.path());
        removeStaleShards(shards.size());
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
    progress.finished(new Progress(docs, docs, 0, bytesRead.getAsLong(), totalBytes,
        Duration.ofNanos(System.nanoTime() - began)));
    return new ShardStats(docs, tokens, bytes, shardTokens, shards);
  }

  /**
   * Deletes {@code NAME-NNNNN.bin} and its sidecar for every index from {@code from} on: shards of
   * an earlier, longer run under the same name, which a reader of the directory would otherwise
   * take as part of this dataset.
   */
  private void removeStaleShards(int from) throws IOException {
    if (config.maxShardTokens() == 0) {
      return;
    }
    for (int i = from; ; i++) {
      Path stale = shardPath(i);
      boolean data = Files.deleteIfExists(stale);
      boolean sidecar = Files.deleteIfExists(ShardSidecar.pathFor(stale));
      if (!data && !sidecar) {
        return;
      }
    }
  }

  private Path shardPath(int index) {
    if (config.maxShardTokens() == 0) {
      return output;
    }
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : ".bin";
    return output.resolveSibling(String.format("%s-%05d%s", stem, index, ext));
  }

  /** UTF-8 length of {@code s} without encoding it; a lone surrogate counts as '?' (1 byte). */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Builder of a {@link ShardEncoder}. */
  public static final class Builder {
    private final TextEncoder encoder;
    private final int eosId;
    private ShardConfig config = ShardConfig.defaults();
    private Path output;
    private String tokenizerSha256;
    private Long seed;
    private final Map<String, Object> provenance = new LinkedHashMap<>();
    private ProgressListener progress = ProgressListener.NONE;

    private Builder(TextEncoder encoder, int eosId) {
      this.encoder = requireNonNull(encoder, "encoder");
      checkArgument(eosId >= 0 && eosId < encoder.vocabSize(),
          "eosId must be an id of the vocabulary [0, %s), got %s", encoder.vocabSize(), eosId);
      this.eosId = eosId;
    }

    public Builder config(ShardConfig config) {
      this.config = requireNonNull(config, "config");
      return this;
    }

    /**
     * Where to write: {@code NAME.bin} (with {@code NAME.json}), or {@code NAME-00000.bin} and on
     * when {@link ShardConfig#maxShardTokens} is set; existing files of those names are replaced,
     * and higher-numbered shards left by an earlier run are deleted. Null (the default) only
     * counts.
     */
    public Builder output(Path output) {
      this.output = output;
      return this;
    }

    /** SHA-256 of the tokenizer file, recorded in each sidecar. */
    public Builder tokenizerSha256(String sha256) {
      this.tokenizerSha256 = sha256;
      return this;
    }

    /** The seed of whatever randomness made the data (sampling, shuffling), recorded. */
    public Builder seed(Long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds an entry to the sidecar's {@code config} (for example the tokenizer's path). */
    public Builder provenance(String key, Object value) {
      provenance.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Told after each batch (documents read and encoded, input bytes consumed) and once at the
     * end; called on the encoding thread.
     */
    public Builder progress(ProgressListener progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    public ShardEncoder build() {
      return new ShardEncoder(this);
    }
  }
}
