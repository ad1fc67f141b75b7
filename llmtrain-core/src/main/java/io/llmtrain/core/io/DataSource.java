package io.llmtrain.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A lazy source of documents. Nothing is read until {@link #open}; {@link #validate} checks that
 * the inputs exist so a pipeline can fail before any work starts.
 *
 * <p>Files whose name ends in {@code .gz} are decompressed on the fly. Bytes that are not valid
 * UTF-8 are decoded with the registered {@link io.llmtrain.core.spi.ByteDecoder} and counted as
 * repaired.
 */
public interface DataSource {

  /** A short description for reports, such as {@code jsonl(data/a.jsonl, text=text)}. */
  String description();

  /** The input files this source will read, after expanding directories; fails on missing ones. */
  List<Path> files();

  /** Fails with an {@link io.llmtrain.core.InputException} naming the first missing input. */
  default void validate() {
    files();
  }

  /** Total size of the input files in bytes, for progress and ETA. */
  default long totalBytes() {
    long total = 0;
    for (Path p : files()) {
      total += p.toFile().length();
    }
    return total;
  }

  RecordReader open(ErrorPolicy onError) throws IOException;

  /** Each file is one document (for example one e-mail or one HTML page); id = file name. */
  static DataSource textFiles(Path... paths) {
    return new FileSource(FileFormat.TEXT, List.of(paths), null, null, null);
  }

  /** Each non-blank line is one document; id = {@code file:line}. */
  static DataSource lines(Path... paths) {
    return new FileSource(FileFormat.LINES, List.of(paths), null, null, null);
  }

  /**
   * Each line is a JSON object; the text is in {@code textField}, the id in {@code "id"} when
   * present (else {@code file:line}), and every other field becomes metadata.
   */
  static DataSource jsonl(Path path, String textField) {
    return jsonl(List.of(path), textField);
  }

  static DataSource jsonl(List<Path> paths, String textField) {
    return new FileSource(FileFormat.JSONL, paths, textField, "id", null);
  }

  /** Files of one format under a directory whose path relative to it matches a glob. */
  static DataSource directory(Path directory, String glob, FileFormat format) {
    return new FileSource(format, List.of(directory), format == FileFormat.JSONL ? "text" : null,
        "id", glob);
  }

  /** The general form: any files or directories of one format. */
  static DataSource files(FileFormat format, List<Path> paths, String textField) {
    return new FileSource(format, paths, textField, "id", null);
  }

  /** Documents already in memory, for tests and for callers that produce text themselves. */
  static DataSource of(List<io.llmtrain.core.Document> documents) {
    return new InMemorySource(documents);
  }
}
