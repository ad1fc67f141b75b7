package io.llmtrain.tokenize.normalizer;

import static io.llmtrain.tokenize.json.JsonFields.array;
import static io.llmtrain.tokenize.json.JsonFields.index;
import static io.llmtrain.tokenize.json.JsonFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import java.util.ArrayList;
import java.util.List;

/** Reads a normalizer from its {@code tokenizer.json} object, dispatching on {@code "type"}. */
public final class Normalizers {
  private Normalizers() {
  }

  /** {@code path} is the JSON path of {@code node}, used in error messages. */
  public static Normalizer fromJson(JsonNode node, String path) {
    String type = JsonFields.string(node, "type", path);
    return switch (type) {
      case "NFC" -> UnicodeNormalizer.NFC;
      case "NFD" -> UnicodeNormalizer.NFD;
      case "NFKC" -> UnicodeNormalizer.NFKC;
      case "NFKD" -> UnicodeNormalizer.NFKD;
      case "Lowercase" -> Lowercase.INSTANCE;
      case "StripAccents" -> StripAccents.INSTANCE;
      case "Replace" -> new Replace(
          SplitPattern.fromJson(JsonFields.required(node, "pattern", path), join(path, "pattern")),
          JsonFields.string(node, "content", path));
      case "Prepend" -> new Prepend(JsonFields.string(node, "prepend", path));
      case "BertNormalizer" -> new BertNormalizer(
          JsonFields.optBool(node, "clean_text", path, true),
          JsonFields.optBool(node, "handle_chinese_chars", path, true),
          JsonFields.optBoolean(node, "strip_accents", path),
          JsonFields.optBool(node, "lowercase", path, true));
      case "Sequence" -> {
        List<Normalizer> list = new ArrayList<>();
        JsonNode items = array(node, "normalizers", path);
        for (int i = 0; i < items.size(); i++) {
          list.add(fromJson(items.get(i), index(join(path, "normalizers"), i)));
        }
        yield new NormalizerSequence(list);
      }
      default -> throw new TokenizerJsonException(join(path, "type"),
          "unsupported normalizer type '" + type + "'");
    };
  }
}
