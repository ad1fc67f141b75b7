package io.llmtrain.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.InputException;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.monitor.JsonlMetricsListener;
import io.llmtrain.core.monitor.TrainingListener;
import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenDtype;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.core.train.PretrainResult;
import io.llmtrain.core.train.Pretrainer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overfitting view of real pretraining runs (a small GPT on the CPU, its metrics.jsonl
 * written by the real JsonlMetricsListener), the rule on logs fed through that listener, and the
 * refusal of bad files.
 */
class OverfittingViewTest {
  @TempDir
  Path dir;

  static final String ENGLISH = "The river runs past the old mill and under the stone bridge "
      + "before it reaches the town. In spring the water is high and brown, and the children "
      + "stand on the bridge to watch branches float by. In summer it is low and clear, and you "
      + "can see the fish resting in the shade of the willows that grow along the bank. My "
      + "grandmother kept a garden behind the house. She grew beans, tomatoes, onions and "
      + "potatoes, and along the fence there were roses that she had planted the year she was "
      + "married. Every morning she walked between the rows with a basket and a small knife, "
      + "and every evening she watered the plants with water from the rain barrel. The train "
      + "was late again. The people on the platform looked at their watches, then at the board, "
      + "then at each other. A man with a brown hat said that the line had been closed for "
      + "repairs near the river.\0";

  /** Writes {@code ids} (vocabulary 256, end of document 0) as a shard and opens it. */
  static TokenDataset shard(Path dir, int[] ids) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    long docs = 0;
    for (int id : ids) {
      b.putShort((short) id);
      docs += id == 0 ? 1 : 0;
    }
    Files.createDirectories(dir);
    Path shard = dir.resolve("tokens.bin");
    Files.write(shard, b.array());
    new ShardSidecar(TokenDtype.UINT16, ids.length, docs, 256, 0,
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest(b.array())), null, List.of(), "test", Map.of(), null)
        .write(ShardSidecar.pathFor(shard));
    return TokenDataset.open(shard);
  }

  static PretrainConfig.Builder config() {
    return PretrainConfig.builder().batchSize(8).blockSize(32).gradAccum(1).lr(3e-2)
        .warmupSteps(2).evalBatches(2).checkpointEvery(0).keepCheckpoints(1).seed(42)
        .device("cpu").schedule(PretrainConfig.Schedule.CONSTANT);
  }

  /** Trains a one-layer byte-level GPT, logging to the run directory's metrics.jsonl. */
  static PretrainResult train(Path run, TokenDataset data, PretrainConfig cfg) {
    GptConfig tiny = GptConfig.builder().layers(1).heads(2).width(32).contextLength(32)
        .vocabSize(256).tieEmbeddings(false).build();
    try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
      GptModel model = GptModel.create(tiny, m, 7);
      return Pretrainer.builder().config(cfg).model(model).dataset(data).runDirectory(run)
          .listener(new JsonlMetricsListener()).build().run();
    }
  }

  /**
   * A run that overfits by construction: the training text is "1 2 1 2 ...", the validation
   * text "1 1 2 2 ...". Early on the model learns that 1 and 2 are the only tokens, which helps
   * both; then it learns that 2 follows 1 and 1 follows 2, which makes it surer and surer of the
   * wrong token on half the validation positions.
   */
  static Path overfittingRun(Path dir) throws Exception {
    int n = 4000;
    PretrainConfig cfg = config().steps(60).evalEvery(5).lr(3e-3).build();
    TokenDataset probe = shard(dir.resolve("probe"), new int[n]);
    TokenDataset.Split split = probe.split(cfg.validationFraction(), cfg.seed());
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = split.validation().contains(i) ? 1 + (i / 2) % 2 : 1 + i % 2;
    }
    Path run = dir.resolve("overfit");
    train(run, shard(dir.resolve("alternating"), ids), cfg);
    return run;
  }

  @Test
  void aRunThatOverfitsHasItsGapGrowAfterTheBestValidationLoss() throws Exception {
    Path run = overfittingRun(dir);
    OverfittingView v = OverfittingView.read(run);

    assertThat(v.points()).extracting(OverfittingView.Point::step)
        .containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L, 50L, 55L, 60L);
    // Validation loss has a minimum before the end and rises above it afterwards.
    OverfittingView.Point last = v.points().get(v.points().size() - 1);
    assertThat(v.bestStep()).isLessThan(60);
    assertThat(last.validationLoss()).isGreaterThan(v.bestValidationLoss() + 0.1);
    assertThat(v.bestValidationLoss()).isEqualTo(v.points().stream()
        .mapToDouble(OverfittingView.Point::validationLoss).min().orElseThrow());
    assertThat(last.trainLoss()).isLessThan(v.points().get(0).trainLoss());

    assertThat(v.gapGrowsFrom()).isNotNull();
    long from = v.gapGrowsFrom();
    int i = indexOf(v, from);
    // What the rule promises: the gap rises at each of the next 3 evaluations without a new
    // best validation loss, and never falls back to its value at that step.
    double bestUpTo = v.points().subList(0, i + 1).stream()
        .mapToDouble(OverfittingView.Point::validationLoss).min().orElseThrow();
    for (int k = i + 1; k <= i + 3; k++) {
      assertThat(v.points().get(k).gap()).isGreaterThan(v.points().get(k - 1).gap());
      assertThat(v.points().get(k).validationLoss()).isGreaterThanOrEqualTo(bestUpTo);
    }
    for (int k = i + 1; k < v.points().size(); k++) {
      assertThat(v.points().get(k).gap()).isGreaterThan(v.points().get(i).gap());
    }
    // Overfitting starts no earlier than validation stops improving.
    assertThat(from).isGreaterThanOrEqualTo(v.bestStep());
    assertThat(last.gap()).isGreaterThan(v.points().get(i).gap() + 0.1);
  }

  @Test
  void theTrainingLossOfAPointIsTheMeanOfTheStepsSinceThePreviousEvaluation()
      throws Exception {
    Path run = overfittingRun(dir);
    List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
    OverfittingView v = OverfittingView.read(run);
    // Recompute from the step lines (every step is logged by default).
    double sum = 0;
    for (String line : lines) {
      var n = io.llmtrain.core.io.Json.MAPPER.readTree(line);
      long step = n.path("step").asLong();
      if (n.path("event").asText().equals("step") && step > 10 && step <= 15) {
        sum += n.path("loss").asDouble();
      }
    }
    assertThat(v.points().get(2).trainLoss()).isCloseTo(sum / 5, within(1e-9));
    // Without train_loss on the evaluation lines, the same mean comes from the step lines.
    Path stripped = dir.resolve("stripped.jsonl");
    Files.write(stripped, lines.stream()
        .map(l -> l.replaceAll(",\"train_loss\":[^,}]*", "")).toList());
    OverfittingView w = OverfittingView.read(stripped);
    assertThat(w.points()).hasSameSizeAs(v.points());
    for (int k = 0; k < v.points().size(); k++) {
      assertThat(w.points().get(k).trainLoss())
          .isCloseTo(v.points().get(k).trainLoss(), within(1e-9));
    }
    assertThat(w.gapGrowsFrom()).isEqualTo(v.gapGrowsFrom());
  }

  @Test
  void aHealthyRunOnEnglishTextDoesNotOverfit() throws Exception {
    byte[] text = ENGLISH.getBytes(StandardCharsets.UTF_8);
    int[] ids = new int[text.length];
    for (int k = 0; k < text.length; k++) {
      ids[k] = text[k] & 0xFF;
    }
    Path run = dir.resolve("healthy");
    train(run, shard(dir.resolve("english"), ids), config().steps(40).evalEvery(5).lr(3e-3).batchSize(4).validationFraction(0.2).build());
    OverfittingView v = OverfittingView.read(run);
    assertThat(v.points()).hasSize(8);
    int rises = 0;
    int longestRise = 0;
    for (int k = 1; k < v.points().size(); k++) {
      // Validation improves at every evaluation...
      assertThat(v.points().get(k).validationLoss())
          .isLessThan(v.points().get(k - 1).validationLoss());
      rises = v.points().get(k).gap() > v.points().get(k - 1).gap() ? rises + 1 : 0;
      longestRise = Math.max(longestRise, rises);
    }
    // ...while the gap rises for several evaluations in a row (the windowed training loss
    // falls faster early on): a rule on the gap alone would call this overfitting.
    assertThat(longestRise).isGreaterThanOrEqualTo(3);
    assertThat(v.bestStep()).isEqualTo(40);
    assertThat(v.gapGrowsFrom()).isNull();
  }

  /** Feeds evaluations with the given training and validation losses through the listener. */
  private Path log(String name, double[] train, double[] val) {
    Path run = dir.resolve(name);
    TrainingListener.Run r = new TrainingListener.Run(run, Map.of("steps", train.length * 10),
        1000, 6000, 0, train.length * 10L, 0, "cpu()");
    JsonlMetricsListener l = new JsonlMetricsListener();
    l.onStart(r);
    for (int e = 0; e < train.length; e++) {
      for (int s = 1; s <= 10; s++) {
        l.onStep(new TrainingListener.Step(e * 10L + s, train[e] + 0.01 * (5 - s), 1e-3, 1,
            256, 0.1, (e * 10 + s) * 0.1));
      }
      l.onEvaluation(new TrainingListener.Evaluation(e * 10L + 10, train[e], val[e]));
    }
    l.onEnd(r, train.length * 10L, null);
    return run;
  }

  @Test
  void theRuleNeedsValidationToStopImprovingAndTheGapToKeepRising() {
    // Gap rises throughout (train falls faster) but validation improves at every evaluation.
    Path healthy = log("h", new double[] {3.0, 2.6, 2.3, 2.1, 1.95, 1.85},
        new double[] {2.9, 2.7, 2.5, 2.35, 2.25, 2.2});
    assertThat(OverfittingView.read(healthy).gapGrowsFrom()).isNull();

    // Validation bottoms out at step 30 and the gap rises from there on.
    Path overfit = log("o", new double[] {3.0, 2.5, 2.2, 2.0, 1.8, 1.6, 1.4},
        new double[] {2.9, 2.6, 2.4, 2.45, 2.5, 2.6, 2.7});
    OverfittingView v = OverfittingView.read(overfit);
    assertThat(v.bestStep()).isEqualTo(30);
    assertThat(v.bestValidationLoss()).isEqualTo(2.4);
    assertThat(v.gapGrowsFrom()).isEqualTo(30L);
    assertThat(v.points().get(6).gap()).isCloseTo(1.3, within(1e-12));
    // Patience longer than the rise: no verdict yet.
    assertThat(OverfittingView.read(overfit, new OverfittingView.Rule(5, 0)).gapGrowsFrom())
        .isNull();
    // A tolerance larger than the rises ignores them.
    assertThat(OverfittingView.read(overfit, new OverfittingView.Rule(3, 0.3)).gapGrowsFrom())
        .isNull();

    // A bump that falls back below where it started does not count.
    Path bump = log("b", new double[] {3.0, 2.5, 2.2, 2.0, 1.9, 1.8, 1.8, 1.7},
        new double[] {2.9, 2.6, 2.4, 2.45, 2.5, 2.55, 1.9, 1.8});
    assertThat(OverfittingView.read(bump).gapGrowsFrom()).isNull();
    assertThat(OverfittingView.read(bump).bestStep()).isEqualTo(80);
  }

  @Test
  void rulesAndPointsAreChecked() {
    assertThatThrownBy(() -> new OverfittingView.Rule(0, 0))
        .hasMessageContaining("patience");
    assertThatThrownBy(() -> new OverfittingView.Rule(2, -1))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> OverfittingView.of(List.of(new OverfittingView.Point(2, 1, 1),
        new OverfittingView.Point(1, 1, 1)), OverfittingView.Rule.DEFAULT))
        .hasMessageContaining("increasing");
  }

  @Test
  void badFilesAreRefusedNamingFileLineAndField() throws Exception {
    Path missing = dir.resolve("no-run");
    assertThatThrownBy(() -> OverfittingView.read(missing)).isInstanceOf(InputException.class)
        .hasMessageContaining("no-run").hasMessageContaining("no such file");
    Files.createDirectories(dir.resolve("empty-run"));
    assertThatThrownBy(() -> OverfittingView.read(dir.resolve("empty-run")))
        .isInstanceOf(InputException.class).hasMessageContaining("metrics.jsonl")
        .hasMessageContaining("pretraining run directory");

    String ok = "{\"event\":\"step\",\"step\":1,\"loss\":3.0}\n"
        + "{\"event\":\"eval\",\"step\":1,\"train_loss\":3.0,\"val_loss\":3.1}\n";
    assertThat(OverfittingView.read(write("ok.jsonl", ok)).points()).hasSize(1);

    expect(write("json.jsonl", ok + "{\"event\":\"step\",\"step\":2,\n"
        + "{\"event\":\"eval\",\"step\":2,\"val_loss\":3}\n"), "json.jsonl:3", "not valid JSON");
    // The last line cut short by a crash (no newline) is skipped, as the listener does.
    assertThat(OverfittingView.read(write("torn.jsonl", ok + "{\"event\":\"st")).points())
        .hasSize(1);
    expect(write("torn-nl.jsonl", ok + "{\"event\":\"st\n"), "torn-nl.jsonl:3",
        "not valid JSON");
    expect(write("val.jsonl", ok + "{\"event\":\"eval\",\"step\":2,\"train_loss\":3}\n"),
        "val.jsonl:3", "'val_loss'", "missing");
    expect(write("type.jsonl", ok + "{\"event\":\"eval\",\"step\":2,\"val_loss\":\"low\"}\n"),
        "type.jsonl:3", "'val_loss'", "not a number");
    expect(write("step.jsonl", ok + "{\"event\":\"eval\",\"step\":\"two\",\"val_loss\":1}\n"),
        "step.jsonl:3", "'step'");
    expect(write("back.jsonl", ok + "{\"event\":\"eval\",\"step\":1,\"val_loss\":1}\n"),
        "back.jsonl:3", "'step'", "must increase");
    expect(write("event.jsonl", "[1,2]\n"), "event.jsonl:1", "JSON object");
    expect(write("noevent.jsonl", "{\"step\":1}\n"), "noevent.jsonl:1", "'event'");
    expect(write("noeval.jsonl", "{\"event\":\"step\",\"step\":1,\"loss\":3.0}\n"),
        "noeval.jsonl", "no evaluation");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  private static void expect(Path file, String... parts) {
    assertThatThrownBy(() -> OverfittingView.read(file)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(parts));
  }

  private static int indexOf(OverfittingView v, long step) {
    for (int k = 0; k < v.points().size(); k++) {
      if (v.points().get(k).step() == step) {
        return k;
      }
    }
    throw new AssertionError("no point at step " + step);
  }
}
