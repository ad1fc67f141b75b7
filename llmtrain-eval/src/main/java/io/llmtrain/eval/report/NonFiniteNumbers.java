package io.llmtrain.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/**
 * Reads the numbers JSON has no syntax for, which the training metrics log and evaluation.json
 * write as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class NonFiniteNumbers {
  private NonFiniteNumbers() {
  }

  /** The number one of those strings stands for; empty for any other node or none. */
  static OptionalDouble read(JsonNode v) {
    if (v == null || !v.isTextual()) {
      return OptionalDouble.empty();
    }
    return switch (v.asText()) {
      case "NaN" -> OptionalDouble.of(Double.NaN);
      case "Infinity" -> OptionalDouble.of(Double.POSITIVE_INFINITY);
      case "-Infinity" -> OptionalDouble.of(Double.NEGATIVE_INFINITY);
      default -> OptionalDouble.empty();
    };
  }
}
