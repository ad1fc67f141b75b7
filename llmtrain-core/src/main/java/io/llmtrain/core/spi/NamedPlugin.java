package io.llmtrain.core.spi;

/** Anything registered by name through {@link java.util.ServiceLoader}. */
public interface NamedPlugin {
  /** The name users ask for; lower case, words joined by '-'. */
  String name();

  /** One line for listings such as {@code llmtrain plugins}. */
  default String description() {
    return "";
  }
}
