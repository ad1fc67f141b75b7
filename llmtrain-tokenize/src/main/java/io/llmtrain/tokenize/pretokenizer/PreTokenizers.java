package io.llmtrain.tokenize.pretokenizer;

import static io.llmtrain.tokenize.json.JsonFields.index;
import static io.llmtrain.tokenize.json.JsonFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a pre-tokenizer from its {@code tokenizer.json} object, dispatching on {@code "type"}. */
public final class PreTokenizers {
  private PreTokenizers() {
  }

  public static PreTokenizer fromJson(JsonNode node, String path) {
    String type = JsonFields.string(node, "type", path);
    return switch (type) {
      case "ByteLevel" -> new ByteLevel(
          JsonFields.optBool(node, "add_prefix_space", path, true),
          JsonFields.optBool(node, "trim_offsets", path, true),
          JsonFields.optBool(node, "use_regex", path, true));
      case "Split" -> new Split(
          SplitPattern.fromJson(JsonFields.required(node, "pattern", path), join(path, "pattern")),
          behavior(node, path),
          JsonFields.optBool(node, "invert", path, false));
      case "Whitespace" -> Whitespace.INSTANCE;
      case "WhitespaceSplit" -> WhitespaceSplit.INSTANCE;
      case "BertPreTokenizer" -> BertPreTokenizer.INSTANCE;
      case "Punctuation" -> new Punctuation(node.has("behavior") ? behavior(node, path)
          : SplitBehavior.Isolated);
      case "Digits" -> new Digits(JsonFields.optBool(node, "individual_digits", path, false));
      case "Metaspace" -> metaspace(node, path);
      case "Sequence" -> {
        List<PreTokenizer> list = new ArrayList<>();
        JsonNode items = JsonFields.array(node, "pretokenizers", path);
        for (int i = 0; i < items.size(); i++) {
          list.add(fromJson(items.get(i), index(join(path, "pretokenizers"), i)));
        }
        yield new PreTokenizerSequence(list);
      }
      default -> throw new TokenizerJsonException(join(path, "type"),
          "unsupported pre-tokenizer type '" + type + "'");
    };
  }

  static SplitBehavior behavior(JsonNode node, String path) {
    String b = JsonFields.string(node, "behavior", path);
    try {
      return SplitBehavior.valueOf(b);
    } catch (IllegalArgumentException e) {
      throw new TokenizerJsonException(join(path, "behavior"), "unknown behavior '" + b
          + "', expected one of Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous");
    }
  }

  /** Reads Metaspace, also in the older form with {@code add_prefix_space} instead of a scheme. */
  public static Metaspace metaspace(JsonNode node, String path) {
    String rep = JsonFields.string(node, "replacement", path);
    if (rep.length() != 1) {
      throw new TokenizerJsonException(join(path, "replacement"), "expected one character");
    }
    String scheme = JsonFields.optString(node, "prepend_scheme", path);
    Metaspace.PrependScheme ps;
    if (scheme == null) {
      ps = JsonFields.optBool(node, "add_prefix_space", path, true)
          ? Metaspace.PrependScheme.ALWAYS : Metaspace.PrependScheme.NEVER;
    } else {
      try {
        ps = Metaspace.PrependScheme.valueOf(scheme.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TokenizerJsonException(join(path, "prepend_scheme"), "unknown scheme '"
            + scheme + "', expected first, always or never");
      }
    }
    return new Metaspace(rep.charAt(0), ps, JsonFields.optBool(node, "split", path, true));
  }
}
