package io.llmtrain.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptConfig.Arch;
import io.llmtrain.core.model.GptModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorTest {
  private static NDManager root;

  @BeforeAll
  static void start() {
    root = NDManager.newBaseManager(Device.cpu());
  }

  @AfterAll
  static void stop() {
    root.close();
  }

  private static GptModel tiny(Arch arch, NDManager m) {
    GptConfig cfg = GptConfig.preset("nano").toBuilder().arch(arch).layers(2).width(64)
        .contextLength(16).vocabSize(50).build();
    return GptModel.create(cfg, m, 21);
  }

  /** The most likely next token by a full forward over the last contextLength tokens. */
  private static int argmaxWithoutCache(GptModel model, NDManager m, int[] sequence) {
    int from = Math.max(0, sequence.length - model.contextLength());
    int[] window = Arrays.copyOfRange(sequence, from, sequence.length);
    try (NDManager s = m.newSubManager()) {
      NDArray x = s.create(window, new Shape(1, window.length));
      NDArray logits = model.block().forward(new ParameterStore(s, false), new NDList(x), false)
          .singletonOrThrow();
      return (int) logits.get(0, window.length - 1).argMax().getLong();
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void greedyWithTheCacheEqualsFullRecomputationPastTheContext(Arch arch) {
    try (NDManager m = root.newSubManager()) {
      GptModel model = tiny(arch, m);
      Generator g = new Generator(model);
      int[] prompt = {3, 1, 4, 1, 5};
      // 5 + 20 tokens: the window slides past the 16-token context
      List<Integer> streamed = new ArrayList<>();
      Generation out = g.generate(prompt, GenerationConfig.greedy(20), streamed::add);
      assertThat(out.stopReason()).isEqualTo(Generation.StopReason.LIMIT);
      assertThat(out.tokens()).hasSize(20);
      assertThat(streamed).containsExactly(Arrays.stream(out.tokens()).boxed()
          .toArray(Integer[]::new));
      int[] sequence = prompt.clone();
      for (int token : out.tokens()) {
        assertThat(token).isEqualTo(argmaxWithoutCache(model, m, sequence));
        sequence = Arrays.copyOf(sequence, sequence.length + 1);
        sequence[sequence.length - 1] = token;
      }
      assertThat(g.generate(prompt, GenerationConfig.greedy(20)).tokens())
          .isEqualTo(out.tokens());
      // top-k 1 at any temperature is greedy
      assertThat(g.generate(prompt, GenerationConfig.builder().temperature(1.5).topK(1).seed(4)
          .maxNewTokens(20).build()).tokens()).isEqualTo(out.tokens());
    }
  }

  @ParameterizedTest
  @EnumSource(Arch.class)
  void aSeedReproducesSamplingAndEosStops(Arch arch) {
    try (NDManager m = root.newSubManager()) {
      GptModel model = tiny(arch, m);
      Generator g = new Generator(model);
      int[] prompt = {7};
      GenerationConfig sample = GenerationConfig.builder().temperature(1).topP(0.95)
          .maxNewTokens(16).seed(123).build();
      Generation a = g.generate(prompt, sample);
      // the first forward built the model's constant tables (mask, rotary); nothing else stays
      int before = m.getManagedArrays().size();
      Generation b = g.generate(prompt, sample);
      Generation c = g.generate(prompt, sample.toBuilder().seed(124).build());
      assertThat(m.getManagedArrays()).as("generation frees its arrays").hasSize(before);
      assertThat(a.tokens()).hasSize(16).isEqualTo(b.tokens());
      assertThat(c.tokens()).isNotEqualTo(a.tokens());
      // stop at the first token that did not come earlier: everything before it comes back
      int stop = 0;
      while (contains(a.tokens(), stop, a.tokens()[stop])) {
        stop++;
      }
      stop = Math.max(stop, 1);
      while (contains(a.tokens(), stop, a.tokens()[stop])) {
        stop++;
      }
      Generation eos = g.generate(prompt, sample.toBuilder().eosTokenId(a.tokens()[stop])
          .build());
      assertThat(eos.stopReason()).isEqualTo(Generation.StopReason.EOS);
      assertThat(eos.tokens()).isEqualTo(Arrays.copyOf(a.tokens(), stop));
      assertThat(g.generate(prompt, sample.toBuilder().maxNewTokens(0).build()).tokens())
          .isEmpty();
      assertThatThrownBy(() -> g.generate(new int[0], sample))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> g.generate(new int[] {50}, sample))
          .hasMessageContaining("outside the vocabulary");
    }
  }

  private static boolean contains(int[] tokens, int before, int token) {
    for (int i = 0; i < before; i++) {
      if (tokens[i] == token) {
        return true;
      }
    }
    return false;
  }
}
