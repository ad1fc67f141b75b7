package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;

/**
 * Removes non-spacing combining marks (category Mn). Like Hugging Face's, it only strips accents
 * already decomposed, so it is used after {@link NFD} or {@link NFKD}.
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
    return removeNonSpacingMarks(text);
  }

  static String removeNonSpacingMarks(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int n = Character.charCount(c);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
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
