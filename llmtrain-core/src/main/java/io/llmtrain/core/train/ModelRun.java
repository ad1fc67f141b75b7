package io.llmtrain.core.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.checkpoint.Checkpoints;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.spi.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layout of a pretraining run directory, so a model can be used after (and apart from) the
 * run that trained it: {@code model.json} (the architecture), {@code tokenizer.json} when the run
 * knew its tokenizer, the checkpoints ({@code checkpoint-000100/} ...), and the monitors' files
 * ({@code metrics.jsonl}, {@code tensorboard/}, {@code report.html}).
 */
public final class ModelRun {
  public static final String MODEL_CONFIG = "model.json";
  public static final String TOKENIZER = "tokenizer.json";
  static final String FORMAT = "llmtrain-model";

  private ModelRun() {
  }

  /** Writes the architecture of the run's model. */
  public static void writeConfig(Path runDirectory, GptConfig config) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("formatVersion", 1);
    root.put("model", config.params());
    Files.createDirectories(runDirectory);
    AtomicOutput.write(runDirectory.resolve(MODEL_CONFIG),
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
  }

  /** The architecture of the run's model. */
  public static GptConfig readConfig(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(MODEL_CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file: is " + runDirectory
          + " a pretraining run directory?", null);
    }
    JsonNode root = Json.MAPPER.readTree(file.toFile());
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new InputException(file.toString(), "field 'format' must be '" + FORMAT + "'", null);
    }
    Map<String, Object> params = Json.MAPPER.convertValue(root.path("model"),
        new TypeReference<Map<String, Object>>() { });
    if (params == null) {
      throw new InputException(file.toString(), "field 'model' is missing", null);
    }
    return GptConfig.fromParams(Params.of(file.toString(), params));
  }

  /** The run's tokenizer.json, when it has one. */
  public static Optional<Path> tokenizer(Path runDirectory) {
    Path t = runDirectory.resolve(TOKENIZER);
    return Files.isRegularFile(t) ? Optional.of(t) : Optional.empty();
  }

  /** The newest checkpoint that passes its checksums. */
  public static Path latestCheckpoint(Path runDirectory) throws IOException {
    return new Checkpoints(runDirectory, Integer.MAX_VALUE).latestValid().orElseThrow(() ->
        new InputException(runDirectory.toString(), "has no intact checkpoint to load", null));
  }

  /**
   * The training configuration saved with the run's newest intact checkpoint: its {@code
   * validationFraction} and {@code seed} say which tokens were held out, so an evaluation can
   * score exactly the data the model never trained on.
   */
  public static PretrainConfig trainingConfig(Path runDirectory) throws IOException {
    Path file = latestCheckpoint(runDirectory).resolve(Pretrainer.CONFIG_JSON);
    JsonNode saved = Json.MAPPER.readTree(file.toFile());
    return PretrainConfig.fromParams(Params.of(file.toString(), Json.MAPPER.convertValue(saved,
        new TypeReference<LinkedHashMap<String, Object>>() { })));
  }

  /** The run's model with the weights of its newest intact checkpoint, in {@code manager}. */
  public static GptModel load(Path runDirectory, NDManager manager) throws IOException {
    GptModel model = GptModel.create(readConfig(runDirectory), manager, 0);
    Weights.load(model, latestCheckpoint(runDirectory).resolve(Pretrainer.MODEL_FILE));
    return model;
  }
}
