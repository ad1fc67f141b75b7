package io.llmtrain.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** Receives every rejected document, in input order, from a single thread. */
public interface RejectionSink extends AutoCloseable {

  void write(RejectedDocument rejected) throws IOException;

  default void commit() throws IOException {
  }

  @Override
  default void close() throws IOException {
  }

  /**
   * Writes JSONL objects {@code {"id", "stage", "reason", "detail", "text", "metadata"}} (or
   * {@code "raw"} for records that could not be read).
   */
  static RejectionSink jsonl(Path path) {
    return new JsonlRejectionSink(path);
  }
}
