package io.llmtrain.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names a registered plugin and its parameters. Typed configurations (such as the data module's
 * {@code CleanConfig}) implement this, so the typed API, the command line and JSON configurations
 * all reach a plugin through the same parameter map and the same strict checking.
 */
public interface StageSpec {

  /** The registered name of the plugin this configures, for example {@code clean}. */
  String name();

  /** Parameters as JSON-compatible values; every key must be one the plugin knows. */
  Map<String, Object> params();

  static StageSpec of(String name) {
    return of(name, Map.of());
  }

  static StageSpec of(String name, Map<String, ?> params) {
    requireNonNull(name, "name");
    requireNonNull(params, "params");
    Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    return new StageSpec() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, Object> params() {
        return copy;
      }

      @Override
      public String toString() {
        return name + copy;
      }
    };
  }
}
