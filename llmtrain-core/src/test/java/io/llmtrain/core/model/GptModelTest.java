package io.llmtrain.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.llmtrain.core.model.GptConfig.Arch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tiny models (under 1M parameters) on the CPU engine. */
class GptModelTest {
  private static NDManager root;

  @BeforeAll
  static void start() {
    root = NDManager.newBaseManager(Device.cpu());
  }

  @AfterAll
  static void stop() {
    root.close();
  }

  /** Smaller than nano so the suite stays fast: 2 layers, 4 heads, width 64, context 32. */
  static GptConfig tiny(Arch arch) {
    return GptConfig.preset("nano").toBuilder().arch(arch).layers(2).width(64).contextLength(24)
        .vocabSize(97).build();
  }

  static int[] randomIds(int n, int vocab, long seed) {
    Random r = new Random(seed);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = r.nextInt(vocab);
    }
    return ids;
  }

  /** Logits of a full, non-training forward through the block as the trainer calls it. */
  static float[] logits(GptModel model, NDManager m, int[] ids, int batch) {
    NDArray x = m.create(ids, new Shape(batch, ids.length / batch));
    NDList out = model.block().forward(new ParameterStore(m, false), new NDList(x), false);
    return out.singletonOrThrow().toFloatArray();
  }

  @Test
  void nanoHasTheAnalyticParameterCountAndReadableNames() {
    GptConfig nano = GptConfig.preset("nano");
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(nano, m, 1);
      assertThat(model.parameterCount()).isEqualTo(nano.parameterCount()).isEqualTo(940_800);
      List<String> names = new ArrayList<>(model.block().getParameters().keys());
      assertThat(names).startsWith("wte.weight", "wpe.weight", "h.0.ln_1.weight", "h.0.ln_1.bias",
          "h.0.attn.c_attn.weight", "h.0.attn.c_attn.bias", "h.0.attn.c_proj.weight");
      assertThat(names).endsWith("ln_f.weight", "ln_f.bias").doesNotContain("lm_head.weight");
      assertThat(model.block().getParameters().get("h.0.attn.c_attn.weight").getShape())
          .isEqualTo(new Shape(384, 128));
      assertThat(model.huggingFaceName("h.3.mlp.c_fc.weight"))
          .isEqualTo("transformer.h.3.mlp.c_fc.weight");
      assertThat(model.huggingFaceTransposed("h.3.mlp.c_fc.weight")).isTrue();
      assertThat(model.huggingFaceTransposed("wte.weight")).isFalse();
      assertThat(model.huggingFaceTransposed("h.3.ln_2.weight")).isFalse();
      assertThat(model.decays("h.0.attn.c_attn.weight")).isTrue();
      assertThat(model.decays("h.3.mlp.c_proj.weight")).isTrue();
      assertThat(model.decays("wte.weight")).isFalse();
      assertThat(model.decays("wpe.weight")).isFalse();
      assertThat(model.decays("h.0.ln_1.weight")).isFalse();
      assertThat(model.decays("h.0.attn.c_attn.bias")).isFalse();
      assertThatThrownBy(() -> model.decays("transformer.wte.weight"))
          .isInstanceOf(IllegalArgumentException.class);
      // nanoGPT's estimate: 6N (N without wpe) + 12 L C T
      assertThat(model.flopsPerToken())
          .isEqualTo(6.0 * (940_800 - 128 * 128) + 12.0 * 4 * 128 * 128);
    }
  }

  @Test
  void llamaNanoMatchesItsAnalyticCountAndHuggingFaceNames() {
    GptConfig cfg = GptConfig.preset("nano").toBuilder().arch(Arch.LLAMA).tieEmbeddings(false)
        .build();
    assertThat(cfg.bias()).isFalse();
    assertThat(cfg.mlpHiddenSize()).isEqualTo(512); // 2/3 * 4 * 128 = 341, up to 512
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 1);
      assertThat(model.parameterCount()).isEqualTo(cfg.parameterCount())
          // embed + lm_head + 4 x (2 norms + 4 C^2 + 3 C F) + final norm
          .isEqualTo(2L * 1024 * 128 + 4L * (2 * 128 + 4 * 128 * 128 + 3 * 128 * 512) + 128);
      Map<String, String> hf = model.huggingFaceNames();
      assertThat(hf).containsEntry("embed_tokens.weight", "model.embed_tokens.weight")
          .containsEntry("layers.1.self_attn.q_proj.weight",
              "model.layers.1.self_attn.q_proj.weight")
          .containsEntry("layers.3.mlp.gate_proj.weight", "model.layers.3.mlp.gate_proj.weight")
          .containsEntry("norm.weight", "model.norm.weight")
          .containsEntry("lm_head.weight", "lm_head.weight");
      assertThat(hf.keySet()).noneMatch(n -> n.endsWith(".bias"));
      assertThat(model.decays("lm_head.weight")).isTrue();
      assertThat(model.decays("layers.0.input_layernorm.weight")).isFalse();
      assertThat(model.huggingFaceTransposed("layers.0.self_attn.q_proj.weight")).isFalse();
      // no position table: 6N + 12 L C T with every parameter
      assertThat(model.flopsPerToken()).isEqualTo(6.0 * model.parameterCount()
          + 12.0 * 4 * 128 * 128);
    }
  }

  /**
   * The DJL forward equals a plain-Java one written from Hugging Face's model code, fed the
   * parameters renamed and transposed as {@code huggingFaceName}/{@code huggingFaceTransposed}
   * say: the architecture and the export mapping are right together. Random norm weights and
   * biases so that no term hides behind a 1 or a 0.
   */
  @ParameterizedTest
  @EnumSource(Arch.class)
  void forwardMatchesAReferenceWrittenFromHuggingFaceCode(Arch arch) {
    GptConfig cfg = tiny(arch).toBuilder().tieEmbeddings(arch == Arch.GPT2).bias(true)
        .contextLength(12).build();
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 13);
      Map<String, float[]> hf = new java.util.HashMap<>();
      Random r = new Random(4);
      for (Parameter p : model.block().getParameters().values()) {
        NDArray a = p.getArray();
        if (p.getShape().dimension() == 1) {
          float[] noisy = a.toFloatArray();
          for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.3 * r.nextGaussian());
          }
          Shape shape = a.getShape();
          p.close();
          p.setShape(null);
          p.setArray(m.create(noisy, shape));
        }
        NDArray value = p.getArray();
        if (model.huggingFaceTransposed(p.getName())) {
          value = value.transpose();
        }
        hf.put(model.huggingFaceName(p.getName()), value.toFloatArray());
      }
      int[] ids = randomIds(12, cfg.vocabSize(), 8);
      float[] got = logits(model, m, ids, 1);
      double[][] want = new ReferenceDecoder(cfg, hf).forward(ids);
      int v = cfg.vocabSize();
      for (int p = 0; p < ids.length; p++) {
        for (int k = 0; k < v; k++) {
          assertThat((double) got[p * v + k]).as("position %d token %d", p, k)
              .isCloseTo(want[p][k], within(2e-5 + 1e-4 * Math.abs(want[p][k])));
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void parametersSavedWithDjlLoadIntoAModelOfAnotherSeed(Arch arch) throws Exception {
    GptConfig cfg = tiny(arch);
    try (NDManager m = root.newSubManager()) {
      GptModel a = GptModel.create(cfg, m, 1);
      GptModel b = GptModel.create(cfg, m, 2);
      int[] ids = randomIds(24, cfg.vocabSize(), 9);
      assertThat(logits(b, m, ids, 2)).isNotEqualTo(logits(a, m, ids, 2));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      a.block().saveParameters(new DataOutputStream(bytes));
      b.block().loadParameters(m, new DataInputStream(new ByteArrayInputStream(
          bytes.toByteArray())));
      assertThat(logits(b, m, ids, 2)).isEqualTo(logits(a, m, ids, 2));
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void laterTokensNeverChangeEarlierLogits(Arch arch) {
    GptConfig cfg = tiny(arch);
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 7);
      int t = 18;
      int v = cfg.vocabSize();
      int[] a = randomIds(2 * t, v, 3);
      int[] b = a.clone();
      int changed = 12;
      b[changed] = (a[changed] + 1) % v; // first sequence
      b[t + changed] = (a[t + changed] + 5) % v; // second sequence
      float[] la = logits(model, m, a, 2);
      float[] lb = logits(model, m, b, 2);
      for (int seq = 0; seq < 2; seq++) {
        for (int pos = 0; pos < t; pos++) {
          double diff = maxDiff(la, lb, (seq * t + pos) * v, v);
          if (pos < changed) {
            assertThat(diff).as("seq %d pos %d", seq, pos).isLessThanOrEqualTo(1e-6);
          } else {
            assertThat(diff).as("seq %d pos %d", seq, pos).isGreaterThan(1e-4);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void cachedForwardTokenByTokenEqualsTheFullForward(Arch arch) {
    GptConfig cfg = tiny(arch);
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 11);
      int b = 2;
      int t = cfg.contextLength();
      int v = cfg.vocabSize();
      int[] ids = randomIds(b * t, v, 5);
      float[] full = logits(model, m, ids, b);
      KvCache cache = model.newCache(m);
      // a prompt of 5 in one call, then one token at a time up to the full context
      int pos = 0;
      while (pos < t) {
        int step = pos == 0 ? 5 : 1;
        int[] chunk = new int[b * step];
        for (int s = 0; s < b; s++) {
          System.arraycopy(ids, s * t + pos, chunk, s * step, step);
        }
        try (NDManager stepManager = m.newSubManager()) {
          float[] got = model.forward(stepManager.create(chunk, new Shape(b, step)), cache)
              .toFloatArray();
          for (int s = 0; s < b; s++) {
            for (int i = 0; i < step; i++) {
              int fullOffset = (s * t + pos + i) * v;
              int gotOffset = (s * step + i) * v;
              for (int k = 0; k < v; k++) {
                assertThat((double) got[gotOffset + k]).as("seq %d pos %d", s, pos + i)
                    .isCloseTo(full[fullOffset + k], within(1e-5));
              }
            }
          }
        }
        pos += step;
        assertThat(cache.length()).isEqualTo(pos);
      }
      // the cache is full: one more token is refused, and the cache survives the refusal
      try (NDManager stepManager = m.newSubManager()) {
        NDArray one = stepManager.create(new int[] {1, 2}, new Shape(2, 1));
        assertThatThrownBy(() -> model.forward(one, cache))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context length");
      }
      assertThat(cache.length()).isEqualTo(t);
      cache.clear();
      assertThat(cache.length()).isZero();
    }
  }

  @Test
  void dropoutActsWhileTrainingOnly() {
    GptConfig cfg = tiny(Arch.GPT2).toBuilder().dropout(0.5).build();
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 5);
      ParameterStore ps = new ParameterStore(m, false);
      NDArray x = m.create(randomIds(16, cfg.vocabSize(), 2), new Shape(1, 16));
      float[] inference = model.block().forward(ps, new NDList(x), false).singletonOrThrow()
          .toFloatArray();
      assertThat(logits(model, m, randomIds(16, cfg.vocabSize(), 2), 1)).isEqualTo(inference);
      float[] training = model.block().forward(ps, new NDList(x), true).singletonOrThrow()
          .toFloatArray();
      assertThat(maxDiff(training, inference, 0, inference.length)).isGreaterThan(1e-3);
    }
  }

  @Test
  void initialisationFollowsGpt2AndIsSeeded() {
    GptConfig cfg = GptConfig.preset("nano");
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 42);
      GptModel same = GptModel.create(cfg, m, 42);
      GptModel other = GptModel.create(cfg, m, 43);
      double residual = 0.02 / Math.sqrt(2 * cfg.layers());
      for (Parameter p : model.block().getParameters().values()) {
        String n = p.getName();
        float[] values = p.getArray().toFloatArray();
        if (n.endsWith("c_proj.weight")) {
          assertThat(std(values)).as(n).isCloseTo(residual, within(residual * 0.03));
        } else if (n.endsWith(".weight") && p.getShape().dimension() == 2) {
          assertThat(std(values)).as(n).isCloseTo(0.02, within(0.02 * 0.03));
        } else if (n.endsWith(".bias")) {
          assertThat(values).as(n).containsOnly(0f);
        } else {
          assertThat(values).as(n).containsOnly(1f);
        }
        assertThat(same.block().getParameters().get(n).getArray().toFloatArray()).as(n)
            .isEqualTo(values);
        if (p.getShape().dimension() == 2) {
          assertThat(other.block().getParameters().get(n).getArray().toFloatArray()).as(n)
              .isNotEqualTo(values);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void gradientsReachEveryParameterAndStepsDoNotLeak(Arch arch) {
    GptConfig cfg = tiny(arch).toBuilder().tieEmbeddings(arch == Arch.GPT2).build();
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 3);
      ParameterStore ps = new ParameterStore(m, false);
      Loss loss = Loss.softmaxCrossEntropyLoss();
      int arraysBefore = -1;
      for (int step = 0; step < 4; step++) {
        try (NDManager s = m.newSubManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          int[] ids = randomIds(2 * 16, cfg.vocabSize(), step);
          NDArray x = s.create(ids, new Shape(2, 16));
          NDArray y = s.create(randomIds(2 * 16, cfg.vocabSize(), step + 100), new Shape(32));
          NDArray out = model.block().forward(ps, new NDList(x), true).singletonOrThrow()
              .reshape(32, cfg.vocabSize());
          NDArray l = loss.evaluate(new NDList(y), new NDList(out));
          gc.backward(l);
        }
        try (NDManager s = m.newSubManager()) {
          for (Parameter p : model.block().getParameters().values()) {
            NDArray g = p.getArray().getGradient();
            g.attach(s); // the handle is born in the parameter's manager
            assertThat(g.abs().sum().getFloat()).as(p.getName()).isGreaterThan(0f);
          }
        }
        int arrays = m.getManagedArrays().size();
        if (step == 1) {
          arraysBefore = arrays;
        } else if (step > 1) {
          assertThat(arrays).as("arrays in the model's manager after step %d", step)
              .isEqualTo(arraysBefore);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void inferenceLoopsKeepTheModelsManagerConstant(Arch arch) {
    GptConfig cfg = tiny(arch);
    try (NDManager m = root.newSubManager()) {
      GptModel model = GptModel.create(cfg, m, 3);
      ParameterStore ps = new ParameterStore(m, false);
      // the first forward builds the constant tables
      logitsIn(model, ps, m);
      int before = m.getManagedArrays().size();
      for (int i = 0; i < 8; i++) {
        logitsIn(model, ps, m);
        try (NDManager cacheManager = m.newSubManager()) {
          KvCache cache = model.newCache(cacheManager);
          for (int j = 0; j < 4; j++) {
            try (NDManager s = m.newSubManager()) {
              model.forward(s.create(new int[] {j + 1}, new Shape(1, 1)), cache);
            }
          }
          // two arrays per layer, whatever the length
          assertThat(cacheManager.getManagedArrays()).hasSize(2 * cfg.layers());
        }
        assertThat(m.getManagedArrays()).hasSize(before);
      }
    }
  }

  private static void logitsIn(GptModel model, ParameterStore ps, NDManager m) {
    try (NDManager s = m.newSubManager()) {
      model.block().forward(ps, new NDList(s.create(randomIds(32, 97, 1), new Shape(2, 16))),
          false);
    }
  }

  static double maxDiff(float[] a, float[] b, int offset, int n) {
    double max = 0;
    for (int i = offset; i < offset + n; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  static double std(float[] v) {
    double mean = 0;
    for (float f : v) {
      mean += f;
    }
    mean /= v.length;
    double var = 0;
    for (float f : v) {
      var += (f - mean) * (f - mean);
    }
    return Math.sqrt(var / v.length);
  }
}
