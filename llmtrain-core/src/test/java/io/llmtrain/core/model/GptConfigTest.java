package io.llmtrain.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.model.GptConfig.Arch;
import io.llmtrain.core.spi.Params;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GptConfigTest {

  @Test
  void presetsHaveTheKnownParameterCountsWithoutBuildingAnything() {
    GptConfig small = GptConfig.preset("small");
    // GPT-2 124M as Hugging Face counts it (lm_head tied), and nanoGPT's 123.65M without wpe
    assertThat(small.parameterCount()).isEqualTo(124_439_808L);
    assertThat(small.parameterCount() - small.positionParameterCount()).isEqualTo(123_653_376L);
    assertThat(small.flopsPerToken(1024)).isEqualTo(6.0 * 123_653_376L + 12.0 * 12 * 768 * 1024);
    GptConfig micro = GptConfig.preset("micro");
    assertThat(micro.headSize()).isEqualTo(64);
    assertThat(micro.parameterCount()).isEqualTo(10_770_816L);
    // nanoGPT's shakespeare_char has no biases: it reports 10.65M without wpe
    GptConfig microNoBias = micro.toBuilder().bias(false).build();
    assertThat(microNoBias.parameterCount() - microNoBias.positionParameterCount())
        .isEqualTo(10_646_784L);
    assertThat(GptConfig.preset("nano").parameterCount()).isEqualTo(940_800L);
    // TinyLlama-like shape: Llama's SwiGLU rounding gives 11008 for width 4096
    assertThat(micro.toBuilder().arch(Arch.LLAMA).width(4096).heads(32).build().mlpHiddenSize())
        .isEqualTo(11008);
  }

  @Test
  void overridesKeepTheRestAndArchDefaultsFollowTheArch() {
    GptConfig c = GptConfig.preset("micro").toBuilder().vocabSize(8000).build();
    assertThat(c.vocabSize()).isEqualTo(8000);
    assertThat(c.layers()).isEqualTo(6);
    assertThat(c.width()).isEqualTo(384);
    assertThat(c.bias()).isTrue();
    GptConfig llama = c.toBuilder().arch("llama").build();
    assertThat(llama.bias()).isFalse();
    assertThat(llama.mlpHiddenSize()).isEqualTo(1024);
    assertThat(llama.toBuilder().arch(Arch.GPT2).build()).isEqualTo(c);
    assertThat(c.toBuilder().bias(false).arch(Arch.LLAMA).build().bias()).isFalse();
    assertThat(c.toBuilder().mlpHidden(1000).build().mlpHiddenSize()).isEqualTo(1000);
    assertThat(c.positions()).isEqualTo(256);
  }

  @Test
  void paramsRoundTripAndUnknownKeysAreRefused() {
    GptConfig c = GptConfig.preset("nano").toBuilder().arch(Arch.LLAMA).tieEmbeddings(false)
        .dropout(0.1).positions(512).build();
    GptConfig back = GptConfig.fromParams(Params.of("model", new HashMap<>(c.params())));
    assertThat(back).isEqualTo(c);
    assertThat(back.params()).isEqualTo(c.params());
    GptConfig fromPreset = GptConfig.fromParams(Params.of("model",
        Map.of("preset", "micro", "vocabSize", "8000", "arch", "llama")));
    assertThat(fromPreset).isEqualTo(GptConfig.preset("micro").toBuilder().vocabSize(8000)
        .arch(Arch.LLAMA).build());
    assertThatThrownBy(() -> GptConfig.fromParams(Params.of("model",
        Map.of("preset", "nano", "layer", 3))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("layer")
        .hasMessageContaining("layers");
  }

  @Test
  void impossibleShapesAreRefusedNamingTheField() {
    GptConfig.Builder nano = GptConfig.preset("nano").toBuilder();
    assertThatThrownBy(() -> nano.heads(5).build()).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'heads' (5) must divide 'width' (128)");
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().arch(Arch.LLAMA).width(132)
        .heads(4).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("'heads'")
        .hasMessageContaining("odd head size 33");
    // gpt2 has no rotation: an odd head size is fine
    assertThat(GptConfig.preset("nano").toBuilder().width(132).heads(4).build().headSize())
        .isEqualTo(33);
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().positions(64).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'contextLength' (128) is larger than the position table "
            + "'positions' (64)");
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().layers(0).build())
        .hasMessageContaining("'layers' must be positive, got 0");
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().vocabSize(-1).build())
        .hasMessageContaining("'vocabSize' must be positive");
    assertThatThrownBy(() -> GptConfig.builder().build())
        .hasMessageContaining("'vocabSize' must be positive");
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().dropout(1).build())
        .hasMessageContaining("'dropout'");
    assertThatThrownBy(() -> GptConfig.preset("nano").toBuilder().vocabSize(50_000_000)
        .width(1024).heads(8).build())
        .hasMessageContaining("'vocabSize'");
    assertThatThrownBy(() -> GptConfig.preset("huge")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'huge'").hasMessageContaining("nano, micro, small");
    assertThatThrownBy(() -> GptConfig.builder().arch("bert"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("gpt2, llama");
  }
}
