package io.llmtrain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineStepsTest {
  @TempDir
  Path dir;

  private final List<Document> corpus = List.of(
      Document.of("1", "In the beginning was the word"),
      Document.of("2", "No princípio era o verbo"));

  @Test
  void stepsHandArtifactsOnThroughTheWorkDirectory() throws IOException {
    PipelineReport report = Pipeline.from(DataSource.of(corpus))
        .apply("test-upper")
        .tokenize(StageSpec.of("test-count"))
        .pretrain(StageSpec.of("test-train", Map.of("steps", 3)))
        .workDirectory(dir)
        .seed(7)
        .run();
    assertThat(report.steps()).extracting(StepReport::kind).containsExactly("tokenize", "pretrain");
    assertThat(report.steps().get(0).metrics()).containsEntry("tokens", 11L);
    Path model = report.steps().get(1).artifacts().get(Artifacts.MODEL);
    assertThat(Files.readString(model)).isEqualTo("seed=7 steps=3 tokens=11");
    assertThat(model.getParent().getFileName().toString()).isEqualTo("02-pretrain-test-train");
    assertThat(Files.readAllLines(dir.resolve("corpus.jsonl"))).hasSize(2);
    assertThat(report.toJson().get("steps").get(1).get("metrics").get("steps").asInt())
        .isEqualTo(3);
  }

  @Test
  void aStepWhoseInputsNobodyProducesIsRefusedUpFront() {
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus))
        .pretrain(StageSpec.of("test-train")).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class)
        .hasMessage("pretrain step 'test-train' needs tokens, which no earlier step produces "
            + "(available: corpus)");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void stepsAreLookedUpWithinTheirKind() {
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus))
        .tokenize(StageSpec.of("test-train")).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class)
        .hasMessage("No tokenize step named 'test-train'. Available: test-count");
  }

  @Test
  void stepsNeedAWorkDirectoryAndComeAfterDocumentStages() {
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus))
        .tokenize(StageSpec.of("test-count")).validate())
        .hasMessageContaining("workDirectory");
    assertThatThrownBy(() -> Pipeline.from(DataSource.of(corpus))
        .tokenize(StageSpec.of("test-count")).apply("test-upper"))
        .hasMessageContaining("document stages must come before");
  }
}
