package io.llmtrain.eval.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.InputException;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationEvaluationTest extends WithTrainedModel {
  @TempDir
  Path dir;

  static final String ITEMS = String.join("\n",
      "{\"prompt\": \"The cat sat on the\", \"refs\": [\"warm mat by the kitchen door.\"]}",
      "{\"prompt\": \"The baker opens his shop\", \"ref\": \"before the sun rises.\"}",
      "{\"prompt\": \"We walked up the hill\", \"refs\": [\"to see the valley.\"]}");

  @Test
  void greedyContinuationsOfSeenTextAreScoredAsTheMetricsScoreThemDirectly() throws Exception {
    List<GenerationEvaluation.Item> items = GenerationEvaluation.read(
        Files.writeString(dir.resolve("gen.jsonl"), ITEMS));
    List<TextMetric> metrics = GenerationEvaluation.metrics(List.of("bleu", "chrf"));
    GenerationEvaluation.Result r = GenerationEvaluation.evaluate(model, items,
        GenerationConfig.greedy(12), metrics);
    assertThat(r.hypotheses()).hasSize(3);
    // The model learnt these sentences: greedy decoding carries on with the rest of each one.
    assertThat(r.hypotheses().get(0)).startsWith(" warm mat by the kitchen door.");
    assertThat(r.hypotheses().get(1)).startsWith(" before the sun rises.");
    List<List<String>> refs = List.of(items.stream().map(i -> i.references().get(0)).toList());
    for (TextMetric m : metrics) {
      Score direct = m.corpus(r.hypotheses(), refs);
      assertThat(r.score(m.name())).isEqualTo(direct);
    }
    assertThat(r.scores()).extracting(Score::metric).containsExactly("bleu", "chrf");
    assertThat(r.score("chrf").score()).isGreaterThan(50);
  }

  @Test
  void samplingIsReproducibleWithASeed() throws Exception {
    List<GenerationEvaluation.Item> items = GenerationEvaluation.read(
        Files.writeString(dir.resolve("gen.jsonl"), ITEMS));
    GenerationConfig sampled = GenerationConfig.builder().maxNewTokens(10).temperature(1.5)
        .topK(50).topP(0.95).seed(7).build();
    List<TextMetric> bleu = GenerationEvaluation.metrics(List.of("bleu"));
    GenerationEvaluation.Result first = GenerationEvaluation.evaluate(model, items, sampled, bleu);
    GenerationEvaluation.Result again = GenerationEvaluation.evaluate(model, items, sampled,
        bleu);
    assertThat(again).isEqualTo(first);
    // other seeds draw other tokens at this temperature
    boolean differs = false;
    for (long seed = 8; seed < 12 && !differs; seed++) {
      differs = !GenerationEvaluation.evaluate(model, items,
          sampled.toBuilder().seed(seed).build(), bleu).hypotheses().equals(first.hypotheses());
    }
    assertThat(differs).isTrue();
  }

  @Test
  void badItemsAndUnknownMetricsAreRefused() throws Exception {
    assertThatThrownBy(() -> GenerationEvaluation.read(Files.writeString(dir.resolve("b1.jsonl"),
        "{\"prompt\": \"a\", \"refs\": [\"b\"]}\n{\"prompt\": \"a\"}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("b1.jsonl:2")
        .hasMessageContaining("field 'refs'").hasMessageContaining("missing");
    assertThatThrownBy(() -> GenerationEvaluation.read(Files.writeString(dir.resolve("b2.jsonl"),
        "{\"prompt\": \"a\", \"refs\": [\"b\"]}\n{\"prompt\": \"a\", \"refs\": [\"b\", \"c\"]}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("b2.jsonl:2")
        .hasMessageContaining("2 references where the first item has 1");
    assertThatThrownBy(() -> GenerationEvaluation.read(Files.writeString(dir.resolve("b3.jsonl"),
        "{\"prompt\": [\"a\"], \"ref\": \"b\"}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("b3.jsonl:1")
        .hasMessageContaining("field 'prompt'");
    assertThatThrownBy(() -> GenerationEvaluation.read(Files.writeString(dir.resolve("b4.jsonl"),
        "{\"prompt\": \"a\", \"ref\": \"b\"\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("b4.jsonl:1")
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> GenerationEvaluation.metrics(List.of("blue")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("blue")
        .hasMessageContaining("bleu");
  }
}
