package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterSupportTest {
  @Test
  void formatsMeasuresAsBigDecimalRoundingHalfUpToFourDecimals() {
    assertThat(FilterSupport.fmt(0.2)).isEqualTo("0.2");
    assertThat(FilterSupport.fmt(0.20202020202)).isEqualTo("0.202");
    assertThat(FilterSupport.fmt(0.12345)).isEqualTo("0.1235");
    assertThat(FilterSupport.fmt(0.99995)).isEqualTo("1");
    assertThat(FilterSupport.fmt(0.00004999)).isEqualTo("0");
    assertThat(FilterSupport.fmt(12.0)).isEqualTo("12");
    assertThat(FilterSupport.fmt(100.0)).isEqualTo("100");
    assertThat(FilterSupport.fmt(2.5e7)).isEqualTo("25000000");
    assertThat(FilterSupport.fmt(1e-7)).isEqualTo("0");
    assertThat(FilterSupport.fmt(-0.25)).isEqualTo("-0.25");
    assertThat(FilterSupport.fmt(Double.NaN)).isEqualTo("NaN");
    // Fractions of the kind the rules report, against the BigDecimal formatting they replace.
    Random random = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      double value = i % 2 == 0 ? random.nextInt(5000) / (double) (1 + random.nextInt(5000))
          : random.nextDouble() * Math.pow(10, random.nextInt(9) - 4);
      assertThat(FilterSupport.fmt(value)).as("%s", value)
          .isEqualTo(ReferenceFilters.fmt(value));
    }
  }
}
