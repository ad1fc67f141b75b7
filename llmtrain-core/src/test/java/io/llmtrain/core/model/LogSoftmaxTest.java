package io.llmtrain.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogSoftmaxTest {
  @Test
  void rowsOfAFlatArrayGiveLogProbabilitiesThatSumToOneAndTheirArgmax() {
    float[] logits = {9, 9, 9, /* row 1 */ 1, 3, 2, 3};
    LogSoftmax uniform = LogSoftmax.of(logits, 0, 3);
    assertThat(uniform.logProbability(logits, 1)).isCloseTo(-Math.log(3), within(1e-12));
    assertThat(uniform.argmax()).isZero(); // a tie goes to the lowest id

    LogSoftmax row = LogSoftmax.of(logits, 3, 4);
    double sum = 0;
    for (int v = 0; v < 4; v++) {
      sum += Math.exp(row.logProbability(logits, v));
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    assertThat(row.logProbability(logits, 1) - row.logProbability(logits, 0))
        .isCloseTo(2, within(1e-12));
    assertThat(row.argmax()).isEqualTo(1);
  }

  @Test
  void largeLogitsDoNotOverflow() {
    float[] logits = {1000f, 999f};
    LogSoftmax row = LogSoftmax.of(logits, 0, 2);
    assertThat(row.logProbability(logits, 0)).isCloseTo(-Math.log1p(Math.exp(-1)), within(1e-9));
  }
}
