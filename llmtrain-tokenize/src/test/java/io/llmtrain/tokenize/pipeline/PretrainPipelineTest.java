package io.llmtrain.tokenize.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.train.GptPretrainSpec;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.core.train.PretrainConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target shape: documents, then .tokenize(...), then .pretrain(...), in one pipeline. */
class PretrainPipelineTest {
  @TempDir
  Path dir;

  @Test
  void tokenizesThenPretrainsIntoARunDirectory() throws Exception {
    Path genesis = Path.of(getClass().getResource("/corpus/kjv-genesis.txt").toURI());
    PretrainConfig training = PretrainConfig.builder().steps(4).batchSize(4).blockSize(32)
        .evalEvery(2).evalBatches(2).checkpointEvery(4).build();
    PipelineReport report = Pipeline.from(DataSource.lines(genesis))
        .tokenize(TokenizeConfig.bpe(400))
        .pretrain(GptPretrainSpec.of("nano", training).withModel(Map.of("layers", 2))
            .withMonitor(MonitorConfig.builder().console(MonitorConfig.Console.QUIET).build()))
        .workDirectory(dir)
        .seed(3)
        .run();
    Path run = report.steps().get(1).artifacts().get(Artifacts.MODEL);
    assertThat(ModelRun.readConfig(run).vocabSize()).isEqualTo(400);
    assertThat(ModelRun.readConfig(run).layers()).isEqualTo(2);
    assertThat(ModelRun.tokenizer(run)).isPresent();
    assertThat(ModelRun.latestCheckpoint(run).getFileName().toString())
        .isEqualTo("checkpoint-000004");
    assertThat((Double) report.steps().get(1).metrics().get("validation_loss"))
        .isBetween(0.0, Math.log(400) + 0.5);
  }

  @Test
  void pretrainingWithoutTokensOrWithBadParametersIsRefusedUpFront() {
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(java.util.List.of()))
        .pretrain(StageSpec.of("gpt")).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs");
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(java.util.List.of()))
        .tokenize(TokenizeConfig.bpe(400))
        .pretrain(StageSpec.of("gpt", Map.of("preset", "huge"))).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("nano, micro, small");
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(java.util.List.of()))
        .tokenize(TokenizeConfig.bpe(400))
        .pretrain(StageSpec.of("gpt", Map.of("training", Map.of("stepz", 3)))).workDirectory(dir)
        .validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("stepz");
  }
}
