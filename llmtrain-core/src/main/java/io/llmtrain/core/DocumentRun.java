package io.llmtrain.core;

import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.DocumentSink;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.core.io.RejectedDocument;
import io.llmtrain.core.io.RejectionSink;
import io.llmtrain.core.io.SourceRecord;
import io.llmtrain.core.io.Texts;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.OrderedProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams documents from a source through the document stages to the sinks.
 *
 * <p>The coordinating thread reads records into batches, hands each batch to a worker pool and
 * takes results back in submission order, so output order never depends on thread timing. Only a
 * bounded number of batches is in flight, which bounds memory whatever the input size. The chain
 * is cut at each {@link OrderedProcessor}: the stages before it, and its {@code analyze}, run on
 * the pool; its {@code decide} runs on the coordinating thread in input order.
 */
final class DocumentRun {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentRun.class);
  static final String READ_STAGE = "read";

  private final DataSource source;
  private final List<DocumentProcessor> processors;
  private final DocumentSink sink;
  private final RejectionSink rejectionSink;
  private final ErrorPolicy onError;
  private final int threads;
  private final int batchDocuments;
  private final long batchBytes;
  private final ProgressListener progress;

  private final Stats readStats = new Stats(READ_STAGE);
  private final List<Stats> stageStats = new ArrayList<>();

  DocumentRun(DataSource source, List<DocumentProcessor> processors, DocumentSink sink,
      RejectionSink rejectionSink, ErrorPolicy onError, int threads, int batchDocuments,
      long batchBytes, ProgressListener progress) {
    this.source = source;
    this.processors = processors;
    this.sink = sink;
    this.rejectionSink = rejectionSink;
    this.onError = onError;
    this.threads = threads;
    this.batchDocuments = batchDocuments;
    this.batchBytes = batchBytes;
    this.progress = progress;
    for (DocumentProcessor p : processors) {
      stageStats.add(new Stats(p.name()));
    }
  }

  /** Per-stage counts, shared by worker threads. */
  static final class Stats implements StageContext {
    final String name;
    final LongAdder in = new LongAdder();
    final LongAdder nanos = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    Stats(String name) {
      this.name = name;
    }

    @Override
    public void count(String counter, long amount) {
      counters.computeIfAbsent(counter, k -> new LongAdder()).add(amount);
    }

    void reject(String reason) {
      rejected.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    StageReport report() {
      Map<String, Long> r = new TreeMap<>();
      rejected.forEach((k, v) -> r.put(k, v.sum()));
      Map<String, Long> c = new TreeMap<>();
      counters.forEach((k, v) -> c.put(k, v.sum()));
      return new StageReport(name, in.sum(), r, c, nanos.sum() / 1_000_000);
    }
  }

  /** A run of stages executed together: independent ones, then optionally an ordered one. */
  private record Segment(List<Integer> parallel, int ordered) {
  }

  /** Documents in flight together. A slot holds a live document, or its rejection, never both. */
  private static final class Batch {
    final Document[] docs;
    final RejectedDocument[] rejections;
    final long[] bytes;
    final Object[] analyses;
    int size;

    Batch(int capacity) {
      docs = new Document[capacity];
      rejections = new RejectedDocument[capacity];
      bytes = new long[capacity];
      analyses = new Object[capacity];
    }
  }

  record Result(long documentsIn, long documentsOut, long bytesIn, long bytesOut,
      List<StageReport> stages, Map<String, String> inputHashes, long wallMillis) {
  }

  Result execute() throws IOException {
    long start = System.nanoTime();
    List<Segment> segments = segments();
    AtomicInteger threadNo = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "llmtrain-worker-" + threadNo.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long in = 0;
    long kept = 0;
    long rejected = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    Map<String, String> hashes;
    try (RecordReader reader = source.open(onError)) {
      Iterator<Batch> batches = new BatchReader(reader);
      for (Segment segment : segments) {
        batches = new SegmentStage(batches, segment, pool);
      }
      long lastProgress = 0;
      while (batches.hasNext()) {
        Batch b = batches.next();
        for (int i = 0; i < b.size; i++) {
          in++;
          bytesIn += b.bytes[i];
          if (b.docs[i] != null) {
            kept++;
            bytesOut += Texts.utf8Length(b.docs[i].text());
            if (sink != null) {
              sink.write(b.docs[i]);
            }
          } else {
            rejected++;
            if (rejectionSink != null) {
              rejectionSink.write(b.rejections[i]);
            }
          }
        }
        long now = System.nanoTime();
        if (now - lastProgress > 100_000_000L) {
          lastProgress = now;
          progress.update(new Progress(in, kept, rejected, reader.bytesConsumed(),
              source.totalBytes(), Duration.ofNanos(now - start)));
        }
      }
      hashes = reader.inputHashes();
      progress.finished(new Progress(in, kept, rejected, reader.bytesConsumed(),
          source.totalBytes(), Duration.ofNanos(System.nanoTime() - start)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pool.shutdownNow();
    }
    List<StageReport> reports = new ArrayList<>();
    reports.add(readStats.report());
    for (Stats s : stageStats) {
      reports.add(s.report());
    }
    long rejectedByStages = reports.stream().mapToLong(StageReport::rejectedTotal).sum();
    if (kept + rejected != in || rejectedByStages != rejected) {
      throw new IllegalStateException("document accounting broke: in=" + in + " kept=" + kept
          + " rejected=" + rejected + " rejected by stages=" + rejectedByStages);
    }
    return new Result(in, kept, bytesIn, bytesOut, reports, hashes,
        (System.nanoTime() - start) / 1_000_000);
  }

  private List<Segment> segments() {
    List<Segment> segments = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < processors.size(); i++) {
      if (processors.get(i) instanceof OrderedProcessor<?>) {
        segments.add(new Segment(List.copyOf(current), i));
        current = new ArrayList<>();
      } else {
        current.add(i);
      }
    }
    if (!current.isEmpty() || segments.isEmpty()) {
      segments.add(new Segment(List.copyOf(current), -1));
    }
    return segments;
  }

  /** Reads records into batches on the coordinating thread. */
  private final class BatchReader implements Iterator<Batch> {
    private final RecordReader reader;
    private Batch next;
    private boolean done;

    BatchReader(RecordReader reader) {
      this.reader = reader;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        next = read();
        done = next == null;
      }
      return next != null;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Batch b = next;
      next = null;
      return b;
    }

    private Batch read() {
      Batch b = new Batch(batchDocuments);
      long bytes = 0;
      try {
        while (b.size < batchDocuments && bytes < batchBytes) {
          long t0 = System.nanoTime();
          SourceRecord r = reader.next();
          readStats.nanos.add(System.nanoTime() - t0);
          if (r == null) {
            break;
          }
          int i = b.size++;
          readStats.in.increment();
          if (r instanceof SourceRecord.Read read) {
            b.docs[i] = read.document();
            b.bytes[i] = read.bytes();
            if (read.repaired()) {
              readStats.count("utf8_repaired");
            }
          } else if (r instanceof SourceRecord.Unreadable u) {
            b.bytes[i] = u.bytes();
            b.rejections[i] = new RejectedDocument(u.id(), READ_STAGE, u.reason(), u.detail(),
                Optional.empty(), u.raw());
            readStats.reject(u.reason());
          }
          bytes += b.bytes[i];
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b.size == 0 ? null : b;
    }
  }

  /** Runs one segment over a stream of batches, keeping up to a fixed number in flight. */
  private final class SegmentStage implements Iterator<Batch> {
    private final Iterator<Batch> upstream;
    private final Segment segment;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
    private final int window = Math.max(2, threads * 2);

    SegmentStage(Iterator<Batch> upstream, Segment segment, ExecutorService pool) {
      this.upstream = upstream;
      this.segment = segment;
      this.pool = pool;
    }

    @Override
    public boolean hasNext() {
      return !inFlight.isEmpty() || upstream.hasNext();
    }

    @Override
    public Batch next() {
      while (inFlight.size() < window && upstream.hasNext()) {
        Batch b = upstream.next();
        inFlight.add(pool.submit(() -> runParallel(b)));
      }
      if (inFlight.isEmpty()) {
        throw new NoSuchElementException();
      }
      Batch b;
      try {
        b = inFlight.poll().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmtrainException("interrupted while processing documents", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new LlmtrainException("document processing failed", e.getCause());
      }
      if (segment.ordered() >= 0) {
        runOrdered(b);
      }
      return b;
    }

    private Batch runParallel(Batch b) {
      for (int i = 0; i < b.size; i++) {
        for (int p : segment.parallel()) {
          if (b.docs[i] == null) {
            break;
          }
          apply(b, i, p, null);
        }
        if (segment.ordered() >= 0 && b.docs[i] != null) {
          int p = segment.ordered();
          OrderedProcessor<?> op = (OrderedProcessor<?>) processors.get(p);
          Stats stats = stageStats.get(p);
          stats.in.increment();
          long t0 = System.nanoTime();
          try {
            b.analyses[i] = op.analyze(b.docs[i], stats);
          } catch (RuntimeException e) {
            fail(b, i, p, e);
          } catch (OutOfMemoryError e) {
            throw outOfMemory(stats.name, b.docs[i], e);
          } finally {
            stats.nanos.add(System.nanoTime() - t0);
          }
        }
      }
      return b;
    }

    private void runOrdered(Batch b) {
      int p = segment.ordered();
      for (int i = 0; i < b.size; i++) {
        if (b.docs[i] != null) {
          apply(b, i, p, b.analyses[i]);
          b.analyses[i] = null;
        }
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void apply(Batch b, int i, int p, Object analysis) {
      DocumentProcessor processor = processors.get(p);
      Stats stats = stageStats.get(p);
      Document doc = b.docs[i];
      if (!(processor instanceof OrderedProcessor)) {
        stats.in.increment(); // ordered stages count documents when analyzing them
      }
      long t0 = System.nanoTime();
      Outcome outcome;
      try {
        outcome = processor instanceof OrderedProcessor op
            ? op.decide(doc, analysis, stats)
            : processor.process(doc, stats);
        if (outcome == null) {
          throw new IllegalStateException("stage returned no outcome");
        }
      } catch (RuntimeException e) {
        fail(b, i, p, e);
        return;
      } catch (OutOfMemoryError e) {
        throw outOfMemory(stats.name, doc, e);
      } finally {
        stats.nanos.add(System.nanoTime() - t0);
      }
      if (outcome instanceof Outcome.Kept k) {
        b.docs[i] = k.document();
      } else {
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        reject(b, i, p, r.reason(), r.detail());
      }
    }

    /** Names the stage and the document, which the bare error would not. */
    private LlmtrainException outOfMemory(String stage, Document doc, OutOfMemoryError e) {
      return new LlmtrainException("Stage '" + stage + "' ran out of memory on document '"
          + doc.id() + "' (" + doc.text().length() + " characters, heap limit "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB); give the JVM more heap "
          + "(-Xmx, or LLMTRAIN_JAVA_OPTS for bin/llmtrain) or fewer threads", e);
    }

    private void reject(Batch b, int i, int p, String reason, String detail) {
      Stats stats = stageStats.get(p);
      stats.reject(reason);
      b.rejections[i] = new RejectedDocument(b.docs[i].id(), stats.name, reason, detail,
          Optional.of(b.docs[i]), null);
      b.docs[i] = null;
    }

    private void fail(Batch b, int i, int p, RuntimeException e) {
      String stage = stageStats.get(p).name;
      String id = b.docs[i].id();
      if (onError == ErrorPolicy.FAIL) {
        throw new LlmtrainException("Stage '" + stage + "' failed on document '" + id + "': "
            + e, e);
      }
      LOG.warn("Stage '{}' failed on document '{}'; rejecting it (on-error=skip)", stage, id, e);
      reject(b, i, p, "stage_error", e.toString());
    }
  }
}
