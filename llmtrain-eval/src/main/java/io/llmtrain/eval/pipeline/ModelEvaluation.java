package io.llmtrain.eval.pipeline;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.lm.GenerationEvaluation;
import io.llmtrain.eval.lm.MultipleChoice;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.metric.TextMetric;
import io.llmtrain.eval.task.GenerationTask;
import io.llmtrain.eval.task.HeldOutTask;
import io.llmtrain.eval.task.ModelTask;
import io.llmtrain.eval.task.ModelTaskProvider;
import io.llmtrain.eval.task.MultipleChoiceTask;
import io.llmtrain.eval.task.PerplexityTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to evaluate a language model on: the pipeline's {@code .evaluate(...)} step {@code model},
 * also run on its own by {@link ModelEvaluator}.
 *
 * <pre>{@code
 * .evaluate(ModelEvaluation.builder()
 *     .multipleChoice(Path.of("questions.jsonl"))
 *     .generation(Path.of("prompts.jsonl"), "bleu", "chrf")
 *     .build())
 * }</pre>
 *
 * <p>Parameters: {@code heldOut} (true: perplexity on the tokens the pretraining run held out for
 * validation — the same seeded region, read from the run's checkpoint), {@code perplexity} (text
 * files, or JSONL with a {@code text} field, one document per line or file), {@code stride} (0:
 * the model's context), {@code multipleChoice} (JSONL with {@code context}, {@code choices},
 * {@code label}), {@code generation} (JSONL with {@code prompt} and {@code refs} or {@code ref}),
 * {@code metrics} (text metrics for generations: bleu, chrf, rouge, exact-match, f1),
 * {@code generationConfig} (nested; greedy, 64 tokens by default), {@code bootstrap} (resamples
 * for confidence intervals, 0 for none) and {@code confidenceLevel}.
 */
public final class ModelEvaluation implements StageSpec {
  public static final String NAME = "model";

  private final boolean heldOut;
  private final List<Path> perplexity;
  private final int stride;
  private final List<Path> multipleChoice;
  private final List<Path> generation;
  private final List<String> metrics;
  private final GenerationConfig generationConfig;
  private final int bootstrap;
  private final double confidenceLevel;
  private final List<StageSpec> tasks;
  private final List<ModelTask> taskInstances;

  private ModelEvaluation(Builder b) {
    heldOut = b.heldOut;
    perplexity = List.copyOf(b.perplexity);
    stride = b.stride;
    multipleChoice = List.copyOf(b.multipleChoice);
    generation = List.copyOf(b.generation);
    metrics = List.copyOf(b.metrics);
    generationConfig = requireNonNull(b.generationConfig, "generationConfig");
    bootstrap = b.bootstrap;
    confidenceLevel = b.confidenceLevel;
    tasks = List.copyOf(b.tasks);
    taskInstances = List.copyOf(b.taskInstances);
    if (stride < 0) {
      throw bad("stride", "must be >= 0 (0: the model's context), got " + stride);
    }
    if (bootstrap < 0) {
      throw bad("bootstrap", "must be >= 0 (0: no intervals), got " + bootstrap);
    }
    if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
      throw bad("confidenceLevel", "must be in (0, 1), got " + confidenceLevel);
    }
    if (!generation.isEmpty() && metrics.isEmpty()) {
      throw bad("metrics", "name at least one text metric to score the generations with");
    }
    Set<String> names = new HashSet<>();
    for (StageSpec t : tasks) {
      if (!names.add(t.name())) {
        throw bad("tasks", "names '" + t.name() + "' twice; add repeated tasks with the typed "
            + "builder methods or as instances");
      }
    }
    if (createTasks().isEmpty()) {
      throw new ConfigException("evaluation '" + NAME + "' has nothing to evaluate: enable heldOut "
          + "or give perplexity, multipleChoice or generation data, or tasks");
    }
  }

  /**
   * The tasks to run, in order: held-out, perplexity, multiple choice and generation files, named
   * tasks, task instances. Each named task is resolved and its parameters checked here.
   *
   * @throws ConfigException for an unknown task name (listing the known ones) or bad parameters
   */
  public List<ModelTask> createTasks() {
    List<ModelTask> out = new ArrayList<>();
    if (heldOut) {
      out.add(new HeldOutTask(0));
    }
    for (Path f : perplexity) {
      out.add(new PerplexityTask(f, 0, "text"));
    }
    for (Path f : multipleChoice) {
      out.add(new MultipleChoiceTask(f, MultipleChoice.DEFAULT_DELIMITER));
    }
    if (!generation.isEmpty()) {
      List<TextMetric> textMetrics = GenerationEvaluation.metrics(metrics);
      for (Path f : generation) {
        out.add(new GenerationTask(f, textMetrics, null));
      }
    }
    for (StageSpec t : tasks) {
      out.add(Plugins.get(ModelTaskProvider.class, t.name()).create(t));
    }
    out.addAll(taskInstances);
    return out;
  }

  private static ConfigException bad(String field, String why) {
    return new ConfigException("evaluation '" + NAME + "': '" + field + "' " + why);
  }

  /** Held-out perplexity only. */
  public static ModelEvaluation defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder().heldOut(heldOut).stride(stride).bootstrap(bootstrap)
        .confidenceLevel(confidenceLevel).generationConfig(generationConfig);
    b.perplexity.addAll(perplexity);
    b.multipleChoice.addAll(multipleChoice);
    b.generation.addAll(generation);
    b.metrics = new ArrayList<>(metrics);
    b.tasks.addAll(tasks);
    b.taskInstances.addAll(taskInstances);
    return b;
  }

  /** Reads the step's parameters strictly; unknown keys are refused, naming the known ones. */
  public static ModelEvaluation fromParams(Params p) {
    Builder b = builder();
    b.heldOut(p.getBoolean("heldOut", b.heldOut));
    p.getList("perplexity", List.of()).forEach(f -> b.perplexity(Path.of(f)));
    b.stride(p.getInt("stride", b.stride, 0, Integer.MAX_VALUE));
    p.getList("multipleChoice", List.of()).forEach(f -> b.multipleChoice(Path.of(f)));
    p.getList("generation", List.of()).forEach(f -> b.generation.add(Path.of(f)));
    b.metrics = new ArrayList<>(p.getList("metrics", b.metrics));
    b.generationConfig(GenerationConfig.fromParams(p.nested("generationConfig")));
    b.bootstrap(p.getInt("bootstrap", b.bootstrap, 0, Integer.MAX_VALUE));
    b.confidenceLevel(p.getDouble("confidenceLevel", b.confidenceLevel, 0, 1));
    p.getSpecs("tasks").forEach(b::task);
    if (!p.getList("taskInstances", List.of()).isEmpty()) {
      throw bad("taskInstances", "cannot be rebuilt from parameters: register the tasks as "
          + "ModelTaskProvider plugins and name them under 'tasks'");
    }
    p.finish();
    return b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heldOut", heldOut);
    m.put("perplexity", perplexity.stream().map(Path::toString).toList());
    m.put("stride", stride);
    m.put("multipleChoice", multipleChoice.stream().map(Path::toString).toList());
    m.put("generation", generation.stream().map(Path::toString).toList());
    m.put("metrics", metrics);
    m.put("generationConfig", generationConfig.params());
    m.put("bootstrap", bootstrap);
    m.put("confidenceLevel", confidenceLevel);
    Map<String, Object> named = new LinkedHashMap<>();
    for (StageSpec t : tasks) {
      named.put(t.name(), t.params());
    }
    m.put("tasks", named);
    m.put("taskInstances", taskInstances.stream().map(t -> t.getClass().getName()).toList());
    return m;
  }

  public boolean heldOut() {
    return heldOut;
  }

  public List<Path> perplexity() {
    return perplexity;
  }

  /** Window stride for perplexity; 0 means the model's context (no overlap). */
  public int stride() {
    return stride;
  }

  public List<Path> multipleChoice() {
    return multipleChoice;
  }

  public List<Path> generation() {
    return generation;
  }

  public List<String> metrics() {
    return metrics;
  }

  public GenerationConfig generationConfig() {
    return generationConfig;
  }

  /** Resamples for confidence intervals; 0 for none. */
  public int bootstrap() {
    return bootstrap;
  }

  public double confidenceLevel() {
    return confidenceLevel;
  }

  /** Tasks named for a registered {@link ModelTaskProvider}, with their parameters. */
  public List<StageSpec> tasks() {
    return tasks;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelEvaluation e && params().equals(e.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link ModelEvaluation}; {@link #build} checks the whole configuration. */
  public static final class Builder {
    private boolean heldOut = true;
    private final List<Path> perplexity = new ArrayList<>();
    private int stride;
    private final List<Path> multipleChoice = new ArrayList<>();
    private final List<Path> generation = new ArrayList<>();
    private List<String> metrics = new ArrayList<>(List.of("bleu", "chrf"));
    private GenerationConfig generationConfig = GenerationConfig.greedy(64);
    private int bootstrap = Bootstrap.DEFAULT_SAMPLES;
    private double confidenceLevel = Bootstrap.DEFAULT_LEVEL;
    private final List<StageSpec> tasks = new ArrayList<>();
    private final List<ModelTask> taskInstances = new ArrayList<>();

    private Builder() {
    }

    /**
     * A task by its registered name and parameters, e.g. {@code StageSpec.of("multiple-choice",
     * Map.of("data", "arc.jsonl", "delimiter", ""))} or a user's own {@link ModelTaskProvider}.
     */
    public Builder task(StageSpec spec) {
      tasks.add(requireNonNull(spec, "spec"));
      return this;
    }

    /** A task instance (a user's own {@link ModelTask}), run after the named ones. */
    public Builder task(ModelTask task) {
      taskInstances.add(requireNonNull(task, "task"));
      return this;
    }

    /** Perplexity on the pretraining run's held-out tokens (needs the pipeline's tokens). */
    public Builder heldOut(boolean v) {
      heldOut = v;
      return this;
    }

    /** Held-out text to score: plain text (one document) or JSONL with a {@code text} field. */
    public Builder perplexity(Path file) {
      perplexity.add(requireNonNull(file, "file"));
      return this;
    }

    public Builder stride(int v) {
      stride = v;
      return this;
    }

    public Builder multipleChoice(Path jsonl) {
      multipleChoice.add(requireNonNull(jsonl, "jsonl"));
      return this;
    }

    /** Prompts to continue, scored against their references with {@code metricNames}. */
    public Builder generation(Path jsonl, String... metricNames) {
      generation.add(requireNonNull(jsonl, "jsonl"));
      if (metricNames.length > 0) {
        metrics = new ArrayList<>(List.of(metricNames));
      }
      return this;
    }

    public Builder generationConfig(GenerationConfig v) {
      generationConfig = requireNonNull(v, "generationConfig");
      return this;
    }

    public Builder bootstrap(int samples) {
      bootstrap = samples;
      return this;
    }

    public Builder confidenceLevel(double v) {
      confidenceLevel = v;
      return this;
    }

    public ModelEvaluation build() {
      return new ModelEvaluation(this);
    }
  }
}
