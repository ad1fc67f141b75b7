package io.llmtrain.tokenize.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.Version;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.tokens.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The provenance of a trained {@code tokenizer.json}, in a sidecar next to it ({@code
 * tokenizer.provenance.json}): the recipe, the inputs' hashes, the corpus statistics and the
 * llmtrain version. The tokenizer file itself stays exactly Hugging Face's format.
 */
public final class TokenizerProvenance {
  private TokenizerProvenance() {
  }

  /** Where the sidecar of {@code tokenizerJson} lives. */
  public static Path sidecar(Path tokenizerJson) {
    String name = tokenizerJson.getFileName().toString();
    String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return tokenizerJson.resolveSibling(stem + ".provenance.json");
  }

  /** Writes the sidecar of {@code tokenizerJson} atomically and returns its path. */
  public static Path write(Path tokenizerJson, Map<String, Object> recipe,
      List<SourceFile> inputs, Map<String, Object> statistics) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("tokenizer", tokenizerJson.getFileName().toString());
    root.put("created_by", "llmtrain " + Version.get());
    root.set("recipe", Json.MAPPER.valueToTree(recipe));
    ArrayNode sources = root.putArray("inputs");
    for (SourceFile f : inputs) {
      sources.addObject().put("path", f.path()).put("sha256", f.sha256()).put("bytes", f.bytes());
    }
    root.set("statistics", Json.MAPPER.valueToTree(statistics));
    Path out = sidecar(tokenizerJson);
    AtomicOutput.write(out, Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(root));
    return out;
  }
}
