package io.llmtrain.tokenize.decoder;

import static io.llmtrain.tokenize.json.JsonFields.join;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import io.llmtrain.tokenize.pretokenizer.Metaspace;
import io.llmtrain.tokenize.pretokenizer.PreTokenizers;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import java.util.ArrayList;
import java.util.List;

/** Reads a decoder from its {@code tokenizer.json} object, dispatching on {@code "type"}. */
public final class Decoders {
  private Decoders() {
  }

  public static Decoder fromJson(JsonNode node, String path) {
    String type = JsonFields.string(node, "type", path);
    return switch (type) {
      case "ByteLevel" -> new ByteLevelDecoder(
          JsonFields.optBool(node, "add_prefix_space", path, true),
          JsonFields.optBool(node, "trim_offsets", path, true),
          JsonFields.optBool(node, "use_regex", path, true));
      case "WordPiece" -> new WordPieceDecoder(
          node.has("prefix") ? JsonFields.string(node, "prefix", path) : "##",
          JsonFields.optBool(node, "cleanup", path, true));
      case "Metaspace" -> {
        Metaspace m = PreTokenizers.metaspace(node, path);
        yield new MetaspaceDecoder(m.replacement(), m.prependScheme(), m.splits());
      }
      case "BPEDecoder" -> new BpeDecoder(
          node.has("suffix") ? JsonFields.string(node, "suffix", path) : "</w>");
      case "ByteFallback" -> ByteFallback.INSTANCE;
      case "Fuse" -> Fuse.INSTANCE;
      case "Strip" -> {
        String content = JsonFields.string(node, "content", path);
        if (content.length() != 1) {
          throw new TokenizerJsonException(join(path, "content"), "expected one character");
        }
        yield new Strip(content.charAt(0), JsonFields.integer(node, "start", path),
            JsonFields.integer(node, "stop", path));
      }
      case "Replace" -> new ReplaceDecoder(
          SplitPattern.fromJson(JsonFields.required(node, "pattern", path), join(path, "pattern")),
          JsonFields.string(node, "content", path));
      case "Sequence" -> {
        List<Decoder> list = new ArrayList<>();
        JsonNode items = JsonFields.array(node, "decoders", path);
        for (int i = 0; i < items.size(); i++) {
          list.add(fromJson(items.get(i), JsonFields.index(join(path, "decoders"), i)));
        }
        yield new DecoderSequence(list);
      }
      default -> throw new TokenizerJsonException(join(path, "type"),
          "unsupported decoder type '" + type + "'");
    };
  }
}
