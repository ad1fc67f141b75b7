package io.llmtrain.eval.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.InputException;
import io.llmtrain.core.hf.HuggingFaceModels;
import io.llmtrain.core.train.ModelRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalModelTest {
  @TempDir
  Path dir;

  @Test
  void aRunAndItsHuggingFaceExportLoadAsTheSameModel() throws Exception {
    Path run = TrainedModel.runDirectory();
    Path hf = dir.resolve("hf");
    List<String> docs = List.of(TrainedModel.SENTENCES.get(2));
    PerplexityEvaluation.Result fromRun;
    try (EvalModel m = EvalModel.load(run)) {
      assertThat(m.directory()).isEqualTo(run);
      assertThat(m.eosTokenId()).hasValue(m.tokenizer().tokenToId("<|endoftext|>"));
      HuggingFaceModels.export(m.model(), run.resolve(ModelRun.TOKENIZER),
          new HuggingFaceModels.Card(Map.of(), Map.of(), Map.of()), hf);
      fromRun = PerplexityEvaluation.evaluate(m, docs);
    }
    try (EvalModel m = EvalModel.load(hf)) {
      assertThat(PerplexityEvaluation.evaluate(m, docs)).isEqualTo(fromRun);
    }
  }

  @Test
  void aMissingPieceIsNamedWithTheDirectory() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> EvalModel.load(empty)).isInstanceOf(InputException.class)
        .hasMessageContaining(empty.toString()).hasMessageContaining("model.json")
        .hasMessageContaining("config.json");
    assertThatThrownBy(() -> EvalModel.load(dir.resolve("absent")))
        .isInstanceOf(InputException.class).hasMessageContaining("absent")
        .hasMessageContaining("no such directory");
    Path noWeights = Files.createDirectories(dir.resolve("hf"));
    Files.writeString(noWeights.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
    assertThatThrownBy(() -> EvalModel.load(noWeights)).isInstanceOf(InputException.class)
        .hasMessageContaining(noWeights.toString()).hasMessageContaining("model.safetensors");
    Path noTokenizer = Files.createDirectories(dir.resolve("run"));
    Files.copy(TrainedModel.runDirectory().resolve(ModelRun.MODEL_CONFIG),
        noTokenizer.resolve(ModelRun.MODEL_CONFIG));
    assertThatThrownBy(() -> EvalModel.load(noTokenizer)).isInstanceOf(InputException.class)
        .hasMessageContaining(noTokenizer.toString()).hasMessageContaining("tokenizer.json");
    Files.copy(TrainedModel.runDirectory().resolve(ModelRun.TOKENIZER),
        noTokenizer.resolve(ModelRun.TOKENIZER));
    assertThatThrownBy(() -> EvalModel.load(noTokenizer)).isInstanceOf(InputException.class)
        .hasMessageContaining(noTokenizer.toString()).hasMessageContaining("checkpoint");
  }
}
