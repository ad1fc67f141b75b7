package io.llmtrain.core;

/** A configuration or pipeline wiring that cannot work; thrown before any expensive work starts. */
public class ConfigException extends LlmtrainException {
  public ConfigException(String message) {
    super(message);
  }
}
