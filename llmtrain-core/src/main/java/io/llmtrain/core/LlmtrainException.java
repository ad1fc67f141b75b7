package io.llmtrain.core;

/** Base of the exceptions llmtrain throws on purpose; the message always says what to fix. */
public class LlmtrainException extends RuntimeException {
  public LlmtrainException(String message) {
    super(message);
  }

  public LlmtrainException(String message, Throwable cause) {
    super(message, cause);
  }
}
