package io.llmtrain.tokenize.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceModelTest {

  static WordPieceModel model(String... tokens) {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String t : tokens) {
      vocab.put(t, vocab.size());
    }
    return new WordPieceModel(vocab, "[UNK]");
  }

  static List<String> values(List<Model.Token> tokens) {
    return tokens.stream().map(Model.Token::value).toList();
  }

  private final WordPieceModel bert = model("[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able",
      "##a", "##ff", "aff", "play", "pla", "##ing", "##ying", "##s", "runn", "run", "a", "##ção",
      "ação", "ca", "##nção", "東", "##京", "😀", "##😀", "é", "##é", "caf");

  @Test
  void greedyLongestMatchFirst() {
    assertThat(values(bert.tokenize("unaffable"))).containsExactly("un", "##aff", "##able");
    // "play" beats "pla" at the start even though "pla" + "##ying" would also cover the word.
    assertThat(values(bert.tokenize("playing"))).containsExactly("play", "##ing");
    assertThat(values(bert.tokenize("plays"))).containsExactly("play", "##s");
    assertThat(bert.tokenize("unaffable")).extracting(Model.Token::id).containsExactly(3, 4, 5);
  }

  @Test
  void accentsCjkAndEmoji() {
    assertThat(values(bert.tokenize("ação"))).containsExactly("ação");
    assertThat(values(bert.tokenize("canção"))).containsExactly("ca", "##nção");
    assertThat(values(bert.tokenize("東京"))).containsExactly("東", "##京");
    assertThat(values(bert.tokenize("😀😀"))).containsExactly("😀", "##😀");
    assertThat(values(bert.tokenize("café"))).containsExactly("caf", "##é");
  }

  @Test
  void aWordWithAnUnmatchablePartIsOneUnknownToken() {
    // "runn" + "##ing" works, "running" has no way through "##x".
    assertThat(values(bert.tokenize("runxing"))).containsExactly("[UNK]");
    assertThat(bert.tokenize("zebra")).containsExactly(new Model.Token(0, "[UNK]"));
    assertThat(values(bert.tokenize("😀x"))).containsExactly("[UNK]");
    assertThat(bert.tokenize("")).isEmpty();
  }

  @Test
  void wordsLongerThanTheLimitAreUnknown() {
    WordPieceModel limited = new WordPieceModel(bert.vocab(), "[UNK]", "##", 5);
    assertThat(values(limited.tokenize("unaff"))).containsExactly("un", "##aff");
    assertThat(values(limited.tokenize("unaffable"))).containsExactly("[UNK]");
    // The limit counts characters, not UTF-16 units: five emoji are five characters.
    WordPieceModel emoji = new WordPieceModel(model("[UNK]", "😀", "##😀").vocab(), "[UNK]", "##", 5);
    assertThat(emoji.tokenize("😀😀😀😀😀")).hasSize(5);
    assertThat(values(emoji.tokenize("😀😀😀😀😀😀"))).containsExactly("[UNK]");
  }

  @Test
  void lookupsBothWays() {
    assertThat(bert.tokenToId("##able")).isEqualTo(5);
    assertThat(bert.tokenToId("nope")).isEqualTo(-1);
    assertThat(bert.idToToken(4)).isEqualTo("##aff");
    assertThat(bert.idToToken(999)).isNull();
    assertThat(bert.idToToken(-1)).isNull();
    assertThat(bert.vocabSize()).isEqualTo(28);
  }

  @Test
  void jsonIsHuggingFacesShapeAndRoundTrips() throws Exception {
    ObjectNode json = bert.toJson();
    assertThat(json.fieldNames()).toIterable().containsExactly("type", "unk_token",
        "continuing_subword_prefix", "max_input_chars_per_word", "vocab");
    assertThat(json.get("type").asText()).isEqualTo("WordPiece");
    assertThat(json.get("max_input_chars_per_word").intValue()).isEqualTo(100);
    assertThat(json.get("vocab").get("##able").intValue()).isEqualTo(5);
    assertThat(json.get("vocab").fieldNames().next()).isEqualTo("[UNK]");
    String text = Json.MAPPER.writeValueAsString(json);
    WordPieceModel back = WordPieceModel.fromJson(Json.MAPPER.readTree(text));
    assertThat(back).isEqualTo(bert);
    assertThat(back.hashCode()).isEqualTo(bert.hashCode());
    assertThat(Json.MAPPER.writeValueAsString(back.toJson())).isEqualTo(text);
  }

  @Test
  void optionalFieldsTakeHuggingFaceDefaults() throws Exception {
    WordPieceModel m = WordPieceModel.fromJson(Json.MAPPER.readTree(
        "{\"vocab\":{\"[UNK]\":0,\"a\":1,\"##b\":2}}"));
    assertThat(m.continuingSubwordPrefix()).isEqualTo("##");
    assertThat(m.maxInputCharsPerWord()).isEqualTo(100);
    assertThat(values(m.tokenize("ab"))).containsExactly("a", "##b");
  }

  @Test
  void badJsonNamesTheField() throws Exception {
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"type\":\"WordPiece\"}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("missing");
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"vocab\":[1,2]}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("object");
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"vocab\":{\"[UNK]\":0,\"a\":-3}}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("'a'");
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"vocab\":{\"[UNK]\":0,\"a\":0}}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("id 0");
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"vocab\":{\"a\":0}}")))
        .hasMessageContaining("'unk_token'").hasMessageContaining("[UNK]");
    assertThatThrownBy(() -> WordPieceModel.fromJson(
        json("{\"vocab\":{\"[UNK]\":0},\"max_input_chars_per_word\":\"x\"}")))
        .hasMessageContaining("'max_input_chars_per_word'");
    assertThatThrownBy(() -> WordPieceModel.fromJson(
        json("{\"vocab\":{\"[UNK]\":0},\"unk_token\":7}")))
        .hasMessageContaining("'unk_token'");
    assertThatThrownBy(() -> WordPieceModel.fromJson(json("{\"type\":\"BPE\",\"vocab\":{}}")))
        .hasMessageContaining("'type'").hasMessageContaining("BPE");
  }

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }
}
