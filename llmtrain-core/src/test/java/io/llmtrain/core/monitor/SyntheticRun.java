package io.llmtrain.core.monitor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A made-up training run fed straight to listeners: loss falls as 4/sqrt(step). */
final class SyntheticRun {
  static final long TOKENS = 4096;
  static final double SECONDS = 0.5;

  private SyntheticRun() {
  }

  static TrainingListener.Run run(Path dir, long totalSteps, long startStep, double peak) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("preset", "nano");
    config.put("learningRate", 3e-4);
    config.put("batchSize", 8);
    config.put("data", Path.of("/data/shard-0.bin"));
    return new TrainingListener.Run(dir, config, 1_234_567, 6 * 1_234_567.0, peak, totalSteps,
        startStep, "cpu()");
  }

  static double loss(long step) {
    return 4 / Math.sqrt(step);
  }

  static TrainingListener.Step step(long step) {
    return new TrainingListener.Step(step, loss(step), 1e-3 * step / 100, 0.5 + step / 1000.0,
        TOKENS, SECONDS, step * SECONDS);
  }

  /** Steps {@code from+1..to}, an evaluation every 5 steps and a checkpoint every 10. */
  static void feed(TrainingListener l, TrainingListener.Run run, long from, long to) {
    for (long s = from + 1; s <= to; s++) {
      l.onStep(step(s));
      if (s % 5 == 0) {
        l.onEvaluation(new TrainingListener.Evaluation(s, loss(s), loss(s) + 0.1));
      }
      if (s % 10 == 0) {
        l.onCheckpoint(s, run.directory().resolve("checkpoints/step-" + s));
      }
    }
  }
}
