package io.llmtrain.core.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward timings, run on demand: {@code -Dllmtrain.bench=true
 * [-Dllmtrain.bench.preset=micro] [-Dllmtrain.bench.arch=gpt2]}. Prints the median of 7 inference
 * forwards of a (8, contextLength) batch and of single cached tokens.
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
      long[] times = new long[7];
      for (int i = -2; i < times.length; i++) {
        try (NDManager s = m.newSubManager()) {
          long start = System.nanoTime();
          model.block().forward(ps, new NDList(s.create(ids, new Shape(batch, t))), false)
              .singletonOrThrow().toFloatArray();
          if (i >= 0) {
            times[i] = System.nanoTime() - start;
          }
        }
      }
      Arrays.sort(times);
      double ms = times[times.length / 2] / 1e6;
      System.out.printf("%s %s params=%d device=%s threads=%s forward(%d,%d) median %.1f ms "
          + "(%.0f tokens/s)%n", System.getProperty("llmtrain.bench.preset", "micro"),
          cfg.arch().label(), model.parameterCount(), device,
          Runtime.getRuntime().availableProcessors(), batch, t, ms, batch * t / (ms / 1e3));
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
