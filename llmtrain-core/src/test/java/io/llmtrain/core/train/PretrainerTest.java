package io.llmtrain.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.checkpoint.CheckpointException;
import io.llmtrain.core.checkpoint.Checkpoints;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.tokens.TokenDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainerTest {
  @TempDir
  Path dir;
  TokenDataset data;

  @BeforeEach
  void data() throws IOException {
    data = EnglishTokens.dataset(dir.resolve("data"), 2);
  }

  private static TinyCausalLm model(NDManager m, long seed) {
    Engine.getInstance().setRandomSeed((int) seed);
    return new TinyCausalLm(m, 256, 32, 32);
  }

  private static PretrainConfig.Builder small() {
    return PretrainConfig.builder().steps(8).batchSize(4).blockSize(32).gradAccum(2).lr(1e-2)
        .warmupSteps(2).evalEvery(4).evalBatches(2).checkpointEvery(2).keepCheckpoints(3)
        .seed(42).device("cpu");
  }

  /** Records what listeners see. */
  static final class Recorder implements TrainingListener {
    final List<String> events = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Evaluation> evaluations = new ArrayList<>();
    Throwable error;
    long crashAfterStep = -1;

    @Override
    public void onStart(Run run) {
      events.add("start@" + run.startStep());
    }

    @Override
    public void onStep(Step step) {
      steps.add(step);
      if (step.step() == crashAfterStep) {
        throw new IllegalStateException("simulated crash after step " + step.step());
      }
    }

    @Override
    public void onEvaluation(Evaluation evaluation) {
      evaluations.add(evaluation);
      events.add("eval@" + evaluation.step());
    }

    @Override
    public void onCheckpoint(long step, Path directory) {
      events.add("checkpoint@" + step);
    }

    @Override
    public void onEnd(Run run, long lastStep, Throwable error) {
      this.error = error;
      events.add("end@" + lastStep);
    }
  }

  private PretrainResult train(PretrainConfig cfg, Path run, long initSeed, boolean resume,
      Recorder rec) {
    try (NDManager m = NDManager.newBaseManager()) {
      TinyCausalLm model = model(m, initSeed);
      return Pretrainer.builder().config(cfg).model(model).dataset(data).runDirectory(run)
          .listener(rec).resume(resume).build().run();
    }
  }

  @Test
  void lossFallsOnRealEnglishText() {
    Recorder rec = new Recorder();
    PretrainConfig cfg = small().steps(60).gradAccum(1).batchSize(8).evalEvery(20)
        .checkpointEvery(0).lr(3e-2).build();
    PretrainResult r = train(cfg, dir.resolve("run"), 1, false, rec);
    assertThat(r.steps()).isEqualTo(60);
    assertThat(r.stopReason()).isEqualTo(PretrainResult.StopReason.COMPLETED);
    assertThat(r.losses()).hasSize(60);
    // Uniform over 256 bytes is ln 256 = 5.55; letter statistics bring it well below.
    assertThat(r.losses().get(0)).isGreaterThan(5.0);
    double lastTen = r.losses().subList(50, 60).stream().mapToDouble(d -> d).average()
        .orElseThrow();
    assertThat(lastTen).isLessThan(3.3);
    assertThat(r.finalValidationLoss()).isLessThan(3.5);
    assertThat(r.evaluations()).extracting(TrainingListener.Evaluation::step)
        .containsExactly(20L, 40L, 60L);
    assertThat(rec.steps).extracting(TrainingListener.Step::step).startsWith(1L, 2L)
        .hasSize(60);
    assertThat(rec.steps.get(0).tokens()).isEqualTo(8 * 32);
    assertThat(rec.steps.get(0).learningRate()).isCloseTo(3e-2 / 3, within(1e-12));
    assertThat(rec.events).containsExactly("start@0", "eval@20", "eval@40", "eval@60",
        "checkpoint@60", "end@60");
    assertThat(rec.error).isNull();
    assertThat(dir.resolve("run").resolve("checkpoint-000060")).isDirectory();
  }

  @Test
  void aResumedRunGivesTheLossesOfAnUninterruptedOneEvenAfterACrashMidWrite()
      throws IOException {
    PretrainConfig cfg = small().build();
    PretrainResult straight = train(cfg, dir.resolve("a"), 1, false, new Recorder());

    Path run = dir.resolve("b");
    Recorder crashing = new Recorder();
    crashing.crashAfterStep = 5;
    assertThatThrownBy(() -> train(cfg, run, 1, false, crashing))
        .hasMessageContaining("simulated crash");
    assertThat(crashing.error).hasMessageContaining("simulated crash");
    assertThat(crashing.events).endsWith("checkpoint@4", "end@5");
    // Same seed, same machine: bit-identical losses up to the crash (deterministic on CPU).
    for (int i = 0; i < 5; i++) {
      assertThat(crashing.steps.get(i).loss()).isEqualTo(straight.losses().get(i));
    }
    // A kill between file writes of the next checkpoint leaves a half-written temporary dir.
    Path partial = run.resolve(".checkpoint-000006.tmp-123");
    Files.createDirectories(partial);
    Files.write(partial.resolve("model.safetensors"), new byte[] {1, 2, 3});

    // Different initial weights: everything must come from the checkpoint.
    Recorder resumed = new Recorder();
    PretrainResult r = train(cfg, run, 99, true, resumed);
    assertThat(r.startStep()).isEqualTo(4);
    assertThat(resumed.events.get(0)).isEqualTo("start@4");
    assertThat(resumed.steps).extracting(TrainingListener.Step::step)
        .containsExactly(5L, 6L, 7L, 8L);
    assertThat(r.losses()).hasSize(8);
    for (int i = 0; i < 8; i++) {
      assertThat(r.losses().get(i)).as("step " + (i + 1))
          .isCloseTo(straight.losses().get(i), within(1e-5));
    }
    assertThat(r.finalValidationLoss()).isCloseTo(straight.finalValidationLoss(),
        within(1e-5));
    assertThat(partial).doesNotExist();
    assertThat(new Checkpoints(run, 3).list()).extracting(p -> p.getFileName().toString())
        .containsExactly("checkpoint-000008", "checkpoint-000006", "checkpoint-000004");
  }

  @Test
  void aCorruptCheckpointIsRefusedAndThePreviousOneUsed() throws IOException {
    PretrainConfig cfg = small().keepCheckpoints(2).build();
    Path run = dir.resolve("c");
    PretrainResult straight = train(cfg, run, 1, false, new Recorder());
    // Keep-last-K: of 2, 4, 6, 8 only the newest two remain.
    assertThat(new Checkpoints(run, 2).list()).extracting(p -> p.getFileName().toString())
        .containsExactly("checkpoint-000008", "checkpoint-000006");
    Path weights = run.resolve("checkpoint-000008").resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 3] ^= 0x40;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> Checkpoints.verify(run.resolve("checkpoint-000008")))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(weights.toString()).hasMessageContaining("SHA-256");
    assertThat(new Checkpoints(run, 2).latestValid()).contains(run.resolve(
        "checkpoint-000006"));

    PretrainResult r = train(cfg, run, 7, true, new Recorder());
    assertThat(r.startStep()).isEqualTo(6);
    for (int i = 0; i < 8; i++) {
      assertThat(r.losses().get(i)).isCloseTo(straight.losses().get(i), within(1e-5));
    }

    // Every checkpoint damaged: resuming fails, naming the file.
    Files.delete(run.resolve("checkpoint-000006").resolve("optimizer.safetensors"));
    Files.write(run.resolve("checkpoint-000008").resolve("trainer.json"), new byte[] {'{'});
    assertThatThrownBy(() -> train(cfg, run, 7, true, new Recorder()))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("trainer.json");
  }

  @Test
  void resumingAFinishedRunTrainsNoFurtherAndKeepsItsResult() {
    Path run = dir.resolve("h");
    PretrainResult done = train(small().steps(4).build(), run, 1, false, new Recorder());
    Recorder rec = new Recorder();
    PretrainResult again = train(small().steps(4).build(), run, 5, true, rec);
    assertThat(again.startStep()).isEqualTo(4);
    assertThat(rec.steps).isEmpty();
    assertThat(again.losses()).isEqualTo(done.losses());
    assertThat(again.finalValidationLoss()).isEqualTo(done.finalValidationLoss());
    assertThat(rec.events).containsExactly("start@4", "end@4");
  }

  @Test
  void resumingWithOtherTrajectorySettingsIsRefused() {
    Path run = dir.resolve("d");
    train(small().steps(4).build(), run, 1, false, new Recorder());
    assertThatThrownBy(() -> train(small().steps(4).lr(5e-2).build(), run, 1, true,
        new Recorder())).isInstanceOf(ConfigException.class).hasMessageContaining("lr");
  }

  @Test
  void stopsEarlyWhenValidationLossStopsImproving() {
    // With a zero learning rate the validation loss never improves after the first evaluation.
    PretrainConfig cfg = small().steps(20).lr(0).warmupSteps(0)
        .schedule(PretrainConfig.Schedule.CONSTANT).evalEvery(1).earlyStoppingPatience(2)
        .checkpointEvery(0).build();
    Recorder rec = new Recorder();
    PretrainResult r = train(cfg, dir.resolve("e"), 1, false, rec);
    assertThat(r.stopReason()).isEqualTo(PretrainResult.StopReason.EARLY_STOPPED);
    assertThat(r.steps()).isEqualTo(3);
    assertThat(rec.events).endsWith("eval@3", "checkpoint@3", "end@3");
  }

  @Test
  void warnsOfOverfittingWhenValidationLossRisesWhileTrainingLossFalls() throws IOException {
    // Training text "1 2 1 2 ..." and validation text "1 1 2 2 ...": the more surely the model
    // learns that 1 follows 2 and 2 follows 1, the worse it predicts the validation text.
    int n = 4000;
    TokenDataset probe = EnglishTokens.dataset(dir.resolve("probe"), "p", new int[n], 255);
    PretrainConfig cfg = small().steps(30).gradAccum(1).evalEvery(10).checkpointEvery(0)
        .lr(5e-2).build();
    TokenDataset.Split split = probe.split(cfg.validationFraction(), cfg.seed());
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = split.validation().contains(i) ? 1 + (i / 2) % 2 : 1 + i % 2;
    }
    data = EnglishTokens.dataset(dir.resolve("two"), "t", ids, 255);
    Recorder rec = new Recorder();
    PretrainResult r = train(cfg, dir.resolve("g"), 1, false, rec);
    assertThat(rec.evaluations).hasSize(3);
    assertThat(rec.evaluations.get(2).validationLoss())
        .isGreaterThan(rec.evaluations.get(0).validationLoss());
    assertThat(r.warnings()).isNotEmpty().allMatch(w -> w.contains("overfitting"));
    assertThat(r.warnings().get(0)).startsWith("step 20:");
  }

  @Test
  void refusesABlockLargerThanTheModelContext() {
    assertThatThrownBy(() -> train(small().blockSize(64).build(), dir.resolve("f"), 1, false,
        new Recorder())).isInstanceOf(ConfigException.class).hasMessageContaining("blockSize");
  }
}
