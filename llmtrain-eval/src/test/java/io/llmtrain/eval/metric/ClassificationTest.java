package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {

  @Test
  void handCheckedConfusionMatrix() {
    List<String> gold = List.of("cat", "cat", "cat", "dog", "dog", "bird");
    List<String> pred = List.of("cat", "cat", "dog", "dog", "cat", "dog");
    Classification c = Classification.of(gold, pred);
    assertThat(c.labels()).containsExactly("bird", "cat", "dog");
    //            pred: bird cat dog
    // gold bird        0    0   1
    // gold cat         0    2   1
    // gold dog         0    1   1
    assertThat(c.confusion()).isDeepEqualTo(new long[][] {{0, 0, 1}, {0, 2, 1}, {0, 1, 1}});
    assertThat(c.accuracy()).isCloseTo(3.0 / 6, within(1e-12));
    // bird: P 0 (never predicted), R 0, F 0; cat: P 2/3 R 2/3 F 2/3; dog: P 1/3 R 1/2 F 0.4
    assertThat(c.precision().get("cat")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(c.recall().get("dog")).isCloseTo(0.5, within(1e-12));
    assertThat(c.f1().get("dog")).isCloseTo(0.4, within(1e-12));
    assertThat(c.f1().get("bird")).isEqualTo(0.0);
    assertThat(c.macroPrecision()).isCloseTo((0 + 2.0 / 3 + 1.0 / 3) / 3, within(1e-12));
    assertThat(c.macroRecall()).isCloseTo((0 + 2.0 / 3 + 0.5) / 3, within(1e-12));
    assertThat(c.macroF1()).isCloseTo((0 + 2.0 / 3 + 0.4) / 3, within(1e-12));
    assertThat(c.confusionRows().get(1)).containsExactly(0L, 2L, 1L);
  }

  @Test
  void perfectEmptyAndMismatched() {
    Classification p = Classification.of(List.of("a", "b"), List.of("a", "b"));
    assertThat(p.accuracy()).isEqualTo(1.0);
    assertThat(p.macroF1()).isEqualTo(1.0);
    Classification e = Classification.of(List.of(), List.of());
    assertThat(e.accuracy()).isEqualTo(0.0);
    assertThat(e.labels()).isEmpty();
    assertThatThrownBy(() -> Classification.of(List.of("a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
