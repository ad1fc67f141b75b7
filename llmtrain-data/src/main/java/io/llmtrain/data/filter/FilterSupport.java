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
    String decimal = Double.toString(value);
    if (value >= 0 && value < 1e7 && decimal.indexOf('E') < 0) {
      return roundPlain(decimal);
    }
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /**
   * What {@code new BigDecimal(decimal).setScale(4, HALF_UP).stripTrailingZeros()
   * .toPlainString()} gives for a non-negative decimal "digits.digits" below 10^7, without the
   * BigDecimal: a rejection's detail is formatted for every rejected document.
   */
  private static String roundPlain(String decimal) {
    int dot = decimal.indexOf('.');
    long scaled = Long.parseLong(decimal, 0, dot, 10) * 10000;
    int digits = decimal.length() - dot - 1;
    for (int k = 1; k <= 4; k++) {
      scaled += (k <= digits ? decimal.charAt(dot + k) - '0' : 0) * POWERS_OF_TEN[4 - k];
    }
    if (digits > 4 && decimal.charAt(dot + 5) >= '5') {
      scaled++; // half up: the first digit dropped decides
    }
    long whole = scaled / 10000;
    int fraction = (int) (scaled % 10000);
    if (fraction == 0) {
      return Long.toString(whole);
    }
    int width = 4;
    while (fraction % 10 == 0) {
      fraction /= 10;
      width--;
    }
    String f = Integer.toString(fraction);
    StringBuilder out = new StringBuilder(24).append(whole).append('.');
    for (int k = f.length(); k < width; k++) {
      out.append('0');
    }
    return out.append(f).toString();
  }

  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000};

  /** Runs a builder, reporting its argument errors as configuration errors of {@code owner}. */
  static <T> T build(String owner, Supplier<T> builder) {
    try {
      return builder.get();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + owner + "': " + e.getMessage());
    }
  }
}
