package io.llmtrain.core.safetensors;

import io.llmtrain.core.InputException;

/** A safetensors file that breaks the format: names the file and, where one is at fault, the tensor. */
public final class SafetensorsException extends InputException {
  public SafetensorsException(String file, String tensor, String problem) {
    super(file, 0, tensor, problem);
  }

  public SafetensorsException(String file, String problem, Throwable cause) {
    super(file, problem, cause);
  }
}
