package io.llmtrain.core.spi;

import io.llmtrain.core.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Finds plugins registered through {@link ServiceLoader}. Lookups by name fail with a message that
 * lists every available name, and two plugins claiming one name are reported rather than one
 * silently winning.
 */
public final class Plugins {
  private static final Map<Class<?>, Map<String, ?>> CACHE = new ConcurrentHashMap<>();

  private Plugins() {
  }

  /** All plugins of a type, by name, sorted by name. */
  @SuppressWarnings("unchecked")
  public static <P extends NamedPlugin> Map<String, P> all(Class<P> type) {
    return (Map<String, P>) CACHE.computeIfAbsent(type, t -> load(type));
  }

  private static <P extends NamedPlugin> Map<String, P> load(Class<P> type) {
    TreeMap<String, P> byName = new TreeMap<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Plugins.class.getClassLoader();
    }
    for (P plugin : ServiceLoader.load(type, loader)) {
      P previous = byName.putIfAbsent(plugin.name(), plugin);
      if (previous != null && previous.getClass() != plugin.getClass()) {
        throw new ConfigException("Two " + type.getSimpleName() + " plugins are named '"
            + plugin.name() + "': " + previous.getClass().getName() + " and "
            + plugin.getClass().getName() + ". Rename one of them.");
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  /** The plugin of that name, or a {@link ConfigException} listing the available names. */
  public static <P extends NamedPlugin> P get(Class<P> type, String name) {
    return get(type, name, p -> true, type.getSimpleName());
  }

  /**
   * As {@link #get(Class, String)}, among the plugins that pass {@code filter}; {@code what} names
   * that subset in the error message.
   */
  public static <P extends NamedPlugin> P get(Class<P> type, String name, Predicate<P> filter,
      String what) {
    P plugin = all(type).get(name);
    if (plugin != null && filter.test(plugin)) {
      return plugin;
    }
    List<String> available = new ArrayList<>();
    all(type).forEach((n, p) -> {
      if (filter.test(p)) {
        available.add(n);
      }
    });
    throw new ConfigException("No " + what + " named '" + name + "'. Available: "
        + (available.isEmpty() ? "none (is the module that provides it on the classpath?)"
        : String.join(", ", available)));
  }

  /** Forgets loaded plugins, for tests that change the class path. */
  public static void reload() {
    CACHE.clear();
  }
}
