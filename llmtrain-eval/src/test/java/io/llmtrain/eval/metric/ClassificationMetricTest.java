package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassificationMetricTest {
  private static TextMetric metric(String name, Map<String, ?> params) {
    return Plugins.get(MetricProvider.class, name).create(StageSpec.of(name, params));
  }

  @Test
  void matchesScikitLearnsDocumentedExamples() {
    // accuracy_score([0, 1, 2, 3], [0, 2, 1, 3]) == 0.5
    assertThat(metric("accuracy", Map.of()).corpus(List.of("0", "2", "1", "3"),
        List.of(List.of("0", "1", "2", "3"))).score()).isEqualTo(0.5);
    // f1_score([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], average='macro') == 0.26666...
    Score f1 = metric("macro-f1", Map.of()).corpus(List.of("0", "2", "1", "0", "0", "1"),
        List.of(List.of("0", "1", "2", "0", "1", "2")));
    assertThat(f1.score()).isCloseTo(0.26666666666666666, within(1e-15));
    assertThat(f1.details().get("confusion"))
        .isEqualTo(List.of(List.of(2L, 0L, 0L), List.of(1L, 0L, 1L), List.of(0L, 2L, 0L)));
  }

  @Test
  void generatedLabelsAreComparedWithoutSurroundingSpaceAndOptionallyCase() {
    List<String> predicted = List.of(" positivo\n", "Negativo", "neutral ");
    List<List<String>> gold = List.of(List.of("positivo", "negativo", "neutral"));
    assertThat(metric("accuracy", Map.of()).corpus(predicted, gold).score())
        .isCloseTo(2 / 3.0, within(1e-15));
    assertThat(metric("accuracy", Map.of("lowercase", true)).corpus(predicted, gold).score())
        .isEqualTo(1.0);
  }

  @Test
  void statisticsAggregateToTheCorpusScoreSoTheBootstrapWorks() {
    TextMetric m = metric("macro-f1", Map.of());
    List<String> gold = new ArrayList<>();
    List<String> pred = new ArrayList<>();
    String[] labels = {"spam", "ham", "phishing"};
    for (int i = 0; i < 90; i++) {
      gold.add(labels[i % 3]);
      pred.add(labels[(i % 7 == 0) ? (i + 1) % 3 : i % 3]);
    }
    List<double[]> stats = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      stats.add(m.statistics(pred.get(i), List.of(gold.get(i))));
    }
    Score corpus = m.corpus(pred, List.of(gold));
    assertThat(m.aggregate(stats)).isEqualTo(corpus);
    ConfidenceInterval ci = Bootstrap.builder().samples(300).build().interval(m, pred,
        List.of(gold));
    assertThat(corpus.score()).isBetween(ci.low(), ci.high());
    assertThat(ci.high() - ci.low()).isPositive();
  }

  @Test
  void refusesMisalignedOrMultiReferenceInput() {
    TextMetric m = metric("accuracy", Map.of());
    assertThatThrownBy(() -> m.corpus(List.of("a", "b"), List.of(List.of("a"))))
        .hasMessageContaining("2 predictions but 1 gold labels");
    assertThatThrownBy(() -> m.corpus(List.of("a"), List.of(List.of("a"), List.of("b"))))
        .hasMessageContaining("exactly one reference stream");
    assertThatThrownBy(() -> metric("accuracy", Map.of("lowercse", true)))
        .hasMessageContaining("lowercse");
  }
}
