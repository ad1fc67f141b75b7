package io.llmtrain.cli;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.data.PrepareRecipe;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain prepare}: the default data-preparation chain over files. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Extract, repair, clean, filter, normalize and deduplicate documents.",
        "Kept documents go to --output as JSONL (id, text, metadata); rejected ones, with their "
            + "stage and reason, to --rejected; counts to --report."})
final class PrepareCommand implements Callable<Integer> {

  enum Format { TEXT, LINES, JSONL, EMAIL, HTML }

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "Input files or directories (.gz is decompressed).")
  List<Path> inputs;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "text (a document per file), lines, jsonl, email (an RFC 822 message per "
          + "file) or html (a page per file).")
  Format format;

  @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
      description = "JSONL field holding the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--extract", paramLabel = "KIND",
      description = "Extract text from raw e-mail or HTML held in JSONL or line input: email, html, "
          + "auto (per document, by its format metadata or content) or none.")
  PrepareRecipe.Extract extract;

  @Option(names = "--output", required = true, paramLabel = "OUT.jsonl",
      description = "Kept documents, JSONL.")
  Path output;

  @Option(names = "--rejected", paramLabel = "REJ.jsonl",
      description = "Rejected documents with stage and reason, JSONL.")
  Path rejected;

  @Option(names = "--report", paramLabel = "REPORT.json", description = "Run report, JSON.")
  Path report;

  @Option(names = "--lang", split = ",", paramLabel = "CODE",
      description = "Keep only these languages (ISO 639-1, e.g. en,pt).")
  List<String> languages = List.of();

  @Option(names = "--near-dedup", description = "Also drop near-duplicates (MinHash LSH).")
  boolean nearDedup;

  @Option(names = "--no-dedup", description = "Keep exact duplicates.")
  boolean noDedup;

  @Option(names = "--no-quality",
      description = "Skip the Gopher and C4 quality rules (for corpora of short sentences).")
  boolean noQuality;

  @Option(names = "--lowercase", description = "Lower-case the text.")
  boolean lowercase;

  @Option(names = "--placeholders", split = ",", paramLabel = "KIND",
      description = "Replace these with placeholders: url,email,date,number.")
  List<String> placeholders = List.of();

  @Option(names = "--on-error", defaultValue = "fail", paramLabel = "POLICY",
      description = "fail (default) or skip: what to do with unreadable records and with "
          + "documents a stage fails on (skip rejects them with their reason).")
  ErrorPolicy onError;

  @Option(names = "--threads", paramLabel = "N",
      description = "Worker threads (default: the number of cores).")
  Integer threads;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    DataSource source = switch (format) {
      case TEXT, EMAIL, HTML -> DataSource.files(FileFormat.TEXT, inputs, null);
      case LINES -> DataSource.files(FileFormat.LINES, inputs, null);
      case JSONL -> DataSource.files(FileFormat.JSONL, inputs, textField);
    };
    PrepareRecipe.Extract ex = extract != null ? extract
        : format == Format.EMAIL ? PrepareRecipe.Extract.EMAIL
        : format == Format.HTML ? PrepareRecipe.Extract.HTML
        : PrepareRecipe.Extract.NONE;
    PrepareRecipe recipe = PrepareRecipe.builder()
        .extract(ex)
        .languages(languages)
        .quality(!noQuality)
        .dedup(!noDedup)
        .nearDedup(nearDedup)
        .lowercase(lowercase)
        .placeholders(new LinkedHashSet<>(placeholders))
        .build();
    Pipeline pipeline = recipe.applyTo(Pipeline.from(source))
        .writeTo(output)
        .onError(onError)
        .progress(new ConsoleProgress("prepare", System.err, !quiet));
    if (rejected != null) {
      pipeline = pipeline.rejectedTo(rejected);
    }
    if (threads != null) {
      pipeline = pipeline.threads(threads);
    }
    PipelineReport result = pipeline.run();
    if (report != null) {
      result.writeJson(report);
    }
    if (!quiet) {
      Summary.print(result, System.out);
    }
    return 0;
  }
}
