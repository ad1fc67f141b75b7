package io.llmtrain.core.checkpoint;

import io.llmtrain.core.InputException;

/** A checkpoint that cannot be used: names the file at fault (missing, truncated, altered). */
public final class CheckpointException extends InputException {
  public CheckpointException(String file, String problem) {
    super(file, 0, null, problem);
  }

  public CheckpointException(String file, String problem, Throwable cause) {
    super(file, problem, cause);
  }
}
