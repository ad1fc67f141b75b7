package io.llmtrain.data.clean;

import io.llmtrain.core.ConfigException;
import java.util.function.Supplier;

/** Helpers shared by the configuration classes of this package. */
final class Configs {
  private Configs() {
  }

  /**
   * Runs a builder's {@code build()} for a configuration read from parameters, turning its
   * precondition failures into the {@link ConfigException} that parameter errors are reported as.
   */
  static <T> T build(String owner, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("Invalid parameters for '" + owner + "': " + e.getMessage());
    }
  }
}
