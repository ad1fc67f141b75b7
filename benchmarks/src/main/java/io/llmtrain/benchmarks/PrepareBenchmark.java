package io.llmtrain.benchmarks;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.data.PrepareRecipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the default {@code prepare} chain (repair, clean, quality, normalize, exact dedup;
 * e-mail extraction first with {@code --extract email}) on a corpus, in input MB/s, the median of
 * several runs after a warm-up run. Output is written to a temporary file as the CLI would.
 *
 * <pre>
 * benchmarks/run PrepareBenchmark --corpus ../shared/corpora/spamassassin.jsonl --extract email
 * </pre>
 */
public final class PrepareBenchmark {
  private PrepareBenchmark() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = BenchmarkSupport.args(argv);
    Path corpus = Path.of(a.getOrDefault("corpus", "../shared/corpora/spamassassin.jsonl"));
    String field = a.getOrDefault("text-field", "text");
    PrepareRecipe.Extract extract = PrepareRecipe.Extract.valueOf(
        a.getOrDefault("extract", "none").toUpperCase(Locale.ROOT));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "3"));
    // Warm-up lasts at least this long too: on a small corpus a few runs end before the JIT has
    // compiled the hot paths, and the "warm" figure would still be a cold one.
    long warmupNanos = (long) (Double.parseDouble(a.getOrDefault("warmup-seconds", "20")) * 1e9);
    int repeat = Integer.parseInt(a.getOrDefault("repeat", "5"));
    int threads = Integer.parseInt(a.getOrDefault("threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    boolean nearDedup = Boolean.parseBoolean(a.getOrDefault("near-dedup", "false"));

    PrepareRecipe recipe = PrepareRecipe.builder().extract(extract).nearDedup(nearDedup).build();
    Path out = Files.createTempFile("prepare-bench", ".jsonl");
    Pipeline pipeline = recipe.applyTo(Pipeline.from(
            DataSource.files(FileFormat.JSONL, List.of(corpus), field)))
        .onError(ErrorPolicy.SKIP)
        .threads(threads)
        .writeTo(out);
    System.out.printf("corpus %s (%.1f MB), chain %s, %d threads, heap max %.0f MiB%n", corpus,
        Files.size(corpus) / 1e6, pipeline.stageNames(), threads, BenchmarkSupport.maxHeapMib());

    // The first run is what a user running prepare once sees; later runs show the JIT-compiled
    // steady state that a long corpus reaches.
    double cold = 0;
    long warmupStart = System.nanoTime();
    for (int i = 0; i < warmup || System.nanoTime() - warmupStart < warmupNanos; i++) {
      PipelineReport r = pipeline.run();
      if (i == 0) {
        cold = r.megabytesPerSecond();
      }
      System.out.printf("  warm-up %d: %.1f MB/s%n", i + 1, r.megabytesPerSecond());
    }
    List<Double> rates = BenchmarkSupport.list();
    PipelineReport last = null;
    BenchmarkSupport.resetPeaks();
    for (int i = 0; i < repeat; i++) {
      last = pipeline.run();
      rates.add(last.megabytesPerSecond());
      System.out.printf("  run %d: %.1f MB/s (%,d docs in %,d ms, %,d kept)%n", i + 1,
          last.megabytesPerSecond(), last.documentsIn(), last.wallMillis(),
          last.documentsOut());
    }
    Files.deleteIfExists(out);
    System.out.printf("RESULT prepare %s: warm median %.1f MB/s (cold first run %.1f MB/s), "
            + "%.0f docs/s, %,d of %,d kept, peak heap %.0f MiB%n", corpus.getFileName(),
        BenchmarkSupport.median(rates), cold,
        last.documentsIn() / (last.wallMillis() / 1000.0), last.documentsOut(),
        last.documentsIn(), BenchmarkSupport.peakHeapMib());
    System.out.println("stage CPU time (ms, summed over threads):");
    last.stages().forEach(s -> System.out.printf("  %-12s %,8d%n", s.name(), s.cpuMillis()));
  }
}
