package io.llmtrain.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Pulls records from a {@link DataSource} one at a time. Not thread-safe. */
public interface RecordReader extends Closeable {

  /** The next record, or {@code null} at the end. */
  SourceRecord next() throws IOException;

  /** Raw input bytes consumed so far (compressed bytes for compressed files), for progress. */
  long bytesConsumed();

  /** SHA-256 of each input file read to its end, by path, for provenance. */
  Map<String, String> inputHashes();
}
