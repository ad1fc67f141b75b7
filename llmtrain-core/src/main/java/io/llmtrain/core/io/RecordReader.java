package io.llmtrain.core.io;

import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Pulls records from a {@link DataSource} one at a time. Not thread-safe. */
public interface RecordReader extends Closeable {

  /** The next record, or {@code null} at the end. */
  SourceRecord next() throws IOException;

  /**
   * The next record's document, or {@code null} at the end; an unreadable record fails with an
   * {@link InputException} naming it. For consumers that cannot set a record aside (tokenizer
   * training, token encoding), whatever the error policy the reader was opened with.
   */
  default Document nextDocument() throws IOException {
    SourceRecord r = next();
    if (r == null) {
      return null;
    }
    if (r instanceof SourceRecord.Unreadable u) {
      throw new InputException(u.id(), u.reason() + ": " + u.detail(), null);
    }
    return ((SourceRecord.Read) r).document();
  }

  /** Raw input bytes consumed so far (compressed bytes for compressed files), for progress. */
  long bytesConsumed();

  /** SHA-256 of each input file read to its end, by path, for provenance. */
  Map<String, String> inputHashes();
}
