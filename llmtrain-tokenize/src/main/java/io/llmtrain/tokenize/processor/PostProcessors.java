package io.llmtrain.tokenize.processor;

import static io.llmtrain.tokenize.json.JsonFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.util.ArrayList;
import java.util.List;

/** Reads a post-processor from its {@code tokenizer.json} object, dispatching on "type". */
public final class PostProcessors {
  private PostProcessors() {
  }

  public static PostProcessor fromJson(JsonNode node, String path) {
    String type = JsonFields.string(node, "type", path);
    return switch (type) {
      case "TemplateProcessing" -> TemplateProcessing.fromJson(node, path);
      case "BertProcessing" -> new BertProcessing(tokenName(node, "sep", path),
          tokenId(node, "sep", path), tokenName(node, "cls", path), tokenId(node, "cls", path));
      case "RobertaProcessing" -> new RobertaProcessing(tokenName(node, "sep", path),
          tokenId(node, "sep", path), tokenName(node, "cls", path), tokenId(node, "cls", path),
          JsonFields.optBool(node, "trim_offsets", path, true),
          JsonFields.optBool(node, "add_prefix_space", path, true));
      case "ByteLevel" -> new ByteLevelProcessor(
          JsonFields.optBool(node, "add_prefix_space", path, true),
          JsonFields.optBool(node, "trim_offsets", path, true),
          JsonFields.optBool(node, "use_regex", path, true));
      case "Sequence" -> {
        List<PostProcessor> list = new ArrayList<>();
        JsonNode items = JsonFields.array(node, "processors", path);
        for (int i = 0; i < items.size(); i++) {
          list.add(fromJson(items.get(i), JsonFields.index(join(path, "processors"), i)));
        }
        yield new ProcessorSequence(list);
      }
      default -> throw new TokenizerJsonException(join(path, "type"),
          "unsupported post-processor type '" + type + "'");
    };
  }

  private static JsonNode pairOf(JsonNode node, String field, String path) {
    JsonNode a = JsonFields.array(node, field, path);
    if (a.size() != 2 || !a.get(0).isTextual()) {
      throw new TokenizerJsonException(join(path, field), "expected [token, id]");
    }
    return a;
  }

  private static String tokenName(JsonNode node, String field, String path) {
    return pairOf(node, field, path).get(0).textValue();
  }

  private static int tokenId(JsonNode node, String field, String path) {
    return JsonFields.integer(pairOf(node, field, path).get(1), join(path, field) + "[1]");
  }
}
