package io.llmtrain.core;

import java.util.Optional;

/**
 * Input that cannot be read: names the file, and where it applies the line and the field, so the
 * user can go straight to the problem.
 */
public class InputException extends LlmtrainException {
  private final String file;
  private final long line;
  private final String field;

  public InputException(String file, long line, String field, String problem, Throwable cause) {
    super(format(file, line, field, problem), cause);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public InputException(String file, long line, String field, String problem) {
    this(file, line, field, problem, null);
  }

  public InputException(String file, String problem, Throwable cause) {
    this(file, 0, null, problem, cause);
  }

  private static String format(String file, long line, String field, String problem) {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
    }
    if (field != null) {
      sb.append(": field '").append(field).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }

  public String file() {
    return file;
  }

  /** 1-based line number, or 0 when the problem concerns the whole file. */
  public long line() {
    return line;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
