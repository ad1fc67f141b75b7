package io.llmtrain.benchmarks;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.core.train.Pretrainer;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.shard.ShardEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Native memory of a long training run: the process's resident size (VmRSS) sampled every 250
 * steps of a {@code nano} GPT trained for 5,000 steps (small batches, so it takes minutes), and
 * its growth from the end of warm-up (step 500) to the last step. A leak of one step's arrays
 * shows up as steady growth.
 *
 * <pre>
 * benchmarks/run TrainingMemoryBenchmark --corpus ../shared/corpora/kjv.txt --steps 5000
 * </pre>
 */
public final class TrainingMemoryBenchmark {
  private TrainingMemoryBenchmark() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = BenchmarkSupport.args(argv);
    Path corpus = Path.of(a.getOrDefault("corpus", "../shared/corpora/kjv.txt"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "5000"));
    int warmup = Integer.parseInt(a.getOrDefault("warmup-steps", "500"));
    Path work = Files.createTempDirectory("memory-bench");
    TokenizerRecipe recipe = TokenizerRecipe.builder(TokenizerRecipe.ModelType.BPE)
        .vocabSize(1024).build();
    Tokenizer tokenizer = recipe.trainOnFiles(List.of(corpus));
    Path shard = work.resolve("tokens").resolve("kjv.bin");
    ShardEncoder.builder(tokenizer, tokenizer.tokenToId(recipe.eosToken())).output(shard).build()
        .encode(DataSource.files(FileFormat.TEXT, List.of(corpus), null));
    TokenDataset ds = TokenDataset.open(shard.getParent());
    PretrainConfig config = PretrainConfig.builder().steps(steps).batchSize(4).blockSize(64)
        .lr(1e-3).warmupSteps(50).evalEvery(1000).evalBatches(4).checkpointEvery(2500)
        .keepCheckpoints(1).build();
    long[] atWarmup = new long[1];
    long[] last = new long[1];
    TrainingListener rss = new TrainingListener() {
      @Override
      public void onStep(TrainingListener.Step s) {
        if (s.step() % 250 == 0 || s.step() == warmup) {
          long kb = residentKb();
          if (s.step() == warmup) {
            atWarmup[0] = kb;
          }
          last[0] = kb;
          System.out.printf(Locale.ROOT, "  step %5d: resident %,d KiB, loss %.3f%n", s.step(),
              kb, s.loss());
        }
      }
    };
    try (NDManager m = Devices.newManager(Devices.resolve("cpu").get(0))) {
      GptModel model = GptModel.create(GptConfig.preset("nano").toBuilder().vocabSize(1024)
          .build(), m, 1);
      Pretrainer.builder().config(config).model(model).dataset(ds)
          .runDirectory(work.resolve("run")).listener(rss).build().run();
    }
    System.out.printf(Locale.ROOT, "RESULT resident size after warm-up (step %d) %,d KiB, at step "
            + "%d %,d KiB: %+.1f%%%n", warmup, atWarmup[0], steps, last[0],
        100.0 * (last[0] - atWarmup[0]) / atWarmup[0]);
  }

  private static long residentKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
