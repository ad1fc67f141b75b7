package io.llmtrain.core;

/** Receives progress from the pipeline's coordinating thread, a few times a second at most. */
public interface ProgressListener {
  void update(Progress progress);

  /** Called once when the document stages are done, with the final figures. */
  default void finished(Progress progress) {
  }

  ProgressListener NONE = p -> { };
}
