package io.llmtrain.tokenize.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RustTokenizerTest {
  static final String ENGLISH = RustFixtures.ENGLISH;
  static final String PORTUGUESE = RustFixtures.PORTUGUESE;
  static final String CJK = RustFixtures.CJK;
  static final String EMOJI = RustFixtures.EMOJI;

  static RustTokenizer tok;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    tok = RustTokenizer.load(RustFixtures.byteBpe(), 2);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  @Test
  void roundTripsEveryScriptExactly() {
    for (String text : List.of(ENGLISH, PORTUGUESE, CJK, EMOJI, "  leading and trailing  \n\n",
        "tabs\tand\r\nwindows lines", "")) {
      int[] ids = tok.encode(text, false);
      assertThat(tok.decode(ids, false)).as("round trip of %s", text).isEqualTo(text);
      assertThat(Arrays.stream(ids).allMatch(id -> id >= 0 && id < tok.vocabSize())).isTrue();
    }
  }

  @Test
  void mergesApplyAndMultiByteCharactersCostTheirBytes() {
    // " the" is one merged token; "the" at the start is "t" + "he" (no prefix space added).
    assertThat(tok.encode(" the", false)).containsExactly(tok.tokenToId("Ġthe"));
    assertThat(tok.encode("the", false))
        .containsExactly(tok.tokenToId("t"), tok.tokenToId("he"));
    // "ã" is two UTF-8 bytes merged into one token, "ção" gives "ç" + "ão".
    assertThat(tok.encode("ção", false))
        .containsExactly(tok.tokenToId("Ã§"), tok.tokenToId("Ã£o"));
    // A CJK character has no merge: three byte tokens.
    assertThat(tok.encode("東", false)).hasSize(3);
  }

  @Test
  void vocabularyAndSpecialTokensAreKnown() {
    assertThat(tok.vocabSize()).isEqualTo(317);
    assertThat(tok.tokenToId("<|endoftext|>")).isEqualTo(316);
    assertThat(tok.tokenToId("Ġand")).isGreaterThanOrEqualTo(256);
    assertThat(tok.tokenToId("no such token")).isEqualTo(-1);
    assertThat(tok.sha256()).hasSize(64);
  }

  @Test
  void specialTokenInTextIsOneTokenAndSkippedOnRequest() {
    int eos = tok.tokenToId("<|endoftext|>");
    int[] ids = tok.encode("end<|endoftext|>", false);
    assertThat(ids[ids.length - 1]).isEqualTo(eos);
    assertThat(tok.decode(ids, false)).isEqualTo("end<|endoftext|>");
    assertThat(tok.decode(ids, true)).isEqualTo("end");
  }

  @Test
  void longInputIsNeverTruncatedEvenWhenTheFileAsksForIt() throws IOException {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 40_000) {
      sb.append(ENGLISH).append(' ').append(PORTUGUESE).append(' ').append(EMOJI).append('\n');
    }
    String longText = sb.toString();
    int[] ids = tok.encode(longText, false);
    assertThat(ids.length).isGreaterThan(10_000);
    assertThat(tok.decode(ids, false)).isEqualTo(longText);

    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RustFixtures.byteBpe().toFile());
    ObjectNode trunc = json.putObject("truncation");
    trunc.put("direction", "Right").put("max_length", 8).put("strategy", "LongestFirst")
        .put("stride", 0);
    Path truncating = dir.resolve("truncating.json");
    Json.MAPPER.writeValue(truncating.toFile(), json);
    try (RustTokenizer t = RustTokenizer.load(truncating, 1)) {
      assertThat(t.encode(longText, false)).isEqualTo(ids);
    }
  }

  @Test
  void specialTokensFromThePostProcessorOnlyWhenAsked() throws IOException {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RustFixtures.byteBpe().toFile());
    ObjectNode post = json.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    single.addObject().putObject("SpecialToken").put("id", "<|endoftext|>").put("type_id", 0);
    ArrayNode pair = post.putArray("pair");
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
    ObjectNode special = post.putObject("special_tokens").putObject("<|endoftext|>");
    special.put("id", "<|endoftext|>");
    special.putArray("ids").add(316);
    special.putArray("tokens").add("<|endoftext|>");
    Path withEos = dir.resolve("with-eos.json");
    Json.MAPPER.writeValue(withEos.toFile(), json);
    try (RustTokenizer t = RustTokenizer.load(withEos, 1)) {
      int[] plain = t.encode(ENGLISH, false);
      int[] special2 = t.encode(ENGLISH, true);
      assertThat(plain).containsExactly(tok.encode(ENGLISH, false));
      assertThat(special2).hasSize(plain.length + 1);
      assertThat(special2[plain.length]).isEqualTo(316);
      assertThat(t.decode(special2, true)).isEqualTo(ENGLISH);
    }
  }

  @Test
  void batchesKeepOrderAndMatchSingleEncodes() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String base = List.of(ENGLISH, PORTUGUESE, CJK, EMOJI).get(i % 4);
      texts.add(i + ": " + base.repeat(1 + i % 7));
    }
    List<int[]> batch = tok.encodeBatch(texts, false);
    assertThat(batch).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch.get(i)).as("text %s", i).containsExactly(tok.encode(texts.get(i), false));
    }
  }

  @Test
  void badFilesAreNamedWithTheProblem() throws IOException {
    Path notJson = Files.writeString(dir.resolve("broken.json"), "{\"model\": {");
    assertThatThrownBy(() -> RustTokenizer.load(notJson, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("broken.json").hasMessageContaining("not valid JSON");

    Path noModel = Files.writeString(dir.resolve("no-model.json"), "{\"version\": \"1.0\"}");
    assertThatThrownBy(() -> RustTokenizer.load(noModel, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no-model.json").hasMessageContaining("field 'model'");

    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RustFixtures.byteBpe().toFile());
    ((ObjectNode) json.get("model")).put("type", "NoSuchModel");
    Path badType = dir.resolve("bad-type.json");
    Json.MAPPER.writeValue(badType.toFile(), json);
    assertThatThrownBy(() -> RustTokenizer.load(badType, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("bad-type.json")
        .hasMessageContaining("not a tokenizer the Hugging Face library accepts");

    assertThatThrownBy(() -> RustTokenizer.load(dir.resolve("missing.json"), 1))
        .isInstanceOf(InputException.class).hasMessageContaining("missing.json");
  }

  @Test
  void unpairedSurrogatesBecomeOneReplacementCharacter() {
    int[] replacement = tok.encode("\uFFFD", false);
    assertThat(tok.encode("a\uD800b", false))
        .containsExactly(concat(tok.encode("a", false), replacement, tok.encode("b", false)));
    assertThat(tok.decode(tok.encode("x\uDC00", false), false)).isEqualTo("x\uFFFD");
    assertThat(tok.decode(tok.encode("ok 🎉\u0000", false), false)).isEqualTo("ok 🎉\u0000");
    assertThat(RustTokenizer.withoutLoneSurrogates("🎉\uD83C")).isEqualTo("🎉\uFFFD");
  }

  private static int[] concat(int[]... parts) {
    return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void longTextsCutAtLineBreaksGiveTheIdsOfTheWholeText() {
    List<String> joins = List.of("\n", "  \n", "\n\n", "\r\n", "\t\n", " \n ", "\u00a0\n",
        "\n\u00a0", "\n ", ".\n", "\n'", "\n\n\n");
    StringBuilder sb = new StringBuilder();
    List<String> texts = List.of(ENGLISH, PORTUGUESE, CJK, EMOJI);
    for (int i = 0; sb.length() < 200_000; i++) {
      sb.append(texts.get(i % 4)).append(joins.get(i % joins.size()));
    }
    String longText = sb.toString();
    assertThat(RustTokenizer.pieces(longText, RustTokenizer.PIECE_CHARS).size()).isGreaterThan(5);
    assertThat(String.join("", RustTokenizer.pieces(longText, RustTokenizer.PIECE_CHARS)))
        .isEqualTo(longText);
    int[] whole = tok.encodeWhole(longText, false);
    assertThat(tok.encode(longText, false)).isEqualTo(whole);
    List<int[]> batch = tok.encodeBatch(List.of(ENGLISH, longText, CJK), false);
    assertThat(batch.get(1)).isEqualTo(whole);
    assertThat(batch.get(2)).containsExactly(tok.encodeWhole(CJK, false));
    assertThat(tok.decode(whole, false)).isEqualTo(longText);
  }

  @Test
  void onlyPipelinesWhereCuttingIsExactAreCut() throws IOException {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RustFixtures.byteBpe().toFile());
    assertThat(RustTokenizer.lineSplit(json)).isEqualTo(RustTokenizer.LineSplit.ALWAYS);
    ObjectNode templated = json.deepCopy();
    templated.putObject("post_processor").put("type", "TemplateProcessing");
    assertThat(RustTokenizer.lineSplit(templated))
        .isEqualTo(RustTokenizer.LineSplit.WITHOUT_SPECIAL_TOKENS);
    ObjectNode normalized = json.deepCopy();
    normalized.putObject("normalizer").put("type", "NFC");
    assertThat(RustTokenizer.lineSplit(normalized)).isEqualTo(RustTokenizer.LineSplit.NEVER);
    ObjectNode prefixed = json.deepCopy();
    ((ObjectNode) prefixed.get("pre_tokenizer")).put("add_prefix_space", true);
    assertThat(RustTokenizer.lineSplit(prefixed)).isEqualTo(RustTokenizer.LineSplit.NEVER);
    ObjectNode stripping = json.deepCopy();
    ((ObjectNode) stripping.get("added_tokens").get(0)).put("lstrip", true);
    assertThat(RustTokenizer.lineSplit(stripping)).isEqualTo(RustTokenizer.LineSplit.NEVER);
  }

  @Test
  void decodeRefusesIdsOutsideTheVocabulary() {
    assertThatThrownBy(() -> tok.decode(new int[] {5, 317}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("317").hasMessageContaining("position 1");
    assertThat(Arrays.stream(tok.encode(ENGLISH, false)).max().getAsInt()).isLessThan(317);
  }
}
