package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactMatchMetricTest {
  private final ExactMatchMetric em = new ExactMatchMetric();

  @Test
  void normalisationAsSquad() {
    assertThat(SquadNormalizer.normalize("The  Eiffel-Tower!")).isEqualTo("eiffeltower");
    assertThat(SquadNormalizer.normalize("an apple, a pear and THE plum"))
        .isEqualTo("apple pear and plum");
    // articles only as whole words; "theater" stays
    assertThat(SquadNormalizer.normalize("Theater of the Absurd")).isEqualTo("theater of absurd");
    // non-ASCII punctuation is kept, as string.punctuation is ASCII only
    assertThat(SquadNormalizer.normalize("«Élan»")).isEqualTo("«élan»");
  }

  @Test
  void exactMatchIsTheBestOverReferences() {
    assertThat(em.sentence("the Denver Broncos", List.of("Denver Broncos")).score()).isEqualTo(100.0);
    assertThat(em.sentence("Broncos", List.of("Denver Broncos", "The Broncos.")).score())
        .isEqualTo(100.0);
    assertThat(em.sentence("Denver", List.of("Denver Broncos")).score()).isEqualTo(0.0);
    assertThat(em.sentence("", List.of("Denver Broncos")).score()).isEqualTo(0.0);
  }

  @Test
  void corpusIsHundredTimesTheMean() {
    Score s = em.corpus(List.of("Paris", "london", "1999"),
        List.of(List.of("paris", "Rome", "1999."), List.of("x", "London!", "y")));
    assertThat(s.score()).isEqualTo(100.0);
    Score t = em.corpus(List.of("Paris", "Berlin", "", "1999"),
        List.of(List.of("Paris", "Rome", "Oslo", "in 1999")));
    assertThat(t.score()).isEqualTo(25.0);
  }

  @Test
  void providers() {
    assertThat(Plugins.get(MetricProvider.class, "exact-match").create(StageSpec.of("exact-match")))
        .isInstanceOf(ExactMatchMetric.class);
    assertThatThrownBy(() -> Plugins.get(MetricProvider.class, "exact-match")
        .create(StageSpec.of("exact-match", Map.of("lowercase", true))))
        .isInstanceOf(ConfigException.class);
  }
}
