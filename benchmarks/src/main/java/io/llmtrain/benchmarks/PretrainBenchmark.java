package io.llmtrain.benchmarks;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.model.Perplexity;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenRegion;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.core.train.Pretrainer;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.shard.ShardEncoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Pretraining side by side with PyTorch from Python (Debian {@code python3-torch}): the same
 * GPT-2 model (the {@code nano} preset: 4 layers, 4 heads, width 128, context 128), the same
 * tokens (KJV encoded with a byte-level BPE of 1,024 tokens), the same training and validation
 * regions, batch, AdamW, schedule and clipping, the same thread count. Reports tokens/s (median of
 * the steps after 10) and the validation loss after the same number of steps, for both, plus our
 * MFU.
 *
 * <pre>
 * OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=SkylakeX \
 *   benchmarks/run PretrainBenchmark --corpus ../shared/corpora/kjv.txt --steps 300
 * </pre>
 */
public final class PretrainBenchmark {
  private PretrainBenchmark() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = BenchmarkSupport.args(argv);
    Path corpus = Path.of(a.getOrDefault("corpus", "../shared/corpora/kjv.txt"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "300"));
    int batch = Integer.parseInt(a.getOrDefault("batch-size", "16"));
    int block = Integer.parseInt(a.getOrDefault("block-size", "128"));
    int vocab = Integer.parseInt(a.getOrDefault("vocab-size", "1024"));
    double lr = Double.parseDouble(a.getOrDefault("lr", "1e-3"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup", "20"));
    long seed = Long.parseLong(a.getOrDefault("seed", "1337"));
    int threads = Runtime.getRuntime().availableProcessors();
    String python = a.getOrDefault("python", "/usr/bin/python3");
    Path script = Path.of(a.getOrDefault("script", "benchmarks/python/pretrain_reference.py"));

    Path work = Files.createTempDirectory("pretrain-bench");
    TokenizerRecipe recipe = TokenizerRecipe.builder(TokenizerRecipe.ModelType.BPE)
        .vocabSize(vocab).build();
    Tokenizer tokenizer = recipe.trainOnFiles(List.of(corpus));
    Path shard = work.resolve("tokens").resolve("kjv.bin");
    ShardEncoder.builder(tokenizer, tokenizer.tokenToId(recipe.eosToken())).output(shard).build()
        .encode(DataSource.files(FileFormat.TEXT, List.of(corpus), null));
    TokenDataset ds = TokenDataset.open(shard.getParent());
    TokenDataset.Split split = ds.split(0.1, seed);
    System.out.printf("corpus %s: %,d tokens (BPE %d), model nano, batch %d x %d, %d steps, "
        + "%d threads%n", corpus, ds.size(), vocab, batch, block, steps, threads);

    // ours
    GptConfig gpt = GptConfig.preset("nano").toBuilder().vocabSize(vocab).contextLength(block)
        .build();
    PretrainConfig config = PretrainConfig.builder().steps(steps).batchSize(batch)
        .blockSize(block).lr(lr).minLr(lr / 10).warmupSteps(warmup).weightDecay(0.1)
        .gradClip(1.0).evalEvery(steps).evalBatches(1).checkpointEvery(steps).seed(seed)
        .validationFraction(0.1).build();
    List<Double> stepSeconds = new ArrayList<>();
    double[] mfu = new double[1];
    TrainingListener timing = new TrainingListener() {
      TrainingListener.Run run;

      @Override
      public void onStart(TrainingListener.Run r) {
        run = r;
      }

      @Override
      public void onStep(TrainingListener.Step s) {
        stepSeconds.add(s.seconds());
        mfu[0] = s.mfu(run);
      }
    };
    double ourLoss;
    TokenRegion.Span val = split.validation().spans().get(0);
    int[] valTokens = new int[Math.toIntExact(val.length())];
    ds.read(val.start(), valTokens, 0, valTokens.length);
    try (NDManager m = Devices.newManager(Devices.resolve("cpu").get(0))) {
      GptModel model = GptModel.create(gpt, m, seed);
      Pretrainer.builder().config(config).model(model).dataset(ds)
          .runDirectory(work.resolve("run")).listener(timing).build().run();
      ourLoss = Perplexity.of(model, valTokens, m).loss();
    }
    List<Double> warm = new ArrayList<>(stepSeconds.subList(10, stepSeconds.size()));
    double ourTps = batch * block / BenchmarkSupport.median(warm);

    // PyTorch
    String spans = split.train().spans().stream().map(s -> s.start() + ":" + s.end())
        .collect(Collectors.joining(","));
    List<String> cmd = List.of(python, script.toString(), "--data", shard.toString(),
        "--train-spans", spans, "--val-start", Long.toString(val.start()), "--val-end",
        Long.toString(val.end()), "--vocab", Integer.toString(vocab), "--ctx",
        Integer.toString(block), "--layers", "4", "--heads", "4", "--width", "128", "--batch",
        Integer.toString(batch), "--block", Integer.toString(block), "--steps",
        Integer.toString(steps), "--warmup", Integer.toString(warmup), "--seed",
        Long.toString(seed), "--threads", Integer.toString(threads), "--lr", Double.toString(lr),
        "--min-lr", Double.toString(lr / 10), "--weight-decay", "0.1", "--clip", "1.0");
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String line;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      line = r.lines().reduce((x, y) -> y).orElseThrow();
    }
    if (p.waitFor() != 0) {
      throw new IllegalStateException("the PyTorch reference failed: " + String.join(" ", cmd));
    }
    JsonNode torch = Json.MAPPER.readTree(line);
    double torchTps = torch.get("tokens_per_second").asDouble();
    double torchLoss = torch.get("val_loss").asDouble();
    System.out.printf(Locale.ROOT, "RESULT tokens/s: llmtrain %.0f, PyTorch %s %.0f: ratio %.2f "
            + "(llmtrain MFU %.1f%%)%n", ourTps, torch.get("torch").asText(), torchTps,
        ourTps / torchTps, 100 * mfu[0]);
    System.out.printf(Locale.ROOT, "RESULT validation loss after %d steps (%,d tokens): "
            + "llmtrain %.4f, PyTorch %.4f: %+.2f%%%n", steps, valTokens.length - 1, ourLoss,
        torchLoss, 100 * (ourLoss / torchLoss - 1));
  }
}
