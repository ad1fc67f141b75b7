package io.llmtrain.eval.pipeline;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.InputException;
import io.llmtrain.core.Version;
import io.llmtrain.core.checkpoint.Checkpoints;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import io.llmtrain.eval.report.OverfittingView;
import io.llmtrain.eval.task.HeldOutTask;
import io.llmtrain.eval.task.ModelTask;
import io.llmtrain.eval.task.TaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link ModelEvaluation} on a model directory (a pretraining run, or a Hugging Face
 * directory for every task but {@code held-out}): loads the model once, runs each {@link
 * ModelTask} in order, and gathers their numbers into an {@link EvaluationResult} with the run's
 * overfitting view and provenance (llmtrain version, model and checkpoint, data SHA-256s,
 * configuration, bootstrap seed). Per-item outputs go to an output directory when one is given.
 */
public final class ModelEvaluator {
  /** The task name of perplexity on the pretraining run's held-out tokens. */
  public static final String HELD_OUT = HeldOutTask.NAME;

  private final ModelEvaluation spec;
  private final List<ModelTask> tasks;
  private final Bootstrap bootstrap;

  /** Resolves every task now, so a bad name or parameter fails before the model is loaded. */
  public ModelEvaluator(ModelEvaluation spec) {
    this.spec = requireNonNull(spec, "spec");
    this.tasks = spec.createTasks();
    this.bootstrap = spec.bootstrap() == 0 ? null : Bootstrap.builder()
        .samples(spec.bootstrap()).level(spec.confidenceLevel()).build();
  }

  /** Whether some task needs the token shards the model was pretrained on. */
  public boolean needsTokens() {
    return tasks.stream().anyMatch(ModelTask::needsTokens);
  }

  /**
   * Evaluates the model in {@code modelDirectory}.
   *
   * @param tokens the token shards the model was pretrained on, for tasks that need them; may be
   *     {@code null} otherwise
   * @param outputDirectory where per-item JSONL files go; {@code null} for none
   * @throws io.llmtrain.core.ConfigException when a task lacks what it needs (shards, a run)
   * @throws InputException for unreadable or invalid data files, naming file, line and field
   */
  public EvaluationResult evaluate(Path modelDirectory, TokenDataset tokens,
      Path outputDirectory) throws IOException {
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("llmtrain_version", Version.get());
    provenance.put("model", modelDirectory.toAbsolutePath().toString());
    if (Files.isRegularFile(modelDirectory.resolve(ModelRun.MODEL_CONFIG))) {
      provenance.put("checkpoint", ModelRun.latestCheckpoint(modelDirectory).getFileName()
          .toString());
    }
    provenance.put("evaluation", spec.params());
    Map<String, String> hashes = new LinkedHashMap<>();
    List<MetricResult> metrics = new ArrayList<>();
    try (EvalModel model = EvalModel.load(modelDirectory)) {
      TaskContext context = context(model, modelDirectory, tokens, outputDirectory, hashes,
          provenance);
      for (ModelTask task : tasks) {
        metrics.addAll(task.evaluate(context));
      }
    }
    if (!hashes.isEmpty()) {
      provenance.put("data_sha256", hashes);
    }
    if (bootstrap != null) {
      provenance.put("bootstrap", Map.of("samples", bootstrap.samples(), "level",
          bootstrap.level(), "seed", bootstrap.seed()));
    }
    OverfittingView overfitting = Files.isRegularFile(modelDirectory.resolve("metrics.jsonl"))
        ? OverfittingView.read(modelDirectory) : null;
    return new EvaluationResult(modelDirectory.toString(), metrics, overfitting, provenance);
  }

  private TaskContext context(EvalModel model, Path directory, TokenDataset tokens, Path out,
      Map<String, String> hashes, Map<String, Object> provenance) {
    int stride = spec.stride() == 0 ? model.model().contextLength()
        : Math.min(spec.stride(), model.model().contextLength());
    return new TaskContext() {
      @Override
      public EvalModel model() {
        return model;
      }

      @Override
      public Path modelDirectory() {
        return directory;
      }

      @Override
      public Optional<TokenDataset> tokens() {
        return Optional.ofNullable(tokens);
      }

      @Override
      public int stride() {
        return stride;
      }

      @Override
      public GenerationConfig generationConfig() {
        return spec.generationConfig();
      }

      @Override
      public Optional<Bootstrap> bootstrap() {
        return Optional.ofNullable(bootstrap);
      }

      @Override
      public Optional<Path> outputDirectory() {
        return Optional.ofNullable(out);
      }

      @Override
      public void input(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
          throw new InputException(file.toString(), "no such file", null);
        }
        hashes.put(file.toString(), Checkpoints.sha256(file));
      }

      @Override
      public void provenance(String key, Object value) {
        provenance.put(key, value);
      }
    };
  }
}
