package io.llmtrain.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.DocumentSink;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.RejectionSink;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.spi.Step;
import io.llmtrain.core.spi.StepKind;
import io.llmtrain.core.spi.StepProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * An immutable description of work on a corpus, built fluently and run with {@link #run}:
 *
 * <pre>{@code
 * PipelineReport report = Pipeline.from(DataSource.jsonl(path, "text"))
 *     .clean()
 *     .normalize()
 *     .dedup()
 *     .writeTo(Path.of("clean.jsonl"))
 *     .run();
 * }</pre>
 *
 * <p>Every method returns a new pipeline. Stages are named plugins found through
 * {@link java.util.ServiceLoader} ({@code clean()} asks for the processor named {@code clean}),
 * configured by a {@link StageSpec} such as the data module's {@code CleanConfig}, or given as an
 * instance with {@link #apply(DocumentProcessor)}. The core knows none of the implementations.
 *
 * <p>After the document stages come the model-lifecycle steps ({@link #tokenize},
 * {@link #pretrain}, {@link #finetune}, {@link #evaluate}); each hands artifacts to the next
 * through the work directory. {@link #validate} resolves every plugin, checks every parameter and
 * the order of the steps before any document is read.
 */
public final class Pipeline {
  private final DataSource source;
  private final List<StageEntry> stages;
  private final List<StepEntry> steps;
  private final Supplier<DocumentSink> sink;
  private final Supplier<RejectionSink> rejectionSink;
  private final Path sinkPath;
  private final Path rejectionPath;
  private final Options options;

  /** A document stage as configured: a plugin spec to resolve, or a ready instance. */
  private record StageEntry(StageSpec spec, DocumentProcessor instance) {
    String label() {
      return instance != null ? instance.name() : spec.name();
    }
  }

  private record StepEntry(StepKind kind, StageSpec spec) {
  }

  private record Options(int threads, ErrorPolicy onError, int batchDocuments, long batchBytes,
      ProgressListener progress, Path workDirectory, long seed) {
  }

  private Pipeline(DataSource source, List<StageEntry> stages, List<StepEntry> steps,
      Supplier<DocumentSink> sink, Path sinkPath, Supplier<RejectionSink> rejectionSink,
      Path rejectionPath, Options options) {
    this.source = source;
    this.stages = List.copyOf(stages);
    this.steps = List.copyOf(steps);
    this.sink = sink;
    this.sinkPath = sinkPath;
    this.rejectionSink = rejectionSink;
    this.rejectionPath = rejectionPath;
    this.options = options;
  }

  /** Starts a pipeline reading from {@code source}. */
  public static Pipeline from(DataSource source) {
    requireNonNull(source, "source");
    return new Pipeline(source, List.of(), List.of(), null, null, null, null,
        new Options(Runtime.getRuntime().availableProcessors(), ErrorPolicy.FAIL, 256, 4L << 20,
            ProgressListener.NONE, null, 42));
  }

  private Pipeline withStage(StageEntry entry) {
    checkArgument(steps.isEmpty(),
        "document stages must come before tokenize/pretrain/finetune/evaluate; '%s' came after",
        entry.label());
    List<StageEntry> s = new ArrayList<>(stages);
    s.add(entry);
    return new Pipeline(source, s, steps, sink, sinkPath, rejectionSink, rejectionPath, options);
  }

  private Pipeline withStep(StepKind kind, StageSpec spec) {
    requireNonNull(spec, "spec");
    List<StepEntry> s = new ArrayList<>(steps);
    s.add(new StepEntry(kind, spec));
    return new Pipeline(source, stages, s, sink, sinkPath, rejectionSink, rejectionPath, options);
  }

  private Pipeline withOptions(Options o) {
    return new Pipeline(source, stages, steps, sink, sinkPath, rejectionSink, rejectionPath, o);
  }

  // ---- document stages -------------------------------------------------------------------

  /** Adds a processor instance, for example a user's own stage. It must be thread-safe. */
  public Pipeline apply(DocumentProcessor processor) {
    requireNonNull(processor, "processor");
    return withStage(new StageEntry(null, processor));
  }

  /** Adds the registered processor that {@code spec} names, configured by it. */
  public Pipeline apply(StageSpec spec) {
    requireNonNull(spec, "spec");
    return withStage(new StageEntry(spec, null));
  }

  /** Adds a registered processor by name with its default configuration. */
  public Pipeline apply(String name) {
    return apply(StageSpec.of(name));
  }

  private Pipeline named(String expected, StageSpec spec) {
    requireNonNull(spec, "spec");
    checkArgument(spec.name().equals(expected),
        "%s(...) takes a configuration for '%s' but was given one for '%s'; use apply(...) for "
            + "other stages", camel(expected), expected, spec.name());
    return apply(spec);
  }

  private static String camel(String name) {
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }

  /** Extracts the text of HTML pages (processor {@code html}). */
  public Pipeline extractHtml() {
    return apply("html");
  }

  /** Extracts the text of raw RFC 822 e-mail messages (processor {@code email}). */
  public Pipeline extractEmail() {
    return apply("email");
  }

  /** Repairs mojibake, control characters and broken surrogates (processor {@code repair}). */
  public Pipeline repair() {
    return apply("repair");
  }

  public Pipeline repair(StageSpec config) {
    return named("repair", config);
  }

  /** Removes emoji, symbol runs and boilerplate, filters offensive text and redacts PII. */
  public Pipeline clean() {
    return apply("clean");
  }

  public Pipeline clean(StageSpec config) {
    return named("clean", config);
  }

  /** Unicode, case, punctuation and whitespace normalization (processor {@code normalize}). */
  public Pipeline normalize() {
    return apply("normalize");
  }

  public Pipeline normalize(StageSpec config) {
    return named("normalize", config);
  }

  /** Gopher quality and repetition rules and C4 line rules (processor {@code quality}). */
  public Pipeline filter() {
    return apply("quality");
  }

  public Pipeline filter(StageSpec config) {
    return named("quality", config);
  }

  /** Keeps documents identified as one of the given languages (ISO 639-1 codes). */
  public Pipeline filterLanguage(String... languages) {
    checkArgument(languages.length > 0, "name at least one language, such as \"en\"");
    return apply(StageSpec.of("language", Map.of("languages", List.of(languages))));
  }

  public Pipeline filterLanguage(StageSpec config) {
    return named("language", config);
  }

  /** Drops exact duplicates, keeping the first occurrence (processor {@code dedup}). */
  public Pipeline dedup() {
    return apply("dedup");
  }

  public Pipeline dedup(StageSpec config) {
    return named("dedup", config);
  }

  /** Drops near-duplicates found by MinHash LSH (processor {@code near-dedup}). */
  public Pipeline nearDedup() {
    return apply("near-dedup");
  }

  public Pipeline nearDedup(StageSpec config) {
    return named("near-dedup", config);
  }

  // ---- lifecycle steps -------------------------------------------------------------------

  /** Trains or loads a tokenizer and encodes the corpus into token shards. */
  public Pipeline tokenize(StageSpec spec) {
    return withStep(StepKind.TOKENIZE, spec);
  }

  /** Pretrains a model on the token shards. */
  public Pipeline pretrain(StageSpec spec) {
    return withStep(StepKind.PRETRAIN, spec);
  }

  /** Fine-tunes the model. */
  public Pipeline finetune(StageSpec spec) {
    return withStep(StepKind.FINETUNE, spec);
  }

  /** Evaluates the model; one step per spec. */
  public Pipeline evaluate(StageSpec... specs) {
    checkArgument(specs.length > 0, "name at least one evaluation");
    Pipeline p = this;
    for (StageSpec s : specs) {
      p = p.withStep(StepKind.EVALUATE, s);
    }
    return p;
  }

  // ---- outputs and options ---------------------------------------------------------------

  /** Writes kept documents as JSONL to {@code path} (atomically, when the run succeeds). */
  public Pipeline writeTo(Path path) {
    requireNonNull(path, "path");
    return new Pipeline(source, stages, steps, () -> DocumentSink.jsonl(path), path,
        rejectionSink, rejectionPath, options);
  }

  /** Sends kept documents to a sink of your own. */
  public Pipeline writeTo(DocumentSink documentSink) {
    requireNonNull(documentSink, "sink");
    return new Pipeline(source, stages, steps, () -> documentSink, null, rejectionSink,
        rejectionPath, options);
  }

  /** Writes every rejected document, with its stage and reason, as JSONL to {@code path}. */
  public Pipeline rejectedTo(Path path) {
    requireNonNull(path, "path");
    return new Pipeline(source, stages, steps, sink, sinkPath, () -> RejectionSink.jsonl(path),
        path, options);
  }

  public Pipeline rejectedTo(RejectionSink rejected) {
    requireNonNull(rejected, "sink");
    return new Pipeline(source, stages, steps, sink, sinkPath, () -> rejected, null, options);
  }

  /** Worker threads for the document stages; defaults to the number of cores. */
  public Pipeline threads(int threads) {
    checkArgument(threads >= 1 && threads <= 1024, "threads must be 1 to 1024, got %s", threads);
    Options o = options;
    return withOptions(new Options(threads, o.onError, o.batchDocuments, o.batchBytes,
        o.progress, o.workDirectory, o.seed));
  }

  /** What to do with unreadable records and failing stages; {@link ErrorPolicy#FAIL} by default. */
  public Pipeline onError(ErrorPolicy policy) {
    requireNonNull(policy, "policy");
    Options o = options;
    return withOptions(new Options(o.threads, policy, o.batchDocuments, o.batchBytes, o.progress,
        o.workDirectory, o.seed));
  }

  /**
   * Documents and bytes per batch handed to a worker: bigger batches cost less coordination, and
   * memory stays under about 2 x threads x segments x {@code maxBytes}.
   */
  public Pipeline batching(int maxDocuments, long maxBytes) {
    checkArgument(maxDocuments >= 1, "maxDocuments must be positive, got %s", maxDocuments);
    checkArgument(maxBytes >= 1, "maxBytes must be positive, got %s", maxBytes);
    Options o = options;
    return withOptions(new Options(o.threads, o.onError, maxDocuments, maxBytes, o.progress,
        o.workDirectory, o.seed));
  }

  public Pipeline progress(ProgressListener listener) {
    requireNonNull(listener, "listener");
    Options o = options;
    return withOptions(new Options(o.threads, o.onError, o.batchDocuments, o.batchBytes, listener,
        o.workDirectory, o.seed));
  }

  /** Where lifecycle steps put their artifacts; required when there are any. */
  public Pipeline workDirectory(Path directory) {
    requireNonNull(directory, "directory");
    Options o = options;
    return withOptions(new Options(o.threads, o.onError, o.batchDocuments, o.batchBytes,
        o.progress, directory, o.seed));
  }

  /** The seed handed to every step that draws random numbers; 42 by default. */
  public Pipeline seed(long seed) {
    Options o = options;
    return withOptions(new Options(o.threads, o.onError, o.batchDocuments, o.batchBytes,
        o.progress, o.workDirectory, seed));
  }

  // ---- validation and running ------------------------------------------------------------

  /** The resolved pipeline: fresh processor and step instances, checked to fit together. */
  private record Plan(List<DocumentProcessor> processors, List<Step> steps) {
  }

  /**
   * Checks the whole wiring without doing any work: the inputs exist, every stage and step
   * resolves to a plugin, every parameter is known and valid, output directories can be made,
   * and every step finds the artifacts it needs. Throws {@link ConfigException} or
   * {@link InputException} naming the problem.
   */
  public void validate() {
    plan();
  }

  private Plan plan() {
    source.validate();
    List<DocumentProcessor> processors = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (StageEntry e : stages) {
      DocumentProcessor p = e.instance != null ? e.instance
          : Plugins.get(ProcessorProvider.class, e.spec.name(), x -> true, "document processor")
              .create(e.spec);
      if (!names.add(p.name())) {
        throw new ConfigException("Two document stages are named '" + p.name() + "'; stage "
            + "names must be unique so reports can tell them apart");
      }
      processors.add(p);
    }
    List<Step> resolved = new ArrayList<>();
    Set<String> available = new TreeSet<>(Set.of(Artifacts.CORPUS));
    for (StepEntry e : steps) {
      StepProvider provider = Plugins.get(StepProvider.class, e.spec.name(),
          p -> p.kind() == e.kind, e.kind.label() + " step");
      Step step = provider.create(e.spec);
      Set<String> missing = new TreeSet<>(step.requires());
      missing.removeAll(available);
      if (!missing.isEmpty()) {
        throw new ConfigException(e.kind.label() + " step '" + e.spec.name() + "' needs "
            + String.join(", ", missing) + ", which no earlier step produces (available: "
            + String.join(", ", available) + ")");
      }
      available.addAll(step.produces());
      resolved.add(step);
    }
    if (!steps.isEmpty() && options.workDirectory == null) {
      throw new ConfigException("tokenize/pretrain/finetune/evaluate write artifacts: set "
          + "workDirectory(...)");
    }
    for (Path p : new Path[] {sinkPath, rejectionPath, options.workDirectory}) {
      checkWritable(p);
    }
    return new Plan(processors, resolved);
  }

  private static void checkWritable(Path p) {
    if (p == null) {
      return;
    }
    Path dir = p.toAbsolutePath().getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
      throw new ConfigException("cannot write " + p + ": " + dir + " is not a writable directory");
    }
    if (Files.isDirectory(p) && !p.equals(p.getRoot())) {
      // a work directory may exist; an output file may not be a directory
      return;
    }
  }

  /**
   * Validates, then runs the document stages and the lifecycle steps.
   *
   * @throws ConfigException when the wiring is wrong (before any work)
   * @throws InputException when input cannot be read and the error policy is {@code FAIL}
   */
  public PipelineReport run() {
    Plan plan = plan();
    Instant started = Instant.now();
    DocumentSink documentSink = sink == null ? null : sink.get();
    RejectionSink rejected = rejectionSink == null ? null : rejectionSink.get();
    Path corpus = null;
    DocumentSink corpusSink = null;
    if (!plan.steps.isEmpty()) {
      corpus = options.workDirectory.resolve("corpus.jsonl");
      corpusSink = DocumentSink.jsonl(corpus);
    }
    DocumentRun.Result result;
    try (DocumentSink a = documentSink; DocumentSink b = corpusSink; RejectionSink r = rejected) {
      DocumentSink out = tee(a, b);
      result = new DocumentRun(source, plan.processors, out, r, options.onError, options.threads,
          options.batchDocuments, options.batchBytes, options.progress).execute();
      if (out != null) {
        out.commit();
      }
      if (r != null) {
        r.commit();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new LlmtrainException("closing outputs failed", e);
    }
    List<StepReport> stepReports = runSteps(plan, corpus);
    Map<String, Object> provenance = provenance(plan, started);
    return new PipelineReport(result.documentsIn(), result.documentsOut(), result.bytesIn(),
        result.bytesOut(), result.stages(), stepReports, result.wallMillis(),
        result.inputHashes(), provenance);
  }

  private static DocumentSink tee(DocumentSink a, DocumentSink b) {
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    return new DocumentSink() {
      @Override
      public void write(Document document) throws IOException {
        a.write(document);
        b.write(document);
      }

      @Override
      public void commit() throws IOException {
        a.commit();
        b.commit();
      }
    };
  }

  private List<StepReport> runSteps(Plan plan, Path corpus) {
    List<StepReport> reports = new ArrayList<>();
    Map<String, Path> artifacts = new HashMap<>();
    if (corpus != null) {
      artifacts.put(Artifacts.CORPUS, corpus);
    }
    for (int i = 0; i < plan.steps.size(); i++) {
      Step step = plan.steps.get(i);
      StepEntry entry = steps.get(i);
      Path out = options.workDirectory.resolve(
          String.format("%02d-%s-%s", i + 1, entry.kind.label(), entry.spec.name()));
      long t0 = System.nanoTime();
      Step.Result result;
      try {
        Files.createDirectories(out);
        Map<String, Path> visible = Map.copyOf(artifacts);
        result = step.run(new Step.Context() {
          @Override
          public Path outputDirectory() {
            return out;
          }

          @Override
          public Path artifact(String name) {
            if (!step.requires().contains(name)) {
              throw new IllegalArgumentException("step '" + entry.spec.name() + "' asked for "
                  + name + " without declaring it in requires()");
            }
            return visible.get(name);
          }

          @Override
          public long seed() {
            return options.seed;
          }
        });
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new LlmtrainException(entry.kind.label() + " step '" + entry.spec.name()
            + "' failed: " + e.getMessage(), e);
      }
      for (String produced : step.produces()) {
        Path p = result.artifacts().get(produced);
        if (p == null || !Files.exists(p)) {
          throw new LlmtrainException(entry.kind.label() + " step '" + entry.spec.name()
              + "' promised " + produced + " but did not produce it");
        }
      }
      artifacts.putAll(result.artifacts());
      reports.add(new StepReport(entry.kind.label(), entry.spec.name(), result.artifacts(),
          result.metrics(), (System.nanoTime() - t0) / 1_000_000, result.value()));
    }
    return reports;
  }

  private Map<String, Object> provenance(Plan plan, Instant started) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("llmtrain_version", Version.get());
    p.put("started", started.toString());
    p.put("source", source.description());
    List<Map<String, Object>> stageList = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      StageEntry e = stages.get(i);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", plan.processors.get(i).name());
      if (e.spec != null) {
        s.put("params", e.spec.params());
      } else {
        s.put("class", e.instance.getClass().getName());
      }
      stageList.add(s);
    }
    p.put("stages", stageList);
    List<Map<String, Object>> stepList = new ArrayList<>();
    for (StepEntry e : steps) {
      stepList.add(Map.of("kind", e.kind.label(), "name", e.spec.name(),
          "params", e.spec.params()));
    }
    if (!stepList.isEmpty()) {
      p.put("steps", stepList);
    }
    p.put("seed", options.seed);
    p.put("on_error", options.onError.name().toLowerCase());
    return p;
  }

  /** The stage names in order, for display. */
  public List<String> stageNames() {
    return stages.stream().map(StageEntry::label).toList();
  }

  @Override
  public String toString() {
    return "Pipeline{source=" + source.description() + ", stages=" + stageNames() + ", steps="
        + steps.stream().map(s -> s.kind.label() + ":" + s.spec.name()).toList() + '}';
  }
}
