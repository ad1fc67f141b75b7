package io.llmtrain.data.filter;

import io.llmtrain.core.ConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Supplier;

/** Small helpers the filter configurations and processors share. */
final class FilterSupport {
  private FilterSupport() {
  }

  /** A measured value for a rejection detail: at most four decimals, no trailing zeros. */
  static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /** Runs a builder, reporting its argument errors as configuration errors of {@code owner}. */
  static <T> T build(String owner, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + owner + "': " + e.getMessage());
    }
  }
}
