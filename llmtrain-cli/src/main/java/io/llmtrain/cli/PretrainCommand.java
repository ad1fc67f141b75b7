package io.llmtrain.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.core.train.PretrainResult;
import io.llmtrain.core.train.Pretrainer;
import io.llmtrain.tokenize.Encoders;
import io.llmtrain.tokenize.shard.ShardEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain pretrain}: next-token pretraining of a GPT on token shards or text. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Pretrain a GPT decoder by next-token prediction, with evaluation, checkpoints, "
            + "metrics (metrics.jsonl, TensorBoard, report.html) in the run directory.",
        "Text input (.txt, .jsonl) is encoded with --tokenizer on the way; .bin shards are "
            + "used as they are."})
final class PretrainCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, arity = "1..*", paramLabel = "SHARD_OR_TEXT",
      description = "Token shards (.bin with their sidecar, or directories of them), or text "
          + "files: plain text (a document per file) or JSONL (field 'text').")
  List<Path> data;

  @Option(names = "--tokenizer", paramLabel = "tokenizer.json",
      description = "Encodes text input; copied into the run directory for generation.")
  Path tokenizer;

  @Option(names = "--preset", defaultValue = "nano", paramLabel = "nano|micro|small",
      description = "Model size (default: ${DEFAULT-VALUE}); the vocabulary comes from the data.")
  String preset;

  @Option(names = "--arch", paramLabel = "gpt2|llama", description = "Architecture (default: "
      + "gpt2).")
  String arch;

  @Option(names = "--steps", required = true, paramLabel = "N") long steps;
  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "B") int batchSize;
  @Option(names = "--block-size", paramLabel = "T",
      description = "Tokens per window (default: the model's context).")
  Integer blockSize;
  @Option(names = "--lr", defaultValue = "6e-4", paramLabel = "X") double lr;
  @Option(names = "--warmup", defaultValue = "0", paramLabel = "N") long warmup;
  @Option(names = "--grad-accum", defaultValue = "1", paramLabel = "N") int gradAccum;
  @Option(names = "--seed", defaultValue = "1337", paramLabel = "S") long seed;
  @Option(names = "--eval-every", defaultValue = "100", paramLabel = "N") long evalEvery;
  @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "N")
  long checkpointEvery;
  @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu|gpu:0,1")
  String device;
  @Option(names = "--precision", defaultValue = "auto", paramLabel = "auto|fp32|bf16",
      description = "Compute precision; bf16 keeps float32 master weights (GPUs only). auto: "
          + "bf16 on GPUs of compute capability >= 8.0, else fp32.")
  String precision;

  @Option(names = "--out", required = true, paramLabel = "RUN_DIR",
      description = "Run directory: model.json, checkpoints, metrics, report.")
  Path out;

  @Option(names = "--resume", description = "Continue from the newest intact checkpoint.")
  boolean resume;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    TokenDataset dataset = TokenDataset.open(shards());
    GptConfig.Builder model = GptConfig.preset(preset).toBuilder();
    if (arch != null) {
      model.arch(arch);
    }
    GptConfig gpt = model.vocabSize(dataset.vocabSize()).build();
    PretrainConfig config = PretrainConfig.builder().steps(steps).batchSize(batchSize)
        .blockSize(blockSize != null ? blockSize : gpt.contextLength()).lr(lr)
        .warmupSteps(warmup).gradAccum(gradAccum).seed(seed).evalEvery(evalEvery)
        .checkpointEvery(checkpointEvery).device(device).precision(precision).build();
    if (tokenizer != null) {
      Files.copy(tokenizer, out.resolve(ModelRun.TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
    }
    if (resume && Files.exists(out.resolve(ModelRun.MODEL_CONFIG))) {
      GptConfig before = ModelRun.readConfig(out);
      if (!before.equals(gpt)) {
        throw new ConfigException("--resume: the model of " + out + " is " + before
            + ", these options make " + gpt);
      }
    }
    ModelRun.writeConfig(out, gpt);
    MonitorConfig monitor = MonitorConfig.builder()
        .console(quiet ? MonitorConfig.Console.QUIET : MonitorConfig.Console.AUTO).build();
    PretrainResult result;
    try (NDManager manager = Devices.newManager(Devices.resolve(device).get(0))) {
      GptModel m = GptModel.create(gpt, manager, seed);
      result = Pretrainer.builder().config(config).model(m).dataset(dataset).runDirectory(out)
          .listeners(monitor.listeners()).resume(resume).build().run();
    }
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("run", out.toString());
    json.put("parameters", gpt.parameterCount());
    json.put("steps", result.steps());
    json.put("stop_reason", result.stopReason().name().toLowerCase(Locale.ROOT));
    json.put("final_train_loss", result.losses().isEmpty() ? Double.NaN
        : result.losses().get(result.losses().size() - 1));
    json.put("validation_loss", result.finalValidationLoss());
    json.put("validation_perplexity", Math.exp(result.finalValidationLoss()));
    json.putPOJO("warnings", result.warnings());
    System.out.println(Json.MAPPER.writeValueAsString(json));
    return 0;
  }

  /** The token shards: as given, or text encoded into RUN_DIR/data/train.bin first. */
  private List<Path> shards() throws Exception {
    boolean allShards = data.stream().allMatch(p -> Files.isDirectory(p)
        || p.getFileName().toString().endsWith(".bin"));
    if (allShards) {
      return data;
    }
    if (tokenizer == null) {
      throw new ConfigException("--data has text files: give --tokenizer to encode them");
    }
    boolean jsonl = data.stream().allMatch(p -> {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
    });
    DataSource source = jsonl ? DataSource.files(FileFormat.JSONL, data, "text")
        : DataSource.files(FileFormat.TEXT, data, null);
    source.validate();
    Path shard = out.resolve("data").resolve("train.bin");
    try (Encoders.Opened enc = Encoders.open(tokenizer, Encoders.Kind.AUTO,
        Runtime.getRuntime().availableProcessors())) {
      int eos = ShardEncoder.findEos(enc.encoder()).orElseThrow(() -> new ConfigException(
          tokenizer + " has no end-of-document token (<|endoftext|>, </s>, ...) to put between "
              + "documents"));
      ShardEncoder.builder(enc.encoder(), eos).output(shard)
          .tokenizerSha256(SourceFile.of(tokenizer).sha256()).seed(seed).build().encode(source);
    }
    return List.of(shard.getParent());
  }
}
