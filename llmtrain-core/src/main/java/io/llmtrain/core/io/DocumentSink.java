package io.llmtrain.core.io;

import io.llmtrain.core.Document;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Receives the documents a pipeline keeps, in input order, from a single thread. {@link #commit}
 * is called once after a successful run; {@link #close} always.
 */
public interface DocumentSink extends AutoCloseable {

  void write(Document document) throws IOException;

  /** Makes the output final (for files: renames the temporary file into place). */
  default void commit() throws IOException {
  }

  @Override
  default void close() throws IOException {
  }

  /** Writes JSONL objects {@code {"id", "text", "metadata"}}; {@code .gz} names are compressed. */
  static DocumentSink jsonl(Path path) {
    return new JsonlDocumentSink(path);
  }
}
