package io.llmtrain.data.clean;

import io.llmtrain.core.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the word and phrase lists shipped with this package (one entry per line, '#' starts a
 * comment line, blank lines ignored) and user-supplied lists in the same format.
 */
final class WordLists {
  private static final Map<String, List<String>> SHIPPED = new ConcurrentHashMap<>();

  private WordLists() {
  }

  /**
   * The entries of the shipped list {@code <kind>-<language>.txt}, for example
   * {@code offensive-pt.txt}; a {@link ConfigException} naming the supported languages when there
   * is none.
   */
  static List<String> shipped(String kind, String language, List<String> supported) {
    if (!supported.contains(language)) {
      throw new ConfigException("No " + kind + " list for language '" + language
          + "'. Supported: " + String.join(", ", supported));
    }
    return SHIPPED.computeIfAbsent(kind + "-" + language, WordLists::readResource);
  }

  private static List<String> readResource(String name) {
    String resource = name + ".txt";
    try (InputStream in = WordLists.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " next to "
            + WordLists.class.getName());
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  /** The entries of a UTF-8 list file given by the user. */
  static List<String> file(String path) {
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new ConfigException("Word list file '" + path + "' does not exist or is not a file");
    }
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return parse(r);
    } catch (IOException e) {
      throw new ConfigException("Cannot read word list file '" + path + "': " + e.getMessage());
    }
  }

  private static List<String> parse(BufferedReader reader) throws IOException {
    List<String> entries = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      String s = line.strip();
      if (s.startsWith("\uFEFF")) {
        s = s.substring(1).strip();
      }
      if (!s.isEmpty() && !s.startsWith("#")) {
        entries.add(s);
      }
    }
    return List.copyOf(entries);
  }

  /** Splits a leading "[tag]" off an entry: returns {tag or "", rest}. */
  static String[] tag(String entry) {
    if (entry.startsWith("[")) {
      int close = entry.indexOf(']');
      if (close > 0) {
        return new String[] {entry.substring(1, close).strip(), entry.substring(close + 1).strip()};
      }
    }
    return new String[] {"", entry};
  }
}
