package io.llmtrain.tokenize.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.stemming.Dictionary;

/**
 * Loads the morfologik finite-state dictionaries shipped in LanguageTool's dictionary jars
 * (each {@code .dict} with its {@code .info} beside it, which gives the encoding and separator),
 * once per JVM: a loaded dictionary is immutable and shared by all threads.
 */
final class Dictionaries {
  private static final Map<String, Dictionary> LOADED = new ConcurrentHashMap<>();

  private Dictionaries() {
  }

  static Dictionary load(String resource, String artifact) {
    return LOADED.computeIfAbsent(resource, r -> read(r, artifact));
  }

  private static Dictionary read(String resource, String artifact) {
    URL url = Dictionaries.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException("Dictionary " + resource + " is missing from the class path;"
          + " it comes with " + artifact);
    }
    try {
      return Dictionary.read(url);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dictionary " + resource + " from " + artifact, e);
    }
  }
}
