package io.llmtrain.core.io;

import io.llmtrain.core.Document;

/** What a reader yields: a document, or a record that could not be read and why. */
public sealed interface SourceRecord {

  /**
   * A document read from the input.
   *
   * @param bytes the size of the document's text in the input, in bytes
   * @param repaired whether the bytes were not valid UTF-8 and had to be decoded otherwise
   */
  record Read(Document document, long bytes, boolean repaired) implements SourceRecord {
  }

  /**
   * A record rejected while reading (with {@link ErrorPolicy#SKIP}), for example a malformed JSON
   * line or a binary file.
   *
   * @param id {@code file:line} or the file name
   * @param raw the raw input, kept so nothing is lost (may be cut for binary files)
   */
  record Unreadable(String id, String reason, String detail, String raw, long bytes)
      implements SourceRecord {
  }
}
