package io.llmtrain.benchmarks;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.FileFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Documents per second of MinHash LSH near-deduplication alone (reading included, nothing
 * written), the median of several runs after a warm-up, with default parameters (5-word shingles,
 * 14 bands of 8 rows).
 *
 * <pre>
 * benchmarks/run NearDedupBenchmark --corpus ../shared/corpora/nlp-corpus.jsonl
 * </pre>
 */
public final class NearDedupBenchmark {
  private NearDedupBenchmark() {
  }

  public static void main(String[] argv) {
    Map<String, String> a = BenchmarkSupport.args(argv);
    Path corpus = Path.of(a.getOrDefault("corpus", "../shared/corpora/nlp-corpus.jsonl"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
    // Warm-up lasts at least this long too: on a small corpus a few runs end before the JIT has
    // compiled the hot paths, and the "warm" figure would still be a cold one.
    long warmupNanos = (long) (Double.parseDouble(a.getOrDefault("warmup-seconds", "20")) * 1e9);
    int repeat = Integer.parseInt(a.getOrDefault("repeat", "5"));
    int threads = Integer.parseInt(a.getOrDefault("threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    Pipeline pipeline = Pipeline.from(DataSource.files(FileFormat.JSONL, List.of(corpus),
            a.getOrDefault("text-field", "text")))
        .nearDedup()
        .onError(ErrorPolicy.SKIP)
        .threads(threads);
    System.out.printf("corpus %s, %d threads, heap max %.0f MiB%n", corpus, threads,
        BenchmarkSupport.maxHeapMib());
    double cold = 0;
    long warmupStart = System.nanoTime();
    for (int i = 0; i < warmup || System.nanoTime() - warmupStart < warmupNanos; i++) {
      PipelineReport r = pipeline.run();
      double rate = r.documentsIn() / (r.wallMillis() / 1000.0);
      if (i == 0) {
        cold = rate;
      }
      System.out.printf("  warm-up %d: %,.0f docs/s%n", i + 1, rate);
    }
    List<Double> rates = BenchmarkSupport.list();
    PipelineReport last = null;
    BenchmarkSupport.resetPeaks();
    for (int i = 0; i < repeat; i++) {
      last = pipeline.run();
      double docsPerSecond = last.documentsIn() / (last.wallMillis() / 1000.0);
      rates.add(docsPerSecond);
      System.out.printf("  run %d: %,.0f docs/s (%,d docs, %,d near-duplicates, %,d ms)%n", i + 1,
          docsPerSecond, last.documentsIn(), last.rejectedTotal(), last.wallMillis());
    }
    System.out.printf("RESULT near-dedup %s: warm median %,.0f docs/s (cold first run %,.0f), "
            + "%,d of %,d flagged, peak heap %.0f MiB%n", corpus.getFileName(),
        BenchmarkSupport.median(rates), cold,
        last.rejectedTotal(), last.documentsIn(), BenchmarkSupport.peakHeapMib());
  }
}
