package io.llmtrain.core.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamplerTest {
  /** Probabilities 0.5, 0.3, 0.15, 0.05 at ids 2, 0, 3, 1. */
  private static final float[] LOGITS = {
      (float) Math.log(0.3), (float) Math.log(0.05), (float) Math.log(0.5),
      (float) Math.log(0.15)};

  private static GenerationConfig.Builder sampling() {
    return GenerationConfig.builder().temperature(1);
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    assertThat(new Sampler(sampling().topP(0.45).build()).candidates(LOGITS)).containsExactly(2);
    assertThat(new Sampler(sampling().topP(0.79).build()).candidates(LOGITS))
        .containsExactly(2, 0);
    assertThat(new Sampler(sampling().topP(0.81).build()).candidates(LOGITS))
        .containsExactly(2, 0, 3);
    assertThat(new Sampler(sampling().topP(1).build()).candidates(LOGITS))
        .containsExactly(2, 0, 3, 1);
    // top-k first, then top-p over the renormalised rest: {2: 0.625, 0: 0.375}
    assertThat(new Sampler(sampling().topK(2).topP(0.6).build()).candidates(LOGITS))
        .containsExactly(2);
    assertThat(new Sampler(sampling().topK(3).build()).candidates(LOGITS))
        .containsExactly(2, 0, 3);
  }

  @Test
  void samplesFollowTheKeptDistribution() {
    Sampler s = new Sampler(sampling().topP(0.79).seed(5).build());
    int[] counts = new int[4];
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      counts[s.next(LOGITS)]++;
    }
    assertThat(counts[1]).isZero();
    assertThat(counts[3]).isZero();
    assertThat(counts[2] / (double) n).isCloseTo(0.5 / 0.8, within(0.02));
    // temperature 2 flattens: p ~ sqrt(p)
    Sampler hot = new Sampler(sampling().temperature(2).seed(5).build());
    counts = new int[4];
    for (int i = 0; i < n; i++) {
      counts[hot.next(LOGITS)]++;
    }
    double z = Math.sqrt(0.3) + Math.sqrt(0.05) + Math.sqrt(0.5) + Math.sqrt(0.15);
    assertThat(counts[1] / (double) n).isCloseTo(Math.sqrt(0.05) / z, within(0.02));
  }

  @Test
  void greedyAndTopOneTakeTheMaximumLowestIdOnTies() {
    float[] tie = {0f, 3f, -1f, 3f};
    assertThat(new Sampler(GenerationConfig.greedy(1)).next(tie)).isEqualTo(1);
    assertThat(new Sampler(sampling().topK(1).seed(9).build()).next(tie)).isEqualTo(1);
    assertThat(new Sampler(GenerationConfig.greedy(1)).next(LOGITS)).isEqualTo(2);
    float[] negatives = {-5f, -0.5f, -2f};
    assertThat(new Sampler(sampling().topK(1).build()).candidates(negatives)).containsExactly(1);
    assertThat(new Sampler(sampling().build()).candidates(negatives)).containsExactly(1, 2, 0);
    Sampler greedy = new Sampler(GenerationConfig.greedy(1));
    assertThatThrownBy(() -> greedy.next(new float[] {0, Float.NaN})).hasMessageContaining("NaN");
  }

  @Test
  void configIsValidatedAndRoundTrips() {
    assertThatThrownBy(() -> GenerationConfig.builder().topP(0).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("'topP'");
    assertThatThrownBy(() -> GenerationConfig.builder().temperature(-1).build())
        .hasMessageContaining("'temperature'");
    assertThatThrownBy(() -> GenerationConfig.builder().topK(-2).build())
        .hasMessageContaining("'topK'");
    assertThatThrownBy(() -> GenerationConfig.builder().maxNewTokens(-1).build())
        .hasMessageContaining("'maxNewTokens'");
    GenerationConfig c = GenerationConfig.builder().temperature(0.7).topK(40).topP(0.9)
        .eosTokenId(3).seed(11).maxNewTokens(64).build();
    assertThat(GenerationConfig.fromParams(Params.of("generate", c.params()))).isEqualTo(c);
    assertThat(c.eosTokenId()).hasValue(3);
    assertThatThrownBy(() -> GenerationConfig.fromParams(Params.of("generate",
        Map.of("top_k", 3)))).hasMessageContaining("top_k").hasMessageContaining("topK");
  }
}
