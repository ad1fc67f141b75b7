package io.llmtrain.tokenize.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnigramModelTest {

  static UnigramModel model(int unkId, boolean byteFallback, Object... pieceScorePairs) {
    List<String> pieces = new ArrayList<>();
    double[] scores = new double[pieceScorePairs.length / 2];
    for (int i = 0; i < pieceScorePairs.length; i += 2) {
      pieces.add((String) pieceScorePairs[i]);
      scores[i / 2] = ((Number) pieceScorePairs[i + 1]).doubleValue();
    }
    return new UnigramModel(pieces, scores, unkId, byteFallback);
  }

  static List<String> values(List<Model.Token> tokens) {
    return tokens.stream().map(Model.Token::value).toList();
  }

  private final UnigramModel small = model(0, false,
      "<unk>", 0.0, "▁", -2.0, "a", -3.0, "b", -3.5, "c", -4.0, "ab", -4.0, "bc", -5.0,
      "abc", -9.5, "▁ab", -5.5, "▁a", -4.5, "ca", -6.0, "ção", -3.0, "ç", -7.0, "ã", -7.0,
      "o", -3.0);

  @Test
  void picksTheHighestScoringSegmentation() {
    assertThat(values(small.tokenize("ab"))).containsExactly("ab");
    assertThat(values(small.tokenize("bcc"))).containsExactly("bc", "c");
    // "abc": abc (-9.5), ab+c (-8.0), a+bc (-8.0), a+b+c (-10.5). On a tie the path whose last
    // piece starts first wins (scanning left to right, as Hugging Face does): a+bc.
    assertThat(values(small.tokenize("abc"))).containsExactly("a", "bc");
    // ▁a+bc (-9.5) ties with ▁ab+c (-9.5) and beats ▁+ab+c (-10).
    assertThat(values(small.tokenize("▁abc"))).containsExactly("▁a", "bc");
    // c+ab+ca (-14) ties with ca+bc+a (-14): the last piece "ca" starts before "a".
    assertThat(values(small.tokenize("cabca"))).containsExactly("c", "ab", "ca");
    assertThat(values(small.tokenize("ação"))).containsExactly("a", "ção");
  }

  @Test
  void viterbiMatchesBruteForceOnRandomStrings() {
    Random random = new Random(42);
    String alphabet = "▁abcçãoa";
    for (int trial = 0; trial < 300; trial++) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + random.nextInt(9);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      List<Model.Token> tokens = small.tokenize(s);
      assertThat(String.join("", values(tokens))).isEqualTo(s);
      double score = tokens.stream().mapToDouble(t -> small.score(t.id())).sum();
      assertThat(score).as(s).isCloseTo(bruteForceBest(s, 0), within(1e-9));
    }
  }

  /** Best total score over every way to cut {@code s} into pieces of {@link #small}. */
  private double bruteForceBest(String s, int from) {
    if (from == s.length()) {
      return 0;
    }
    double best = Double.NEGATIVE_INFINITY;
    for (int end = from + 1; end <= s.length(); end++) {
      int id = small.tokenToId(s.substring(from, end));
      if (id > 0) {
        best = Math.max(best, small.score(id) + bruteForceBest(s, end));
      }
    }
    return best;
  }

  @Test
  void unknownCharactersFuseIntoOneUnknownToken() {
    assertThat(small.tokenize("abxyzc")).extracting(Model.Token::id)
        .containsExactly(small.tokenToId("ab"), 0, small.tokenToId("c"));
    assertThat(small.tokenize("東京")).containsExactly(new Model.Token(0, "<unk>"));
    assertThat(small.tokenize("")).isEmpty();
  }

  @Test
  void byteFallbackSpellsUnknownCharactersInUtf8Bytes() {
    List<Object> entries = new ArrayList<>(List.of("<unk>", 0.0));
    for (int b = 0; b < 256; b++) {
      entries.add(UnigramModel.byteToken(b));
      entries.add(0.0);
    }
    entries.addAll(List.of("a", -1.0, "b", -1.0));
    UnigramModel m = model(0, true, entries.toArray());
    // 東 is E6 9D B1 in UTF-8.
    assertThat(values(m.tokenize("a東b"))).containsExactly("a", "<0xE6>", "<0x9D>", "<0xB1>", "b");
    assertThat(m.tokenize("a東b").get(1).id()).isEqualTo(1 + 0xE6);
    assertThat(UnigramModel.byteToken(10)).isEqualTo("<0x0A>");
  }

  @Test
  void withoutUnkIdAnUncoveredCharacterIsAnError() {
    UnigramModel m = model(-1, false, "a", -1.0);
    assertThat(values(m.tokenize("aa"))).containsExactly("a", "a");
    assertThatThrownBy(() -> m.tokenize("ab")).hasMessageContaining("unk_id")
        .hasMessageContaining("'b'");
  }

  @Test
  void jsonIsHuggingFacesShapeAndRoundTrips() throws Exception {
    ObjectNode json = small.toJson();
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("type", "unk_id", "vocab", "byte_fallback");
    assertThat(json.get("type").asText()).isEqualTo("Unigram");
    assertThat(json.get("unk_id").intValue()).isZero();
    assertThat(json.get("vocab").get(1).get(0).asText()).isEqualTo("▁");
    assertThat(json.get("vocab").get(1).get(1).doubleValue()).isEqualTo(-2.0);
    assertThat(json.get("byte_fallback").booleanValue()).isFalse();
    String text = Json.MAPPER.writeValueAsString(json);
    UnigramModel back = UnigramModel.fromJson(Json.MAPPER.readTree(text));
    assertThat(back).isEqualTo(small);
    assertThat(back.hashCode()).isEqualTo(small.hashCode());
    // Scores that are not short decimals survive the text form exactly.
    UnigramModel odd = model(0, true, "<unk>", 0.0, "x", Math.log(1.0 / 3), "y", -1e-17);
    assertThat(UnigramModel.fromJson(Json.MAPPER.readTree(
        Json.MAPPER.writeValueAsString(odd.toJson())))).isEqualTo(odd);
    UnigramModel noUnk = model(-1, false, "x", -1.0);
    assertThat(noUnk.toJson().get("unk_id").isNull()).isTrue();
    assertThat(UnigramModel.fromJson(noUnk.toJson())).isEqualTo(noUnk);
  }

  @Test
  void badJsonNamesTheField() {
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"type\":\"Unigram\"}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("missing");
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"vocab\":{\"a\":1}}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("array");
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"vocab\":[[\"a\",-1.0],[\"b\"]]}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("entry 1");
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"vocab\":[[\"a\",-1],[\"a\",-2]]}")))
        .hasMessageContaining("'vocab'").hasMessageContaining("'a' twice");
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"vocab\":[[\"a\",-1]],\"unk_id\":3}")))
        .hasMessageContaining("'unk_id'");
    assertThatThrownBy(() -> UnigramModel.fromJson(
        json("{\"vocab\":[[\"a\",-1]],\"byte_fallback\":\"yes\"}")))
        .hasMessageContaining("'byte_fallback'");
    assertThatThrownBy(() -> UnigramModel.fromJson(json("{\"type\":\"WordPiece\",\"vocab\":[]}")))
        .hasMessageContaining("'type'");
  }

  private static JsonNode json(String s) {
    try {
      return Json.MAPPER.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
