package io.llmtrain.core.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward timings, run on demand: {@code -Dllmtrain.bench=true
 * [-Dllmtrain.bench.preset=micro] [-Dllmtrain.bench.arch=gpt2]}. Prints, after 10 warm-up passes (the first few are 3-4x slower), the median of 7 inference
 * forwards (-Dllmtrain.bench.repeats) of a (8, contextLength) batch, of 5 training forward+backward passes (no optimizer),
 * and of single cached tokens.
 */
class GptForwardBenchmark {

  @Test
  void forwardTime() {
    assumeTrue(Boolean.getBoolean("llmtrain.bench"), "set -Dllmtrain.bench=true to run");
    GptConfig cfg = GptConfig.preset(System.getProperty("llmtrain.bench.preset", "micro"))
        .toBuilder().arch(System.getProperty("llmtrain.bench.arch", "gpt2")).build();
    int batch = Integer.getInteger("llmtrain.bench.batch", 8);
    int t = cfg.contextLength();
    boolean gpu = Boolean.getBoolean("llmtrain.bench.gpu");
    Device device = gpu && Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    try (NDManager m = NDManager.newBaseManager(device)) {
      GptModel model = GptModel.create(cfg, m, 1);
      int[] ids = new Random(1).ints(batch * t, 0, cfg.vocabSize()).toArray();
      ParameterStore ps = new ParameterStore(m, false);
      long[] times = new long[Integer.getInteger("llmtrain.bench.repeats", 7)];
      for (int i = -10; i < times.length; i++) {
        try (NDManager s = m.newSubManager()) {
          long start = System.nanoTime();
          model.block().forward(ps, new NDList(s.create(ids, new Shape(batch, t))), false)
              .singletonOrThrow().toFloatArray();
          if (i >= 0) {
            times[i] = System.nanoTime() - start;
          }
        }
      }
      if (Boolean.getBoolean("llmtrain.bench.verbose")) {
        System.out.println("forward times (ms): " + Arrays.toString(
            Arrays.stream(times).map(x -> x / 1_000_000).toArray()));
      }
      Arrays.sort(times);
      double ms = times[times.length / 2] / 1e6;
      System.out.printf("%s %s params=%d device=%s threads=%s forward(%d,%d) median %.1f ms "
          + "(%.0f tokens/s), fastest %.1f ms%n", System.getProperty("llmtrain.bench.preset",
          "micro"), cfg.arch().label(), model.parameterCount(), device,
          Runtime.getRuntime().availableProcessors(), batch, t, ms, batch * t / (ms / 1e3),
          times[0] / 1e6);
      long[] steps = new long[5];
      Loss loss = Loss.softmaxCrossEntropyLoss();
      ParameterStore trainStore = new ParameterStore(m, false);
      for (int i = -3; i < steps.length; i++) {
        try (NDManager s = m.newSubManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          long start = System.nanoTime();
          NDArray logits = model.block().forward(trainStore,
              new NDList(s.create(ids, new Shape(batch, t))), true).singletonOrThrow();
          NDArray l = loss.evaluate(new NDList(s.create(ids, new Shape(batch * t))),
              new NDList(logits.reshape(batch * t, cfg.vocabSize())));
          gc.backward(l);
          if (i >= 0) {
            steps[i] = System.nanoTime() - start;
          }
        }
      }
      Arrays.sort(steps);
      System.out.printf("forward+backward median %.1f ms, fastest %.1f ms%n",
          steps[steps.length / 2] / 1e6, steps[0] / 1e6);
      long[] tokenTimes = new long[t - 1];
      try (NDManager cm = m.newSubManager()) {
        KvCache cache = model.newCache(cm);
        for (int i = 0; i < t; i++) {
          try (NDManager s = m.newSubManager()) {
            long start = System.nanoTime();
            model.forward(s.create(new int[] {ids[i]}, new Shape(1, 1)), cache).toFloatArray();
            if (i > 0) {
              tokenTimes[i - 1] = System.nanoTime() - start;
            }
          }
        }
      }
      Arrays.sort(tokenTimes);
      System.out.printf("cached single-token forward median %.2f ms%n",
          tokenTimes[tokenTimes.length / 2] / 1e6);
    }
  }
}
