package io.llmtrain.tokenize.rust;

import io.llmtrain.core.LlmtrainException;

/**
 * The Hugging Face native library could not be loaded on this machine (unsupported platform,
 * missing or broken library). Callers catch this one type to fall back to the pure-Java encoder;
 * a bad {@code tokenizer.json} is an {@link io.llmtrain.core.InputException} instead, since the
 * Java encoder would refuse it too.
 */
public final class NativeTokenizerUnavailableException extends LlmtrainException {
  public NativeTokenizerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
