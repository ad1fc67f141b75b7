package io.llmtrain.core.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;

/**
 * What a processor decided about one document: keep it (possibly changed) or reject it.
 *
 * <p>A rejection carries a short, stable {@code reason} code that reports count by (for example
 * {@code gopher_too_few_words}) and a free-text {@code detail} for the rejected-documents file
 * (for example {@code "12 words < 50"}).
 */
public sealed interface Outcome {

  static Outcome keep(Document document) {
    return new Kept(document);
  }

  static Outcome reject(String reason) {
    return reject(reason, "");
  }

  static Outcome reject(String reason, String detail) {
    return new Rejected(reason, detail);
  }

  record Kept(Document document) implements Outcome {
    public Kept {
      requireNonNull(document, "document");
    }
  }

  record Rejected(String reason, String detail) implements Outcome {
    public Rejected {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
      checkArgument(isReasonCode(reason),
          "a rejection reason is a lower-case code like 'too_short', got '%s'", reason);
    }

    /** [a-z0-9_.:-]+, checked by hand: a regex here was compiled for every rejected document. */
    private static boolean isReasonCode(String reason) {
      if (reason.isEmpty()) {
        return false;
      }
      for (int i = 0; i < reason.length(); i++) {
        char c = reason.charAt(i);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':'
            || c == '-')) {
          return false;
        }
      }
      return true;
    }
  }
}
