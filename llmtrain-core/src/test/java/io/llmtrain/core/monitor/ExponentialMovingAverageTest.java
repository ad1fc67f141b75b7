package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {
  @Test
  void firstValueIsItselfAndAConstantStaysConstant() {
    ExponentialMovingAverage e = new ExponentialMovingAverage(0.9);
    assertThat(e.value()).isNaN();
    assertThat(e.add(3.0)).isEqualTo(3.0, within(1e-12));
    for (int i = 0; i < 50; i++) {
      assertThat(e.add(3.0)).isEqualTo(3.0, within(1e-12));
    }
  }

  @Test
  void followsATrendAndSkipsNonFiniteValues() {
    ExponentialMovingAverage e = new ExponentialMovingAverage(0.5);
    e.add(4);
    // (0.5*0.5*4 + 0.5*2) / (1 - 0.25) = 2.666...
    assertThat(e.add(2)).isCloseTo(8.0 / 3, within(1e-12));
    assertThat(e.add(Double.NaN)).isCloseTo(8.0 / 3, within(1e-12));
    assertThat(e.add(Double.POSITIVE_INFINITY)).isCloseTo(8.0 / 3, within(1e-12));
    assertThat(e.count()).isEqualTo(2);
    assertThat(new ExponentialMovingAverage(0).add(7)).isEqualTo(7);
    assertThatThrownBy(() -> new ExponentialMovingAverage(1)).hasMessageContaining("beta");
  }
}
