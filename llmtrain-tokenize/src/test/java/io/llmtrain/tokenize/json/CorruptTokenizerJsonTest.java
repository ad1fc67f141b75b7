package io.llmtrain.tokenize.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken files fail with the JSON path of the field at fault and the file name. */
class CorruptTokenizerJsonTest {
  @TempDir
  Path dir;

  private ObjectNode gpt2() throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(getClass().getResource("/tokenize/gpt2-style.json"));
  }

  private void assertFails(Consumer<ObjectNode> corrupt, String path, String message)
      throws Exception {
    ObjectNode root = gpt2();
    corrupt.accept(root);
    Path file = dir.resolve("bad.json");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    assertThatThrownBy(() -> TokenizerJson.read(file))
        .isInstanceOf(TokenizerJsonException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'" + path + "'")
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((TokenizerJsonException) e).jsonPath()).isEqualTo(path));
  }

  @Test
  void mergeWithUnknownSymbol() throws Exception {
    assertFails(r -> ((ArrayNode) r.get("model").get("merges")).set(12, "Ġ zzz"),
        "model.merges[12]", "'zzz' is not in the vocabulary");
  }

  @Test
  void mergeOfWrongShape() throws Exception {
    assertFails(r -> ((ArrayNode) r.get("model").get("merges")).set(3, Json.MAPPER
        .createArrayNode().add("a")), "model.merges[3]", "expected a pair of strings");
    assertFails(r -> ((ArrayNode) r.get("model").get("merges")).set(4, "nospace"),
        "model.merges[4]", "one space");
  }

  @Test
  void missingAndIllTypedFields() throws Exception {
    assertFails(r -> ((ObjectNode) r.get("model")).remove("vocab"), "model.vocab", "missing");
    assertFails(r -> ((ObjectNode) r.get("model").get("vocab")).put("Ġthe", "x"),
        "model.vocab.Ġthe", "expected an integer");
    assertFails(r -> ((ObjectNode) r.get("pre_tokenizer")).put("add_prefix_space", "yes"),
        "pre_tokenizer.add_prefix_space", "expected true or false");
    assertFails(r -> ((ObjectNode) r.get("added_tokens").get(0)).remove("content"),
        "added_tokens[0].content", "missing");
    assertFails(r -> r.remove("model"), "model", "missing");
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void unknownTypesAndValues() throws Exception {
    assertFails(r -> ((ObjectNode) r.get("decoder")).put("type", "Frobnicate"), "decoder.type",
        "unsupported decoder type 'Frobnicate'");
    assertFails(r -> r.set("normalizer", Json.MAPPER.createObjectNode().put("type", "NFX")),
        "normalizer.type", "unsupported normalizer type");
    assertFails(r -> r.set("pre_tokenizer", parse(
            "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":"
                + "{\"Regex\":\"(\"},\"behavior\":\"Isolated\",\"invert\":false}]}")),
        "pre_tokenizer.pretokenizers[0].pattern.Regex", "not a valid regular expression");
    assertFails(r -> r.set("pre_tokenizer", parse(
            "{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},\"behavior\":\"Sideways\"}")),
        "pre_tokenizer.behavior", "unknown behavior 'Sideways'");
    // A BPE model's object vocabulary under another type: the model's reader names its field.
    assertFails(r -> ((ObjectNode) r.get("model")).put("type", "Unigram"), "model", "'vocab'");
    assertFails(r -> ((ObjectNode) r.get("model")).put("type", "WordPiece"), "model",
        "'unk_token'");
    assertFails(r -> ((ObjectNode) r.get("model")).put("dropout", 0.1), "model.dropout",
        "dropout is not supported");
    assertFails(r -> r.set("truncation", Json.MAPPER.createObjectNode().put("max_length", 5)),
        "truncation", "must be null");
  }

  @Test
  void notJsonAtAll() throws Exception {
    Path file = Files.writeString(dir.resolve("trunc.json"), "{\"version\": \"1.0\", \"model\"");
    assertThatThrownBy(() -> TokenizerJson.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("trunc.json").hasMessageContaining("not valid JSON");
  }
}
