package io.llmtrain.core.io;

/** How input files are split into documents. */
public enum FileFormat {
  /** The whole file is one document. */
  TEXT,
  /** Each non-blank line is a document. */
  LINES,
  /** Each line is a JSON object holding the text in a field. */
  JSONL
}
