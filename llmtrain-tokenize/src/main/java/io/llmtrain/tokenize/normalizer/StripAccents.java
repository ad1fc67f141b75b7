package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/**
 * Removes combining marks (categories Mn, Mc, Me), as Hugging Face's StripAccents. It only strips
 * accents already decomposed, so it is used after {@link NFD} or {@link NFKD}. (BERT's own
 * normalizer removes only the non-spacing ones, Mn.)
 */
public final class StripAccents implements Normalizer {
  public static final StripAccents INSTANCE = new StripAccents();

  private StripAccents() {
  }

  @Override
  public String type() {
    return "StripAccents";
  }

  @Override
  public String normalize(String text) {
    return removeMarks(text, true);
  }

  /** {@code text} without marks: Mn only, or Mn, Mc and Me when {@code allMarks}. */
  static String removeMarks(String text, boolean allMarks) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int n = Character.charCount(c);
      int t = Character.getType(c);
      if (t == Character.NON_SPACING_MARK || (allMarks && (t == Character.COMBINING_SPACING_MARK
          || t == Character.ENCLOSING_MARK))) {
        if (sb == null) {
          sb = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (sb != null) {
        sb.appendCodePoint(c);
      }
      i += n;
    }
    return sb == null ? text : sb.toString();
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }
}
