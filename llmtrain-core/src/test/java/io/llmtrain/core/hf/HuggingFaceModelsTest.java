package io.llmtrain.core.hf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.safetensors.SafetensorsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceModelsTest {
  @TempDir
  Path dir;

  private static GptConfig tiny(String arch) {
    return GptConfig.preset("nano").toBuilder().arch(arch).layers(2).width(64).heads(4)
        .contextLength(32).vocabSize(300).build();
  }

  private static float[] logits(GptModel model, NDManager m, int[] ids) {
    try (NDManager s = m.newSubManager()) {
      return model.block().forward(new ParameterStore(s, false),
          new NDList(s.create(ids, new Shape(1, ids.length))), false)
          .singletonOrThrow().toFloatArray();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama"})
  void exportThenImportGivesIdenticalLogits(String arch) throws Exception {
    int[] ids = new Random(5).ints(20, 0, 300).toArray();
    try (NDManager m = NDManager.newBaseManager()) {
      GptModel model = GptModel.create(tiny(arch), m, 11);
      HuggingFaceModels.export(model, null, new HuggingFaceModels.Card(
          Map.of("steps", 10), Map.of("validation_loss", 4.2), Map.of("train.bin", "ab12")), dir);
      GptModel back = HuggingFaceModels.load(dir, m);
      assertThat(back.config()).isEqualTo(model.config());
      assertThat(logits(back, m, ids)).containsExactly(logits(model, m, ids));
    }
  }

  @Test
  void writesTransformersNamesLayoutsConfigAndACard() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      GptModel model = GptModel.create(tiny("gpt2"), m, 1);
      HuggingFaceModels.export(model, null, new HuggingFaceModels.Card(Map.of(),
          Map.of("validation_loss", 3.5), Map.of("corpus.bin", "0f" + "0".repeat(62))), dir);
    }
    try (SafetensorsReader r = SafetensorsReader.open(dir.resolve("model.safetensors"))) {
      // Conv1D orientation: (in, out)
      assertThat(r.info("transformer.h.0.attn.c_attn.weight").shape()).containsExactly(64, 192);
      assertThat(r.info("transformer.h.1.mlp.c_proj.weight").shape()).containsExactly(256, 64);
      assertThat(r.info("transformer.wte.weight").shape()).containsExactly(300, 64);
      assertThat(r.names()).contains("transformer.wpe.weight", "transformer.ln_f.bias")
          .doesNotContain("lm_head.weight"); // tied to wte, as GPT-2's own files
      assertThat(r.metadata()).containsEntry("format", "pt");
    }
    JsonNode config = Json.MAPPER.readTree(dir.resolve("config.json").toFile());
    assertThat(config.get("architectures").get(0).asText()).isEqualTo("GPT2LMHeadModel");
    assertThat(config.get("n_embd").asInt()).isEqualTo(64);
    assertThat(config.get("activation_function").asText()).isEqualTo("gelu_new");
    String card = Files.readString(dir.resolve("README.md"));
    assertThat(card).startsWith("---\n").contains("\"library_name\" : \"transformers\"",
        "corpus.bin", "validation_loss");
  }

  @Test
  void unsupportedConfigurationsAreRefusedNamingTheField() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"mistral\"}");
    assertThatThrownBy(() -> HuggingFaceModels.load(dir, null))
        .isInstanceOf(InputException.class).hasMessageContaining("model_type");
  }
}
