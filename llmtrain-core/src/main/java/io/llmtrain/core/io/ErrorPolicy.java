package io.llmtrain.core.io;

/** What to do with a record that cannot be read or a stage that throws. */
public enum ErrorPolicy {
  /** Stop the run with an error naming the file, line and field. The default. */
  FAIL,
  /** Reject the record with its reason, count it, and go on. */
  SKIP
}
