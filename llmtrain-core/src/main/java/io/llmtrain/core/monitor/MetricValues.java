package io.llmtrain.core.monitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Shared formatting of run configuration and metrics for the listeners. */
final class MetricValues {
  private MetricValues() {
  }

  /**
   * The configuration as plain JSON values (strings, numbers, booleans, lists, maps), keys sorted
   * so every output lists them in the same order; paths and other objects become their strings.
   */
  static Map<String, Object> plainConfig(Map<String, Object> config) {
    Map<String, Object> out = new LinkedHashMap<>();
    new TreeMap<>(config).forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Object plain(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof Path p) {
      return p.toString();
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), plain(x)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      c.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v.toString();
  }

  /** A count with an SI suffix: 1.23M parameters, 45.6k tokens/s. */
  static String si(double v) {
    double a = Math.abs(v);
    if (a >= 1e12) {
      return String.format(Locale.ROOT, "%.2fT", v / 1e12);
    }
    if (a >= 1e9) {
      return String.format(Locale.ROOT, "%.2fG", v / 1e9);
    }
    if (a >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    if (a >= 1e3) {
      return String.format(Locale.ROOT, "%.1fk", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  /** Seconds as h:mm:ss (or m:ss under an hour). */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      return "?";
    }
    long s = Math.round(seconds);
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
  }
}
