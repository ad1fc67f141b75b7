package io.llmtrain.examples;

import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.StageReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.clean.CleanConfig;
import io.llmtrain.data.clean.OffensiveConfig;
import io.llmtrain.data.normalize.NormalizeConfig;
import io.llmtrain.data.normalize.Placeholder;
import java.nio.file.Path;
import java.util.Map;

/**
 * Prepares a JSONL corpus from application code: typed stage configurations, a stage of our own
 * passed as an instance, a stage registered by name through META-INF/services
 * ({@link MinWordsProvider}, {@code "min-words"}), and the run report.
 *
 * <pre>
 * mvn -q -B -pl examples -am package -DskipTests
 * java -cp "examples/target/lib/*:examples/target/llmtrain-examples-0.1.0-SNAPSHOT.jar" \
 *     io.llmtrain.examples.PrepareCorpus ../shared/corpora/nlp-corpus.jsonl /tmp/clean.jsonl
 * </pre>
 */
public final class PrepareCorpus {
  private PrepareCorpus() {
  }

  /** A stage of our own: tags each document with its number of lines. */
  static final class LineCounter implements DocumentProcessor {
    @Override
    public String name() {
      return "line-counter";
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      long lines = document.text().lines().count();
      context.count("lines", lines);
      return Outcome.keep(document.withMetadata("lines", lines));
    }
  }

  public static PipelineReport run(Path input, Path output, Path rejected) {
    return Pipeline.from(DataSource.jsonl(input, "text"))
        .repair()
        .clean(CleanConfig.builder()
            .offensive(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build())
            .build())
        .apply(io.llmtrain.core.spi.StageSpec.of("min-words", Map.of("min", 8)))
        .normalize(NormalizeConfig.builder()
            .lowercase(true)
            .placeholders(Placeholder.URL, Placeholder.EMAIL, Placeholder.NUMBER)
            .build())
        .apply(new LineCounter())
        .dedup()
        .onError(ErrorPolicy.SKIP)
        .writeTo(output)
        .rejectedTo(rejected)
        .run();
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: PrepareCorpus INPUT.jsonl OUTPUT.jsonl [REJECTED.jsonl]");
      System.exit(2);
    }
    Path rejected = Path.of(args.length > 2 ? args[2] : args[1] + ".rejected");
    PipelineReport report = run(Path.of(args[0]), Path.of(args[1]), rejected);
    for (StageReport s : report.stages()) {
      System.out.printf("%-14s in %,9d  out %,9d  rejected %s  counters %s%n", s.name(),
          s.documentsIn(), s.documentsOut(), s.rejected(), s.counters());
    }
    System.out.printf("%,d documents in, %,d kept, %.1f MB/s%n", report.documentsIn(),
        report.documentsOut(), report.megabytesPerSecond());
  }
}
