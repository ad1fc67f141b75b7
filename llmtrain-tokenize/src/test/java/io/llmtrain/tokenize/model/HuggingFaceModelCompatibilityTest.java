package io.llmtrain.tokenize.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmtrain.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our models' JSON, wrapped in a minimal hand-written {@code tokenizer.json}, loads in the Hugging
 * Face Rust tokenizer (through DJL), which then gives the ids our models give.
 */
class HuggingFaceModelCompatibilityTest {
  @TempDir
  Path dir;

  /** A tokenizer.json with only a pre-tokenizer, the model and a matching decoder. */
  static HuggingFaceTokenizer load(Path dir, Model model, String preTokenizer, String decoder)
      throws Exception {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
        + "\"normalizer\":null,\"pre_tokenizer\":" + preTokenizer + ",\"post_processor\":null,"
        + "\"decoder\":" + decoder + ",\"model\":"
        + Json.MAPPER.writeValueAsString(model.toJson()) + "}";
    Path file = dir.resolve("tokenizer-" + model.type() + ".json");
    Files.writeString(file, json);
    return HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false"));
  }

  static final String METASPACE = "{\"type\":\"Metaspace\",\"replacement\":\"\u2581\","
      + "\"prepend_scheme\":\"always\",\"split\":true}";

  static int[] ids(List<Model.Token> tokens) {
    return tokens.stream().mapToInt(Model.Token::id).toArray();
  }

  static int[] djlIds(HuggingFaceTokenizer tokenizer, String text) {
    return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(l -> (int) l)
        .toArray();
  }

  /** Our ids for text split on single spaces, each word with the metaspace prefix. */
  static int[] ourMetaspaceIds(Model model, String text) {
    List<Model.Token> all = new ArrayList<>();
    for (String word : text.split(" ")) {
      all.addAll(model.tokenize("\u2581" + word));
    }
    return ids(all);
  }

  @Test
  void unigramGivesTheIdsOfTheRustEncoder() throws Exception {
    UnigramModel m = UnigramModelTest.model(0, false,
        "<unk>", 0.0, "▁", -2.0, "a", -3.0, "b", -3.5, "c", -4.0, "ab", -4.0, "bc", -5.0,
        "abc", -9.5, "▁ab", -5.5, "▁a", -4.5, "ca", -6.0, "ção", -3.0, "ç", -7.0, "ã", -7.0,
        "o", -3.0);
    try (HuggingFaceTokenizer hf = load(dir, m, METASPACE, METASPACE)) {
      for (String text : List.of("abc", "cabca", "ab abc bcc ação", "abxyzc 東京 c", "a😀b")) {
        assertThat(djlIds(hf, text)).as(text).containsExactly(ourMetaspaceIds(m, text));
      }
    }
  }

  @Test
  void unigramByteFallbackGivesTheIdsOfTheRustEncoder() throws Exception {
    List<Object> entries = new ArrayList<>(List.of("<unk>", 0.0));
    for (int b = 0; b < 256; b++) {
      entries.add(UnigramModel.byteToken(b));
      entries.add(0.0);
    }
    entries.addAll(List.of("▁", -2.0, "a", -1.0, "b", -1.5, "ab", -2.0));
    UnigramModel m = UnigramModelTest.model(0, true, entries.toArray());
    try (HuggingFaceTokenizer hf = load(dir, m, METASPACE, METASPACE)) {
      for (String text : List.of("ab", "a東b", "ab😀 ba")) {
        assertThat(djlIds(hf, text)).as(text).containsExactly(ourMetaspaceIds(m, text));
      }
    }
  }

  @Test
  void wordPieceGivesTheIdsOfTheRustEncoder() throws Exception {
    WordPieceModel m = WordPieceModelTest.model("[UNK]", "[CLS]", "un", "##aff", "##able", "##a",
        "##ff", "aff", "play", "pla", "##ing", "##ying", "##s", "ação", "ca", "##nção", "東",
        "##京", "😀", "##😀", "caf", "##é");
    String whitespace = "{\"type\":\"WhitespaceSplit\"}";
    String decoder = "{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}";
    try (HuggingFaceTokenizer hf = load(dir, m, whitespace, decoder)) {
      String text = "unaffable playing plays ação canção 東京 😀😀 café zebra runxing";
      List<Model.Token> ours = new ArrayList<>();
      for (String word : text.split(" ")) {
        ours.addAll(m.tokenize(word));
      }
      assertThat(djlIds(hf, text)).containsExactly(ids(ours));
    }
  }
}
