package io.llmtrain.tokenize.json;

/**
 * A {@code tokenizer.json} that cannot be read: the message names the JSON path of the offending
 * field (for example {@code model.merges[12]}) and, once known, the file.
 */
public final class TokenizerJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String jsonPath;

  public TokenizerJsonException(String jsonPath, String message) {
    super("tokenizer.json field '" + jsonPath + "': " + message);
    this.jsonPath = jsonPath;
  }

  TokenizerJsonException(String file, TokenizerJsonException cause) {
    super(file + ": " + cause.getMessage(), cause);
    this.jsonPath = cause.jsonPath;
  }

  /** The JSON path of the field at fault, e.g. {@code model.merges[12]}. */
  public String jsonPath() {
    return jsonPath;
  }
}
