package io.llmtrain.core.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.checkpoint.CheckpointException;
import io.llmtrain.core.checkpoint.Checkpoints;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.compute.PeakFlops;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.CausalLanguageModel;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.safetensors.SafetensorsReader;
import io.llmtrain.core.safetensors.SafetensorsWriter;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.WindowSampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pretraining loop: next-token training of a {@link CausalLanguageModel} on a
 * {@link TokenDataset}, with evaluation, early stopping, an overfitting warning, checkpoints and
 * exact resume.
 *
 * <p>The dataset is split into training and validation regions with the configuration's seed;
 * training windows come from a seeded {@link WindowSampler}, validation uses the same fixed
 * batches every time ({@link WindowSampler#evaluationBatches}). Each optimizer step takes
 * {@code gradAccum} micro-batches ({@link TrainingEngine}). Validation runs every
 * {@code evalEvery} steps and after the last step.
 *
 * <p>Checkpoints ({@link Checkpoints}) are written every {@code checkpointEvery} steps and at the
 * end, each holding: {@code model.safetensors} (weights by parameter name),
 * {@code optimizer.safetensors} (AdamW moments) and {@code optimizer.json} (step and
 * hyper-parameters), {@code trainer.json} (step, schedule position, sampler state, loss and
 * evaluation history, early-stopping state, tokenizer hash), {@code config.json}, and the
 * manifest. With {@code resume}, the newest intact checkpoint of the run directory is loaded and
 * the run continues exactly: on CPU the per-step losses are those of an uninterrupted run.
 *
 * <p>Listeners are called on this thread: {@code onStart}, {@code onStep} after every optimizer
 * step, {@code onEvaluation}, {@code onCheckpoint} after a checkpoint is in place, {@code onEnd}
 * (with the error if the run failed).
 */
public final class Pretrainer {
  private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);
  private static final int STATE_VERSION = 1;
  static final String MODEL_FILE = "model.safetensors";
  static final String OPTIMIZER_FILE = "optimizer.safetensors";
  static final String OPTIMIZER_JSON = "optimizer.json";
  static final String TRAINER_JSON = "trainer.json";
  static final String CONFIG_JSON = "config.json";

  /** Settings that shape the trajectory: a resume must keep them. */
  private static final Set<String> TRAJECTORY = Set.of("batchSize", "blockSize", "gradAccum",
      "lr", "minLr", "warmupSteps", "schedule", "weightDecay", "beta1", "beta2", "eps",
      "gradClip", "seed", "validationFraction", "evalBatches");

  private final PretrainConfig config;
  private final CausalLanguageModel model;
  private final TokenDataset dataset;
  private final Path runDirectory;
  private final List<TrainingListener> listeners;
  private final boolean resume;

  private Pretrainer(Builder b) {
    this.config = requireNonNull(b.config, "config");
    this.model = requireNonNull(b.model, "model");
    this.dataset = requireNonNull(b.dataset, "dataset");
    this.runDirectory = requireNonNull(b.runDirectory, "runDirectory");
    this.listeners = List.copyOf(b.listeners);
    this.resume = b.resume;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable state of the loop; all of it is saved in a checkpoint. */
  private static final class LoopState {
    long step;
    final List<Double> losses = new ArrayList<>();
    final List<TrainingListener.Evaluation> evaluations = new ArrayList<>();
    double bestValidation = Double.POSITIVE_INFINITY;
    int evaluationsWithoutImprovement;
    final List<String> warnings = new ArrayList<>();
  }

  /**
   * Trains.
   *
   * @throws ConfigException when the settings cannot work with this model, dataset or device
   * @throws CheckpointException when resuming and no checkpoint is intact
   * @throws UncheckedIOException when a checkpoint cannot be written
   */
  public PretrainResult run() {
    Map<String, Parameter> params = NamedParameters.trainable(model.block());
    if (params.isEmpty()) {
      throw new ConfigException("the model has no trainable parameters");
    }
    NDArray first = params.values().iterator().next().getArray();
    NDManager manager = first.getManager();
    Device device = first.getDevice();
    checkSetup(device);

    TokenDataset.Split split = dataset.split(config.validationFraction(), config.seed());
    WindowSampler sampler = WindowSampler.create(dataset, split.train(), config.blockSize(),
        config.batchSize(), config.seed());
    List<WindowSampler.Batch> evalBatches = WindowSampler.evaluationBatches(dataset,
        split.validation(), config.blockSize(), config.batchSize(), config.evalBatches());
    LearningRateSchedule schedule = config.learningRateSchedule();
    Checkpoints checkpoints = new Checkpoints(runDirectory, config.keepCheckpoints());
    LoopState state = new LoopState();
    AdamW optimizer = new AdamW(params, model::decays, config.beta1(), config.beta2(),
        config.eps(), config.weightDecay(), manager);
    Path lastCheckpoint = null;
    List<Device> devices = Devices.resolve(config.device());
    DataType computeType = Devices.computeType(config.precision(), devices);
    try (Replicas replicas = replicas(devices, computeType);
        TrainingEngine engine = new TrainingEngine(model, optimizer, config.gradClip(),
            manager, replicas)) {
      if (resume) {
        Optional<Path> from = latestCheckpoint(checkpoints);
        if (from.isPresent()) {
          sampler = restore(from.get(), split, optimizer, state);
          if (replicas != null) {
            replicas.pull(); // the replicas were copied from the weights before the restore
          }
          lastCheckpoint = from.get();
          LOG.info("Resuming from {} (step {})", from.get(), state.step);
        } else {
          LOG.info("No checkpoint in {}: starting from step 0", runDirectory);
        }
      }
      long startStep = state.step;
      TrainingListener.Run run = new TrainingListener.Run(runDirectory, config.params(),
          model.parameterCount(), model.flopsPerToken(),
          // configured, else estimated from the device (0 when unknown: MFU is not reported)
          PeakFlops.forDevices(devices, computeType == DataType.FLOAT32
              ? PeakFlops.Precision.FP32 : PeakFlops.Precision.HALF, config.peakFlops(), 0),
          config.steps(), startStep, describe(devices, computeType));
      for (TrainingListener l : listeners) {
        l.onStart(run);
      }
      PretrainResult.StopReason reason = PretrainResult.StopReason.COMPLETED;
      try {
        long tokensPerStep = config.effectiveBatchSize() * config.blockSize();
        long began = System.nanoTime();
        int sinceEval = 0;
        while (state.step < config.steps()) {
          long t0 = System.nanoTime();
          List<WindowSampler.Batch> micro = new ArrayList<>(config.gradAccum());
          for (int i = 0; i < config.gradAccum(); i++) {
            micro.add(sampler.next());
          }
          double lr = schedule.learningRate(state.step);
          TrainingEngine.StepOutcome out = engine.step(micro, lr);
          state.step++;
          if (!Double.isFinite(out.loss())) {
            throw new IllegalStateException("training diverged: the loss is " + out.loss()
                + " at step " + state.step + " (lower lr or keep gradClip on)");
          }
          state.losses.add(out.loss());
          sinceEval++;
          long now = System.nanoTime();
          TrainingListener.Step step = new TrainingListener.Step(state.step, out.loss(), lr,
              out.gradientNorm(), tokensPerStep, (now - t0) / 1e9, (now - began) / 1e9);
          for (TrainingListener l : listeners) {
            l.onStep(step);
          }
          boolean last = state.step == config.steps();
          boolean stop = false;
          if (last || (config.evalEvery() > 0 && state.step % config.evalEvery() == 0)) {
            stop = evaluate(engine, evalBatches, state, sinceEval);
            sinceEval = 0;
            if (stop) {
              reason = PretrainResult.StopReason.EARLY_STOPPED;
            }
          }
          if (last || stop
              || (config.checkpointEvery() > 0 && state.step % config.checkpointEvery() == 0)) {
            lastCheckpoint = save(checkpoints, optimizer, sampler, state);
            for (TrainingListener l : listeners) {
              l.onCheckpoint(state.step, lastCheckpoint);
            }
          }
          if (stop) {
            break;
          }
        }
        if (state.evaluations.isEmpty()
            || state.evaluations.get(state.evaluations.size() - 1).step() != state.step) {
          // A resumed run that was already complete, or a checkpoint taken before its eval.
          evaluate(engine, evalBatches, state, sinceEval);
        }
      } catch (RuntimeException | Error e) {
        for (TrainingListener l : listeners) {
          try {
            l.onEnd(run, state.step, e);
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
      for (TrainingListener l : listeners) {
        l.onEnd(run, state.step, null);
      }
      double finalVal = state.evaluations.get(state.evaluations.size() - 1).validationLoss();
      return new PretrainResult(state.losses, state.evaluations, finalVal, state.step, startStep,
          reason, state.warnings, lastCheckpoint);
    }
  }

  /**
   * Compute replicas when the run spans several devices or computes below float32; none (the
   * model computes on itself) for one device in float32. Validation runs on the float32 master.
   */
  private Replicas replicas(List<Device> devices, DataType computeType) {
    if (devices.size() == 1 && computeType == DataType.FLOAT32) {
      return null;
    }
    if (!(model instanceof GptModel gpt)) {
      throw new ConfigException("training on " + devices.size() + " device(s) in "
          + computeType + " needs a GptModel (replicas are built from its configuration), not "
          + model.getClass().getName());
    }
    if (config.batchSize() % devices.size() != 0) {
      throw new ConfigException("pretrain config: 'batchSize' " + config.batchSize()
          + " must split evenly over the " + devices.size() + " devices " + devices);
    }
    return Replicas.of(gpt, devices, computeType);
  }

  private static String describe(List<Device> devices, DataType computeType) {
    String where = devices.size() == 1 ? devices.get(0).toString() : devices.toString();
    return computeType == DataType.FLOAT32 ? where
        : where + " (" + computeType + " compute, float32 master weights)";
  }

  private void checkSetup(Device device) {
    List<Device> wanted = Devices.resolve(config.device());
    if (!wanted.contains(device)) {
      throw new ConfigException("pretrain config: 'device' is " + config.device() + " ("
          + wanted + ") but the model's parameters are on " + device
          + ": build the model on that device");
    }
    if (config.blockSize() > model.contextLength()) {
      throw new ConfigException("pretrain config: 'blockSize' " + config.blockSize()
          + " is larger than the model's context length " + model.contextLength());
    }
    if (dataset.vocabSize() > model.vocabSize()) {
      throw new ConfigException("the dataset's vocabSize " + dataset.vocabSize()
          + " is larger than the model's " + model.vocabSize()
          + ": the model must cover every token id");
    }
  }

  /** Validation pass; returns whether early stopping says to stop. */
  private boolean evaluate(TrainingEngine engine, List<WindowSampler.Batch> batches,
      LoopState state, int sinceEval) {
    double val = engine.evaluate(batches);
    double train = Double.NaN;
    if (!state.losses.isEmpty()) {
      int n = Math.max(1, Math.min(sinceEval, state.losses.size()));
      double sum = 0;
      for (int i = state.losses.size() - n; i < state.losses.size(); i++) {
        sum += state.losses.get(i);
      }
      train = sum / n;
    }
    TrainingListener.Evaluation ev = new TrainingListener.Evaluation(state.step, train, val);
    TrainingListener.Evaluation prev = state.evaluations.isEmpty() ? null
        : state.evaluations.get(state.evaluations.size() - 1);
    state.evaluations.add(ev);
    for (TrainingListener l : listeners) {
      l.onEvaluation(ev);
    }
    if (prev != null && val > prev.validationLoss() && train < prev.trainingLoss()) {
      String w = String.format("step %d: possible overfitting: validation loss rose %.4f -> "
          + "%.4f while training loss fell %.4f -> %.4f", state.step, prev.validationLoss(),
          val, prev.trainingLoss(), train);
      LOG.warn(w);
      state.warnings.add(w);
    }
    if (val < state.bestValidation) {
      state.bestValidation = val;
      state.evaluationsWithoutImprovement = 0;
    } else {
      state.evaluationsWithoutImprovement++;
    }
    int patience = config.earlyStoppingPatience();
    if (patience > 0 && state.evaluationsWithoutImprovement >= patience) {
      LOG.info("Early stopping at step {}: no better validation loss than {} for {} "
          + "evaluations", state.step, state.bestValidation, patience);
      return true;
    }
    return false;
  }

  private Path save(Checkpoints checkpoints, AdamW optimizer, WindowSampler sampler,
      LoopState state) {
    Map<String, Checkpoints.FileWriter> files = new LinkedHashMap<>();
    files.put(MODEL_FILE, file -> {
      SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt")
          .metadata("step", Long.toString(state.step));
      NamedParameters.all(model.block()).forEach((name, p) -> w.add(name, p.getArray()));
      w.write(file);
    });
    files.put(OPTIMIZER_FILE, file -> {
      SafetensorsWriter w = new SafetensorsWriter();
      optimizer.exportMoments(w);
      w.write(file);
    });
    files.put(OPTIMIZER_JSON, Checkpoints.json(optimizer.describe()));
    files.put(TRAINER_JSON, Checkpoints.json(trainerState(sampler, state)));
    files.put(CONFIG_JSON, Checkpoints.json(config.params()));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("tokenizerSha256", dataset.tokenizerSha256());
    try {
      return checkpoints.write(state.step, files, extra);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint of step " + state.step
          + " in " + runDirectory + ": " + e, e);
    }
  }

  private Map<String, Object> trainerState(WindowSampler sampler, LoopState state) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("stateVersion", STATE_VERSION);
    t.put("step", state.step);
    // The schedule is a pure function of the step: its position is the next step's index.
    t.put("schedulePosition", state.step);
    t.put("sampler", sampler.state());
    t.put("tokenizerSha256", dataset.tokenizerSha256());
    t.put("datasetTokens", dataset.size());
    t.put("bestValidationLoss", Double.isInfinite(state.bestValidation) ? null
        : state.bestValidation);
    t.put("evaluationsWithoutImprovement", state.evaluationsWithoutImprovement);
    t.put("losses", state.losses);
    t.put("evaluations", state.evaluations);
    t.put("warnings", state.warnings);
    return t;
  }

  private Optional<Path> latestCheckpoint(Checkpoints checkpoints) {
    try {
      return checkpoints.latestValid();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + runDirectory + ": " + e, e);
    }
  }

  /** Loads a verified checkpoint into the model, optimizer and loop; returns the sampler. */
  private WindowSampler restore(Path dir, TokenDataset.Split split, AdamW optimizer,
      LoopState state) {
    try {
      JsonNode savedConfig = Json.MAPPER.readTree(dir.resolve(CONFIG_JSON).toFile());
      PretrainConfig saved = PretrainConfig.fromParams(Params.of(dir.resolve(CONFIG_JSON)
          .toString(), Json.MAPPER.convertValue(savedConfig,
          new TypeReference<LinkedHashMap<String, Object>>() { })));
      Set<String> differ = new TreeSet<>();
      for (String key : TRAJECTORY) {
        if (!Objects.equals(saved.params().get(key), config.params().get(key))) {
          differ.add(key + " " + saved.params().get(key) + " -> " + config.params().get(key));
        }
      }
      if (!differ.isEmpty()) {
        throw new ConfigException("cannot resume from " + dir + " with other settings: "
            + String.join(", ", differ) + " (an exact resume needs the same ones)");
      }
      JsonNode t = Json.MAPPER.readTree(dir.resolve(TRAINER_JSON).toFile());
      String savedTokenizer = t.path("tokenizerSha256").isNull() ? null
          : t.path("tokenizerSha256").asText(null);
      if (!Objects.equals(savedTokenizer, dataset.tokenizerSha256())) {
        throw new ConfigException("cannot resume from " + dir + ": it was trained on tokens of "
            + "tokenizer " + savedTokenizer + ", the dataset's is " + dataset.tokenizerSha256());
      }
      try (SafetensorsReader r = SafetensorsReader.open(dir.resolve(MODEL_FILE))) {
        loadWeights(r);
      }
      JsonNode opt = Json.MAPPER.readTree(dir.resolve(OPTIMIZER_JSON).toFile());
      try (SafetensorsReader r = SafetensorsReader.open(dir.resolve(OPTIMIZER_FILE))) {
        optimizer.importState(r, opt.path("step").asLong());
      }
      WindowSampler.State ss = Json.MAPPER.treeToValue(t.path("sampler"),
          WindowSampler.State.class);
      WindowSampler sampler = WindowSampler.resume(dataset, split.train(), ss);
      state.step = t.path("step").asLong();
      for (JsonNode l : t.path("losses")) {
        state.losses.add(l.asDouble());
      }
      for (JsonNode e : t.path("evaluations")) {
        state.evaluations.add(new TrainingListener.Evaluation(e.path("step").asLong(),
            e.path("trainingLoss").asDouble(), e.path("validationLoss").asDouble()));
      }
      JsonNode best = t.path("bestValidationLoss");
      state.bestValidation = best.isNumber() ? best.asDouble() : Double.POSITIVE_INFINITY;
      state.evaluationsWithoutImprovement = t.path("evaluationsWithoutImprovement").asInt();
      for (JsonNode w : t.path("warnings")) {
        state.warnings.add(w.asText());
      }
      if (state.losses.size() != state.step || optimizer.step() != state.step
          || ss.step() != state.step * config.gradAccum()) {
        throw new CheckpointException(dir.resolve(TRAINER_JSON).toString(), "inconsistent: "
            + "step " + state.step + ", " + state.losses.size() + " losses, optimizer step "
            + optimizer.step() + ", sampler batch " + ss.step());
      }
      return sampler;
    } catch (IOException e) {
      throw new CheckpointException(dir.toString(), "cannot read: " + e, e);
    }
  }

  private void loadWeights(SafetensorsReader r) {
    Weights.load(model, r);
  }

  /** Settings of a {@link Pretrainer}. */
  public static final class Builder {
    private PretrainConfig config;
    private CausalLanguageModel model;
    private TokenDataset dataset;
    private Path runDirectory;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean resume;

    private Builder() {
    }

    public Builder config(PretrainConfig c) {
      config = c;
      return this;
    }

    /** The model, initialized on the device the run uses. */
    public Builder model(CausalLanguageModel m) {
      model = m;
      return this;
    }

    public Builder dataset(TokenDataset d) {
      dataset = d;
      return this;
    }

    /** Where checkpoints go (and come from on resume). */
    public Builder runDirectory(Path d) {
      runDirectory = d;
      return this;
    }

    public Builder listener(TrainingListener l) {
      listeners.add(requireNonNull(l, "listener"));
      return this;
    }

    public Builder listeners(List<? extends TrainingListener> ls) {
      ls.forEach(this::listener);
      return this;
    }

    /** Continue from the newest intact checkpoint of the run directory, if there is one. */
    public Builder resume(boolean r) {
      resume = r;
      return this;
    }

    public Pretrainer build() {
      Pretrainer p = new Pretrainer(this);
      if (Files.exists(p.runDirectory) && !Files.isDirectory(p.runDirectory)) {
        throw new ConfigException("run directory " + p.runDirectory + " is a file");
      }
      return p;
    }
  }
}
