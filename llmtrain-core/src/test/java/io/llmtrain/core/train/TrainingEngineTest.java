package io.llmtrain.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.llmtrain.core.tokens.WindowSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingEngineTest {

  private static Parameter param(NDManager m, String name, float[] values) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
        .optShape(new ai.djl.ndarray.types.Shape(values.length)).build();
    p.setShape(null);
    p.setArray(m.create(values));
    return p;
  }

  @Test
  void adamWStepsMatchAHandComputationWithAndWithoutDecay() {
    double lr = 0.1;
    double b1 = 0.9;
    double b2 = 0.95;
    double eps = 1e-8;
    double wd = 0.5;
    float[] w0 = {1.0f, -2.0f};
    float[] c0 = {0.5f};
    float[][] gw = {{0.3f, -0.1f}, {-0.2f, 0.4f}};
    float[][] gc = {{1.0f}, {2.0f}};
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("w", param(m, "w", w0));
      params.put("c", param(m, "c", c0));
      try (AdamW opt = new AdamW(params, "w"::equals, b1, b2, eps, wd, m)) {
        double[] w = {w0[0], w0[1]};
        double[] c = {c0[0]};
        double[] mw = new double[2];
        double[] vw = new double[2];
        double[] mc = new double[1];
        double[] vc = new double[1];
        for (int t = 1; t <= 2; t++) {
          try (NDManager scope = m.newSubManager()) {
            Map<String, NDArray> grads = new LinkedHashMap<>();
            grads.put("w", scope.create(gw[t - 1]));
            grads.put("c", scope.create(gc[t - 1]));
            opt.update(grads, lr, scope);
          }
          hand(w, mw, vw, gw[t - 1], t, lr, b1, b2, eps, wd);
          hand(c, mc, vc, gc[t - 1], t, lr, b1, b2, eps, 0);
        }
        assertThat(opt.step()).isEqualTo(2);
        float[] gotW = params.get("w").getArray().toFloatArray();
        float[] gotC = params.get("c").getArray().toFloatArray();
        for (int i = 0; i < 2; i++) {
          assertThat((double) gotW[i]).isCloseTo(w[i], within(1e-6));
          assertThat((double) opt.firstMoment("w")[i]).isCloseTo(mw[i], within(1e-7));
          assertThat((double) opt.secondMoment("w")[i]).isCloseTo(vw[i], within(1e-7));
        }
        assertThat((double) gotC[0]).isCloseTo(c[0], within(1e-6));
      }
    }
  }

  private static void hand(double[] p, double[] m, double[] v, float[] g, int t, double lr,
      double b1, double b2, double eps, double wd) {
    for (int i = 0; i < p.length; i++) {
      p[i] -= lr * wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      double mh = m[i] / (1 - Math.pow(b1, t));
      double vh = v[i] / (1 - Math.pow(b2, t));
      p[i] -= lr * mh / (Math.sqrt(vh) + eps);
    }
  }

  @Test
  void clipsByTheGlobalNormOfAllGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> grads = new LinkedHashMap<>();
      grads.put("a", m.create(new float[] {3, 4}));
      grads.put("b", m.create(new float[] {12}));
      // sqrt(9 + 16 + 144) = 13, not the per-value or per-tensor norms (5 and 12).
      double norm = TrainingEngine.globalNorm(grads, m);
      assertThat(norm).isCloseTo(13.0, within(1e-9));
      assertThat(TrainingEngine.clip(grads, norm, 20)).isFalse();
      assertThat(grads.get("a").toFloatArray()).containsExactly(3f, 4f);
      assertThat(TrainingEngine.clip(grads, norm, 1.0)).isTrue();
      double s = 1.0 / (13 + 1e-6);
      assertThat((double) grads.get("a").toFloatArray()[1]).isCloseTo(4 * s, within(1e-7));
      assertThat((double) grads.get("b").toFloatArray()[0]).isCloseTo(12 * s, within(1e-7));
      assertThat(TrainingEngine.globalNorm(grads, m)).isCloseTo(1.0, within(1e-6));
    }
  }

  static WindowSampler.Batch randomBatch(Random r, int b, int t, int vocab) {
    int[] in = new int[b * t];
    int[] out = new int[b * t];
    for (int i = 0; i < in.length; i++) {
      in[i] = r.nextInt(vocab);
      out[i] = r.nextInt(vocab);
    }
    return new WindowSampler.Batch(0, b, t, new long[b], in, out);
  }

  static List<WindowSampler.Batch> split(WindowSampler.Batch big, int parts) {
    int rows = big.batchSize() / parts;
    int t = big.blockSize();
    List<WindowSampler.Batch> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(new WindowSampler.Batch(p, rows, t, new long[rows],
          Arrays.copyOfRange(big.inputs(), p * rows * t, (p + 1) * rows * t),
          Arrays.copyOfRange(big.targets(), p * rows * t, (p + 1) * rows * t)));
    }
    return out;
  }

  private static TrainingEngine engine(NDManager m, TinyCausalLm model, double clip) {
    AdamW opt = new AdamW(NamedParameters.trainable(model.block()), model::decays, 0.9, 0.95,
        1e-8, 0.1, m);
    return new TrainingEngine(model, opt, clip, m);
  }

  @Test
  void gradientAccumulationOfFourMicroBatchesEqualsOneBatchOfFourTimesTheSize() {
    WindowSampler.Batch big = randomBatch(new Random(7), 8, 12, 64);
    try (NDManager ma = NDManager.newBaseManager(); NDManager mb = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(11);
      TinyCausalLm a = new TinyCausalLm(ma, 64, 16, 12);
      Engine.getInstance().setRandomSeed(11);
      TinyCausalLm b = new TinyCausalLm(mb, 64, 16, 12);
      try (TrainingEngine ea = engine(ma, a, 1.0); TrainingEngine eb = engine(mb, b, 1.0)) {
        for (int step = 0; step < 2; step++) {
          TrainingEngine.StepOutcome one = ea.step(List.of(big), 1e-2);
          TrainingEngine.StepOutcome four = eb.step(split(big, 4), 1e-2);
          assertThat(four.loss()).isCloseTo(one.loss(), within(1e-5));
          assertThat(four.gradientNorm()).isCloseTo(one.gradientNorm(), within(1e-5));
        }
        Map<String, Parameter> pa = NamedParameters.trainable(a.block());
        Map<String, Parameter> pb = NamedParameters.trainable(b.block());
        for (String name : pa.keySet()) {
          float[] x = pa.get(name).getArray().toFloatArray();
          float[] y = pb.get(name).getArray().toFloatArray();
          for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).as(name + "[" + i + "]").isCloseTo(x[i], within(1e-5f));
          }
        }
      }
    }
  }

  @Test
  void aStepLeaksNoArrays() {
    Random r = new Random(3);
    try (NDManager m = NDManager.newBaseManager()) {
      Engine.getInstance().setRandomSeed(5);
      TinyCausalLm model = new TinyCausalLm(m, 64, 16, 12);
      try (TrainingEngine e = engine(m, model, 1.0)) {
        List<WindowSampler.Batch> eval = List.of(randomBatch(r, 4, 12, 64));
        int after5 = 0;
        for (int step = 1; step <= 50; step++) {
          e.step(split(randomBatch(r, 8, 12, 64), 2), 1e-3);
          e.evaluate(eval);
          if (step == 5) {
            after5 = m.getManagedArrays().size();
          }
        }
        assertThat(after5).isPositive();
        assertThat(m.getManagedArrays().size()).isEqualTo(after5);
        assertThat(e.leakedArrays()).isZero();
      }
    }
  }

  @Test
  void reportsAModelThatLeavesArraysInItsParametersManager() {
    Random r = new Random(3);
    try (NDManager m = NDManager.newBaseManager()) {
      TinyCausalLm model = new TinyCausalLm(m, 64, 16, 12, true);
      try (TrainingEngine e = engine(m, model, 1.0)) {
        for (int step = 1; step <= 5; step++) {
          e.step(List.of(randomBatch(r, 2, 12, 64)), 1e-3);
        }
        // sum() and mul(0) of a parameter: two arrays per step, three steps after the baseline.
        assertThat(e.leakedArrays()).isEqualTo(6);
      }
    }
  }
}
