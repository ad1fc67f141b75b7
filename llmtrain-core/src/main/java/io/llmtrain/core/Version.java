package io.llmtrain.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of llmtrain on the class path, recorded in every artifact's provenance. */
public final class Version {
  private static final String VERSION = load();

  private Version() {
  }

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/io/llmtrain/core/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from llmtrain-core");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
