package io.llmtrain.core.spi;

import io.llmtrain.core.ConfigException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict access to a plugin's parameters, in the manner of Lucene's analysis factories: every read
 * names a key the plugin knows, values are checked for type and range, and {@link #finish} fails
 * on any key that was never read, listing the known ones. Values may be given as strings (from the
 * command line) or as typed JSON values.
 */
public final class Params {
  private final String owner;
  private final Map<String, Object> values;
  private final Set<String> known = new LinkedHashSet<>();

  private Params(String owner, Map<String, Object> values) {
    this.owner = owner;
    this.values = values;
  }

  public static Params of(StageSpec spec) {
    return new Params(spec.name(), spec.params());
  }

  public static Params of(String owner, Map<String, Object> values) {
    return new Params(owner, values);
  }

  private Object raw(String key) {
    known.add(key);
    return values.get(key);
  }

  public boolean has(String key) {
    known.add(key);
    return values.containsKey(key);
  }

  public String getString(String key, String defaultValue) {
    Object v = raw(key);
    return v == null ? defaultValue : v.toString();
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw invalid(key, v, "a boolean (true or false)");
    };
  }

  public int getInt(String key, int defaultValue, int min, int max) {
    long v = getLong(key, defaultValue, min, max);
    return (int) v;
  }

  public long getLong(String key, long defaultValue, long min, long max) {
    Object v = raw(key);
    long result;
    if (v == null) {
      result = defaultValue;
    } else if (v instanceof Number n && (v instanceof Integer || v instanceof Long
        || v instanceof Short || v instanceof Byte)) {
      result = n.longValue();
    } else {
      try {
        result = Long.parseLong(v.toString().trim().replace("_", ""));
      } catch (NumberFormatException e) {
        throw invalid(key, v, "an integer");
      }
    }
    if (result < min || result > max) {
      throw invalid(key, v, "an integer from " + min + " to " + max);
    }
    return result;
  }

  public double getDouble(String key, double defaultValue, double min, double max) {
    Object v = raw(key);
    double result;
    if (v == null) {
      result = defaultValue;
    } else if (v instanceof Number n) {
      result = n.doubleValue();
    } else {
      try {
        result = Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw invalid(key, v, "a number");
      }
    }
    if (!(result >= min && result <= max)) {
      throw invalid(key, v, "a number from " + min + " to " + max);
    }
    return result;
  }

  /** A list given as a JSON array or as a comma-separated string; blanks are dropped. */
  public List<String> getList(String key, List<String> defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof Collection<?> c) {
      for (Object o : c) {
        out.add(String.valueOf(o).trim());
      }
    } else {
      for (String s : v.toString().split(",")) {
        out.add(s.trim());
      }
    }
    out.removeIf(String::isEmpty);
    return List.copyOf(out);
  }

  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
    Object v = raw(key);
    if (v == null) {
      return defaultValue;
    }
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    String wanted = v.toString().trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw invalid(key, v, "one of " + String.join(", ", names));
  }

  /**
   * The parameters of a nested component given as a map (for example a composite stage's
   * {@code html} settings); empty when absent. Call {@link #finish} on the result as well.
   */
  @SuppressWarnings("unchecked")
  public Params nested(String key) {
    Object v = raw(key);
    if (v == null) {
      return new Params(owner + "." + key, Map.of());
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw invalid(key, v, "a map of parameters");
    }
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        throw invalid(key, v, "a map with string keys");
      }
    }
    return new Params(owner + "." + key, (Map<String, Object>) m);
  }

  /**
   * Named sub-plugins given as a map from plugin name to its parameters (for example an
   * evaluation's {@code tasks}), in the given order; empty when absent. Each sub-plugin checks its
   * own parameters when created.
   */
  @SuppressWarnings("unchecked")
  public List<StageSpec> getSpecs(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw invalid(key, v, "a map from plugin name to its parameters");
    }
    List<StageSpec> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object params = e.getValue() == null ? Map.of() : e.getValue();
      if (!(e.getKey() instanceof String name) || !(params instanceof Map<?, ?> pm)) {
        throw invalid(key, v, "a map from plugin name to a map of its parameters");
      }
      for (Object k : pm.keySet()) {
        if (!(k instanceof String)) {
          throw invalid(key, v, "parameter names that are strings");
        }
      }
      out.add(StageSpec.of(name, (Map<String, ?>) pm));
    }
    return List.copyOf(out);
  }

  /** Fails if a parameter was given that the plugin never asked for (a typo, usually). */
  public void finish() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new ConfigException("Unknown parameter" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + " for '" + owner + "'. Known parameters: "
          + String.join(", ", new TreeSet<>(known)));
    }
  }

  private ConfigException invalid(String key, Object value, String expected) {
    return new ConfigException("Parameter '" + key + "' of '" + owner + "' must be " + expected
        + ", got '" + value + "'");
  }
}
