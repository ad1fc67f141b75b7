package io.llmtrain.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.WindowSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data parallelism and mixed precision, on the CPU: replicas sharing one device run the same
 * code as replicas on several GPUs (shares of each batch, gradients summed into float32 master
 * weights, replicas refreshed), so the arithmetic is checked here and only the device placement
 * is left to a GPU host.
 */
class ReplicasTest {
  @TempDir
  Path dir;

  private static GptConfig config(GptConfig.Arch arch) {
    return GptConfig.builder().arch(arch).vocabSize(256).contextLength(32).layers(2).heads(2)
        .width(32).build();
  }

  private static TrainingEngine engine(NDManager m, GptModel model, Replicas replicas) {
    AdamW opt = new AdamW(NamedParameters.trainable(model.block()), model::decays, 0.9, 0.95,
        1e-8, 0.1, m);
    return new TrainingEngine(model, opt, 1.0, m, replicas);
  }

  private List<WindowSampler.Batch> batches(int n, int batchSize) throws Exception {
    TokenDataset ds = EnglishTokens.dataset(dir, 2);
    WindowSampler s = WindowSampler.create(ds, ds.split(0.1, 1).train(), 32, batchSize, 3);
    List<WindowSampler.Batch> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(s.next());
    }
    return out;
  }

  @Test
  void twoReplicasWithHalfTheRowsEachTrainExactlyLikeOneModelOnTheWholeBatch() throws Exception {
    List<WindowSampler.Batch> data = batches(4, 4);
    for (GptConfig.Arch arch : GptConfig.Arch.values()) {
      try (NDManager ma = Devices.newManager(Device.cpu());
          NDManager mb = Devices.newManager(Device.cpu())) {
        GptModel a = GptModel.create(config(arch), ma, 5);
        GptModel b = GptModel.create(config(arch), mb, 5);
        try (Replicas replicas = Replicas.of(b, List.of(Device.cpu(), Device.cpu()),
            DataType.FLOAT32);
            TrainingEngine single = engine(ma, a, null);
            TrainingEngine parallel = engine(mb, b, replicas)) {
          for (WindowSampler.Batch batch : data) {
            TrainingEngine.StepOutcome one = single.step(List.of(batch), 3e-3);
            TrainingEngine.StepOutcome two = parallel.step(List.of(batch), 3e-3);
            assertThat(two.loss()).as(arch + " loss").isCloseTo(one.loss(), within(1e-5));
            assertThat(two.gradientNorm()).as(arch + " gradient norm")
                .isCloseTo(one.gradientNorm(), within(1e-5));
          }
          assertSameWeights(a, b, 1e-5f);
          // the replicas hold the master's updated weights
          assertSameWeights(b, replicas.model(1), 0f);
        }
      }
    }
  }

  @Test
  void halfPrecisionReplicaTrainsWithFloat32MasterWeights() throws Exception {
    List<WindowSampler.Batch> data = batches(40, 4);
    double[] last = new double[2];
    double firstHalf = 0;
    try (NDManager ma = Devices.newManager(Device.cpu());
        NDManager mb = Devices.newManager(Device.cpu())) {
      GptModel fp32 = GptModel.create(config(GptConfig.Arch.GPT2), ma, 9);
      GptModel master = GptModel.create(config(GptConfig.Arch.GPT2), mb, 9);
      try (Replicas half = Replicas.of(master, List.of(Device.cpu()), DataType.FLOAT16);
          TrainingEngine reference = engine(ma, fp32, null);
          TrainingEngine mixed = engine(mb, master, half)) {
        assertThat(half.model(0).dataType()).isEqualTo(DataType.FLOAT16);
        for (int i = 0; i < data.size(); i++) {
          double r = reference.step(List.of(data.get(i)), 3e-3).loss();
          double m = mixed.step(List.of(data.get(i)), 3e-3).loss();
          if (i == 0) {
            firstHalf = m;
          }
          last[0] = r;
          last[1] = m;
        }
        assertThat(master.dataType()).isEqualTo(DataType.FLOAT32);
        // it learns, and about as well as float32 (fp16 keeps 10 bits of mantissa)
        assertThat(last[1]).isLessThan(firstHalf - 1.0);
        assertThat(last[1]).isCloseTo(last[0], within(0.05 * last[0]));
        // the master keeps what fp16 cannot hold: most weights have mantissa bits below fp16's 10
        float[] w = NamedParameters.trainable(master.block()).get("h.0.attn.c_attn.weight")
            .getArray().toFloatArray();
        long notHalf = 0;
        for (float v : w) {
          if ((Float.floatToRawIntBits(v) & 0x1FFF) != 0) {
            notHalf++;
          }
        }
        assertThat(notHalf).isGreaterThan(w.length / 2);
      }
    }
  }

  @Test
  void halfPrecisionForwardIsCloseToFloat32() {
    for (GptConfig.Arch arch : GptConfig.Arch.values()) {
      try (NDManager m = Devices.newManager(Device.cpu())) {
        GptModel full = GptModel.create(config(arch), m, 4);
        GptModel half = GptModel.create(config(arch), m, 4, DataType.FLOAT16);
        int[] ids = EnglishTokens.ids(1);
        NDArray x = m.create(java.util.Arrays.copyOf(ids, 32), new Shape(1, 32));
        float[] a = full.forward(x, full.newCache(m)).toFloatArray();
        float[] b = half.forward(x, half.newCache(m)).toType(DataType.FLOAT32, false)
            .toFloatArray();
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
          maxAbs = Math.max(maxAbs, Math.abs(a[i]));
        }
        assertThat(maxDiff).as(arch + " max |fp32 - fp16| vs max |logit| " + maxAbs)
            .isLessThan(0.05 * maxAbs);
      }
    }
  }

  @Test
  void stepsOnReplicasLeakNoArrays() throws Exception {
    List<WindowSampler.Batch> data = batches(12, 4);
    try (NDManager m = Devices.newManager(Device.cpu())) {
      GptModel master = GptModel.create(config(GptConfig.Arch.LLAMA), m, 1);
      try (Replicas replicas = Replicas.of(master, List.of(Device.cpu(), Device.cpu()),
          DataType.FLOAT16);
          TrainingEngine e = engine(m, master, replicas)) {
        int[] after3 = new int[3];
        for (int i = 0; i < data.size(); i++) {
          e.step(List.of(data.get(i)), 1e-3);
          if (i == 2) {
            after3 = counts(m, replicas);
          }
        }
        assertThat(counts(m, replicas)).containsExactly(after3);
        assertThat(e.leakedArrays()).isZero();
      }
    }
  }

  private static int[] counts(NDManager m, Replicas r) {
    return new int[] {m.getManagedArrays().size(), r.manager(0).getManagedArrays().size(),
        r.manager(1).getManagedArrays().size()};
  }

  private static void assertSameWeights(GptModel a, GptModel b, float tolerance) {
    Map<String, Parameter> pa = NamedParameters.trainable(a.block());
    Map<String, Parameter> pb = NamedParameters.trainable(b.block());
    for (String name : pa.keySet()) {
      float[] x = pa.get(name).getArray().toFloatArray();
      float[] y = pb.get(name).getArray().toFloatArray();
      for (int i = 0; i < x.length; i++) {
        assertThat(y[i]).as(name + "[" + i + "]").isCloseTo(x[i], within(tolerance));
      }
    }
  }
}
