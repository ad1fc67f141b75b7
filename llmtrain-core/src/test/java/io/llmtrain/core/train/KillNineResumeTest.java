package io.llmtrain.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.tokens.TokenDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL (no shutdown hook, no finally block runs) and resumed
 * gives the per-step losses of an uninterrupted run.
 */
class KillNineResumeTest {
  @TempDir
  Path dir;

  static PretrainConfig config() {
    return PretrainConfig.builder().steps(10).batchSize(4).blockSize(32).gradAccum(2).lr(1e-2)
        .warmupSteps(2).evalEvery(5).evalBatches(2).checkpointEvery(2).keepCheckpoints(3)
        .seed(42).device("cpu").build();
  }

  static PretrainResult train(Path data, Path run, boolean resume, TrainingListener listener) {
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(1);
      TinyCausalLm model = new TinyCausalLm(m, 256, 32, 32);
      return Pretrainer.builder().config(config()).model(model)
          .dataset(TokenDataset.open(data)).runDirectory(run).listener(listener)
          .resume(resume).build().run();
    }
  }

  /** The child process: trains slowly after step 4 so the parent can kill it mid-run. */
  public static void main(String[] args) {
    train(Path.of(args[0]), Path.of(args[1]), false, new TrainingListener() {
      @Override
      public void onStep(Step step) {
        if (step.step() >= 4) {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    });
  }

  @Test
  void aRunKilledWithSigkillResumesToTheLossesOfAnUninterruptedRun() throws Exception {
    Path data = dir.resolve("data");
    EnglishTokens.dataset(data, 2);
    PretrainResult straight = train(data, dir.resolve("straight"), false,
        new TrainingListener() { });

    Path run = dir.resolve("killed");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
        KillNineResumeTest.class.getName(), data.toString(), run.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    Path checkpoint = run.resolve("checkpoint-000004");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(checkpoint.resolve("manifest.json")) && System.nanoTime() < deadline
        && child.isAlive()) {
      Thread.sleep(20);
    }
    assertThat(child.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
    child.destroyForcibly(); // SIGKILL on Linux
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isEqualTo(137);

    List<Double> resumedSteps = new ArrayList<>();
    PretrainResult resumed = train(data, run, true, new TrainingListener() {
      @Override
      public void onStep(Step step) {
        resumedSteps.add(step.loss());
      }
    });
    assertThat(resumed.startStep()).isBetween(4L, 6L);
    assertThat(resumed.losses()).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(resumed.losses().get(i)).as("step " + (i + 1))
          .isCloseTo(straight.losses().get(i), within(1e-5));
    }
    assertThat(resumed.finalValidationLoss()).isCloseTo(straight.finalValidationLoss(),
        within(1e-5));
  }
}
