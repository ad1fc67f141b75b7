package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.text.Normalizer.Form;

/**
 * A Unicode normalization form: {@code {"type":"NFC"}}, {@code "NFD"}, {@code "NFKC"} or {@code
 * "NFKD"} in {@code tokenizer.json}, one constant each.
 */
public final class UnicodeNormalizer implements Normalizer {
  public static final UnicodeNormalizer NFC = new UnicodeNormalizer(Form.NFC);
  public static final UnicodeNormalizer NFD = new UnicodeNormalizer(Form.NFD);
  public static final UnicodeNormalizer NFKC = new UnicodeNormalizer(Form.NFKC);
  public static final UnicodeNormalizer NFKD = new UnicodeNormalizer(Form.NFKD);

  private final Form form;

  private UnicodeNormalizer(Form form) {
    this.form = form;
  }

  @Override
  public String type() {
    return form.name();
  }

  @Override
  public String normalize(String text) {
    return java.text.Normalizer.normalize(text, form);
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type());
  }

  @Override
  public String toString() {
    return type();
  }
}
