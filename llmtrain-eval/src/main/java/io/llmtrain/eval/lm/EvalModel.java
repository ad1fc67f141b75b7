package io.llmtrain.eval.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.llmtrain.core.InputException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.hf.HuggingFaceModels;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.shard.ShardEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A model with its tokenizer, loaded for evaluation from a pretraining run directory ({@code
 * model.json}, {@code tokenizer.json}, checkpoints: the newest intact checkpoint is used) or a
 * Hugging Face directory ({@code config.json}, {@code model.safetensors}, {@code
 * tokenizer.json}). It owns the NDManager holding the weights: close it when done.
 */
public final class EvalModel implements AutoCloseable {
  private static final String SAFETENSORS = "model.safetensors";
  private final Path directory;
  private final GptModel model;
  private final Tokenizer tokenizer;
  private final NDManager manager;
  private final int eosTokenId;

  private EvalModel(Path directory, GptModel model, Tokenizer tokenizer, NDManager manager) {
    this.directory = directory;
    this.model = model;
    this.tokenizer = tokenizer;
    this.manager = manager;
    this.eosTokenId = ShardEncoder.findEos(tokenizer).orElse(-1);
  }

  /** Loads on the first GPU when there is one, else on the CPU. */
  public static EvalModel load(Path directory) throws IOException {
    return load(directory, Devices.resolve("auto").get(0));
  }

  /**
   * Loads the model and tokenizer of {@code directory} onto {@code device}.
   *
   * @throws InputException naming the directory when it is neither kind of model directory, has
   *     no tokenizer.json, or its tokenizer does not fit the model's vocabulary
   */
  public static EvalModel load(Path directory, Device device) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new InputException(directory.toString(), "no such directory", null);
    }
    boolean run = Files.isRegularFile(directory.resolve(ModelRun.MODEL_CONFIG));
    if (!run && !Files.isRegularFile(directory.resolve("config.json"))) {
      throw new InputException(directory.toString(), "is neither a pretraining run directory "
          + "(no " + ModelRun.MODEL_CONFIG + ") nor a Hugging Face model directory (no "
          + "config.json)", null);
    }
    if (!run && !Files.isRegularFile(directory.resolve(SAFETENSORS))) {
      throw new InputException(directory.toString(), "has config.json but no " + SAFETENSORS
          + " with the weights", null);
    }
    Path tokenizerFile = directory.resolve(ModelRun.TOKENIZER);
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new InputException(directory.toString(), "has no " + ModelRun.TOKENIZER
          + " to encode text for the model" + (run ? " (pretrain with a tokenizer to keep it "
          + "with the run)" : ""), null);
    }
    Tokenizer tokenizer = TokenizerJson.read(tokenizerFile);
    NDManager manager = Devices.newManager(device);
    try {
      GptModel model = run ? ModelRun.load(directory, manager)
          : HuggingFaceModels.load(directory, manager);
      if (tokenizer.vocabSize() > model.vocabSize()) {
        throw new InputException(tokenizerFile.toString(), "has " + tokenizer.vocabSize()
            + " tokens but the model in " + directory + " only " + model.vocabSize(), null);
      }
      return new EvalModel(directory, model, tokenizer, manager);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The directory the model was loaded from. */
  public Path directory() {
    return directory;
  }

  public GptModel model() {
    return model;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * The tokenizer's end-of-text token ({@code <|endoftext|>}, {@code </s>}...: the one pretraining
   * writes between documents), if it has one.
   */
  public OptionalInt eosTokenId() {
    return eosTokenId < 0 ? OptionalInt.empty() : OptionalInt.of(eosTokenId);
  }

  /** Encodes without special tokens, as pretraining shards are encoded. */
  public int[] encode(String text) {
    return tokenizer.encode(text, false);
  }

  /** The model's logits for {@code ids} (at most the context length), {@code [t * vocab + v]}. */
  float[] logits(int[] ids) {
    try (NDManager s = model.manager().newSubManager()) {
      return model.block().forward(new ParameterStore(s, false),
          new NDList(s.create(ids, new Shape(1, ids.length))), false)
          .singletonOrThrow().toFloatArray();
    }
  }

  /** Frees the weights. */
  @Override
  public void close() {
    manager.close();
  }
}
