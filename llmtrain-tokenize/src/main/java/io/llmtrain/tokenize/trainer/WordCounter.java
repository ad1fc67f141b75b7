package io.llmtrain.tokenize.trainer;

import com.google.common.base.Preconditions;
import io.llmtrain.tokenize.normalizer.Normalizer;
import io.llmtrain.tokenize.pretokenizer.PreTokenizer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Counts the pre-tokenized pieces of a corpus for a {@link Trainer}: texts are normalized and
 * pre-tokenized exactly as the tokenizer will do it, in batches on {@code threads} workers, and
 * streamed (only a bounded number of batches is in flight, so a corpus larger than memory is
 * counted in one pass). Files are read as UTF-8; invalid bytes are replaced with U+FFFD and the
 * lines repaired are counted ({@link #repairedLines()}), never a crash.
 *
 * <p>Memory is bounded by {@code maxDistinctPieces} (0: unbounded): when the table grows past it,
 * the rarest pieces are pruned (all pieces of count 1, then 2, ... until at most half the cap
 * remain), the usual approximation of streaming counters; pruned occurrences are reported in
 * {@link #prunedOccurrences()}. Counts are exact while nothing is pruned. Not thread-safe itself:
 * feed it from one thread.
 */
public final class WordCounter {
  private static final int BATCH_CHARS = 1 << 16;

  private final Normalizer normalizer;
  private final PreTokenizer preTokenizer;
  private final int threads;
  private final long maxDistinctPieces;
  private final Map<String, long[]> counts = new HashMap<>();
  private final AtomicLong repairedLines = new AtomicLong();
  private long texts;
  private long prunedOccurrences;
  private long pruneBelow;

  private WordCounter(Builder b) {
    this.normalizer = b.normalizer;
    this.preTokenizer = b.preTokenizer;
    this.threads = b.threads;
    this.maxDistinctPieces = b.maxDistinctPieces;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Counts the pieces of every text. */
  public WordCounter addTexts(Iterable<String> corpus) {
    return addTexts(corpus.iterator());
  }

  public WordCounter addTexts(Stream<String> corpus) {
    try (corpus) {
      return addTexts(corpus.iterator());
    }
  }

  /** Counts a UTF-8 text file line by line (line breaks kept, as Hugging Face feeds files). */
  public WordCounter addFile(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Iterator<String> lines = new Utf8Lines(in, repairedLines);
      try {
        return addTexts(lines);
      } catch (UncheckedIOException e) {
        throw new IOException(file + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  private WordCounter addTexts(Iterator<String> it) {
    ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "word-counter");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      List<Future<Map<String, long[]>>> inFlight = new ArrayList<>();
      List<String> batch = new ArrayList<>();
      int chars = 0;
      while (it.hasNext()) {
        String text = it.next();
        texts++;
        batch.add(text);
        chars += text.length();
        if (chars >= BATCH_CHARS) {
          submit(pool, batch, inFlight);
          batch = new ArrayList<>();
          chars = 0;
          // bounded: wait for the oldest batch before reading further
          while (inFlight.size() > threads * 2) {
            merge(await(inFlight.remove(0)));
          }
        }
      }
      if (!batch.isEmpty()) {
        submit(pool, batch, inFlight);
      }
      for (Future<Map<String, long[]>> f : inFlight) {
        merge(await(f));
      }
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return this;
  }

  private void submit(ExecutorService pool, List<String> batch,
      List<Future<Map<String, long[]>>> inFlight) {
    if (pool == null) {
      merge(countBatch(batch));
    } else {
      inFlight.add(pool.submit(() -> countBatch(batch)));
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting words", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("counting words failed", e.getCause());
    }
  }

  private Map<String, long[]> countBatch(List<String> batch) {
    Map<String, long[]> local = new HashMap<>();
    for (String text : batch) {
      if (text.isEmpty()) {
        continue;
      }
      String normalized = normalizer == null ? text : normalizer.normalize(text);
      List<String> pieces = preTokenizer == null ? List.of(normalized)
          : preTokenizer.split(normalized);
      for (String p : pieces) {
        if (!p.isEmpty()) {
          local.computeIfAbsent(p, k -> new long[1])[0]++;
        }
      }
    }
    return local;
  }

  private void merge(Map<String, long[]> local) {
    for (Map.Entry<String, long[]> e : local.entrySet()) {
      long[] c = counts.get(e.getKey());
      if (c == null) {
        counts.put(e.getKey(), e.getValue());
      } else {
        c[0] += e.getValue()[0];
      }
    }
    if (maxDistinctPieces > 0 && counts.size() > maxDistinctPieces) {
      prune();
    }
  }

  private void prune() {
    while (counts.size() > maxDistinctPieces / 2) {
      pruneBelow++;
      long threshold = pruneBelow;
      var it = counts.values().iterator();
      while (it.hasNext()) {
        long[] c = it.next();
        if (c[0] <= threshold) {
          prunedOccurrences += c[0];
          it.remove();
        }
      }
    }
  }

  /** The counts so far, sorted by piece. Refuses a corpus that produced no pieces. */
  public WordCounts counts() {
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("the corpus has no text: " + texts
          + " texts were read and none produced a piece to count");
    }
    String[] words = counts.keySet().toArray(new String[0]);
    Arrays.sort(words);
    long[] c = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      c[i] = counts.get(words[i])[0];
    }
    return new WordCounts(words, c);
  }

  /** Texts (lines of files) read so far. */
  public long texts() {
    return texts;
  }

  /** Lines of files that were not valid UTF-8 and were repaired with U+FFFD. */
  public long repairedLines() {
    return repairedLines.get();
  }

  /** Occurrences dropped by pruning rare pieces (0 unless {@code maxDistinctPieces} was hit). */
  public long prunedOccurrences() {
    return prunedOccurrences;
  }

  /** Lines of UTF-8 bytes, decoded strictly and repaired with U+FFFD where invalid. */
  private static final class Utf8Lines implements Iterator<String> {
    private final InputStream in;
    private final AtomicLong repaired;
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private String next;
    private boolean eof;

    Utf8Lines(InputStream in, AtomicLong repaired) {
      this.in = in;
      this.repaired = repaired;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !eof) {
        next = readLine();
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      String s = next;
      next = null;
      return s;
    }

    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;

    private String readLine() {
      line.reset();
      try {
        while (true) {
          if (pos == limit) {
            limit = in.read(buf, 0, buf.length);
            pos = 0;
            if (limit <= 0) {
              limit = 0;
              eof = true;
              return line.size() == 0 ? null : decode();
            }
          }
          int start = pos;
          while (pos < limit && buf[pos] != '\n') {
            pos++;
          }
          if (pos < limit) {
            pos++; // keep the line break, as Hugging Face does when it feeds files
            line.write(buf, start, pos - start);
            return decode();
          }
          line.write(buf, start, pos - start);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String decode() {
      byte[] bytes = line.toByteArray();
      try {
        return strict.decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        repaired.incrementAndGet();
        return new String(bytes, StandardCharsets.UTF_8); // replaces with U+FFFD
      }
    }
  }

  /** Builds a {@link WordCounter}; by default no normalizer or pre-tokenizer, one thread. */
  public static final class Builder {
    private Normalizer normalizer;
    private PreTokenizer preTokenizer;
    private int threads = 1;
    private long maxDistinctPieces = 0;

    private Builder() {
    }

    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = normalizer;
      return this;
    }

    public Builder preTokenizer(PreTokenizer preTokenizer) {
      this.preTokenizer = preTokenizer;
      return this;
    }

    public Builder threads(int threads) {
      Preconditions.checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
      this.threads = threads;
      return this;
    }

    /** Cap on distinct pieces held (0: none); see the class comment for the pruning. */
    public Builder maxDistinctPieces(long maxDistinctPieces) {
      Preconditions.checkArgument(maxDistinctPieces == 0 || maxDistinctPieces >= 2,
          "maxDistinctPieces must be 0 (no cap) or >= 2, got %s", maxDistinctPieces);
      this.maxDistinctPieces = maxDistinctPieces;
      return this;
    }

    public WordCounter build() {
      return new WordCounter(this);
    }
  }
}
