package io.llmtrain.eval.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.metric.MetricProvider;
import io.llmtrain.eval.pipeline.ModelEvaluation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every evaluation task and text metric is found by name, and bad names say what exists. */
class ModelTaskPluginsTest {
  @Test
  void everyBuiltInTaskAndMetricIsDiscoverable() {
    assertThat(Plugins.all(ModelTaskProvider.class).keySet()).contains("held-out", "perplexity",
        "multiple-choice", "generation", "sentence-likelihood");
    assertThat(Plugins.all(MetricProvider.class).keySet()).containsExactlyInAnyOrder("bleu",
        "chrf", "rouge", "exact-match", "f1", "accuracy", "macro-f1");
    for (ModelTaskProvider p : Plugins.all(ModelTaskProvider.class).values()) {
      assertThat(p.description()).as(p.name()).isNotBlank();
    }
  }

  @Test
  void tasksAreNamedInParametersAndCheckedBeforeAnyModelIsLoaded() {
    ModelEvaluation e = ModelEvaluation.fromParams(Params.of("model", Map.of(
        "heldOut", false,
        "tasks", Map.of("multiple-choice", Map.of("data", "arc.jsonl", "delimiter", "")))));
    List<ModelTask> tasks = e.createTasks();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).task()).isEqualTo("mc:arc.jsonl");
    assertThat(ModelEvaluation.fromParams(Params.of(StageSpec.of("model", e.params()))))
        .isEqualTo(e);

    assertThatThrownBy(() -> ModelEvaluation.fromParams(Params.of("model", Map.of(
        "tasks", Map.of("multiple-choise", Map.of())))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("multiple-choise")
        .hasMessageContaining("multiple-choice");
    assertThatThrownBy(() -> ModelEvaluation.fromParams(Params.of("model", Map.of(
        "tasks", Map.of("multiple-choice", Map.of("dta", "x.jsonl"))))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("dta");
    assertThatThrownBy(() -> ModelEvaluation.fromParams(Params.of("model", Map.of(
        "tasks", Map.of("generation", Map.of("data", "p.jsonl", "metrics", "bleu,blue"))))))
        .hasMessageContaining("blue");
    assertThatThrownBy(() -> ModelEvaluation.builder()
        .task(StageSpec.of("perplexity", Map.of())).build())
        .hasMessageContaining("'data'");
  }
}
