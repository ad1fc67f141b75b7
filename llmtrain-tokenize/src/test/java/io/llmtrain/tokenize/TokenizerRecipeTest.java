package io.llmtrain.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.tokenize.TokenizerRecipe.ModelType;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.rust.RustTokenizer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerRecipeTest {
  @TempDir
  Path dir;

  static Path resource(String name) {
    try {
      return Path.of(TokenizerRecipeTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> heldOut() throws Exception {
    return Files.readAllLines(resource("/tokenize/multiscript.txt"));
  }

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void trainsALayoutThatTheRustTokenizerEncodesIdentically(ModelType type) throws Exception {
    TokenizerRecipe recipe = TokenizerRecipe.builder(type).vocabSize(600).threads(2).build();
    Tokenizer java = recipe.trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    assertThat(java.vocabSize()).isEqualTo(600);
    // The document separator is the first special token, with the first id.
    assertThat(java.tokenToId(recipe.eosToken())).isZero();

    Path file = dir.resolve(type.label() + ".json");
    TokenizerJson.write(java, file);
    assertThat(TokenizerJson.toJsonString(TokenizerJson.read(file)))
        .isEqualTo(TokenizerJson.toJsonString(java));
    try (RustTokenizer rust = RustTokenizer.load(file, 1)) {
      for (String line : heldOut()) {
        for (boolean specials : new boolean[] {false, true}) {
          assertThat(rust.encode(line, specials)).as("%s: %s", type, line)
              .containsExactly(java.encode(line, specials));
        }
      }
    }
  }

  @Test
  void everyTrainerCanShowAProgressBar() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.err;
    try {
      System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
      for (ModelType type : ModelType.values()) {
        TokenizerRecipe.builder(type).vocabSize(500).showProgress(true).build()
            .trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
      }
    } finally {
      System.setErr(old);
    }
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("BPE merges", "WordPiece merges", "Unigram EM");
  }

  @Test
  void byteLevelBpeDecodesHeldOutTextExactlyAndCompressesIt() throws Exception {
    Tokenizer bpe = TokenizerRecipe.builder(ModelType.BPE).vocabSize(1000).build()
        .trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    String verse = "And God said, Let the waters bring forth abundantly the moving creature.";
    int[] ids = bpe.encode(verse, false);
    assertThat(bpe.decode(ids, false)).isEqualTo(verse);
    // Trained on Genesis, common English words are single tokens: well under 1 token per 3 bytes.
    assertThat((double) verse.length() / ids.length).isGreaterThan(3.0);
    for (String line : heldOut()) {
      assertThat(bpe.decode(bpe.encode(line, false), false)).isEqualTo(line);
    }
  }

  @Test
  void metaspaceBpeFallsBackToBytesForUnseenCharactersAsTheRustTokenizerDoes() throws Exception {
    TokenizerRecipe recipe = TokenizerRecipe.builder(ModelType.BPE)
        .bpeSplit(TokenizerRecipe.BpeSplit.METASPACE).vocabSize(700).build();
    Tokenizer java = recipe.trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    assertThat(recipe.eosToken()).isEqualTo("</s>");
    assertThat(java.tokenToId("<0x41>")).isEqualTo(recipe.specialTokens().size() + 0x41);
    // Genesis has no CJK, no emoji, no "ç": they encode as bytes and decode back.
    String unseen = "A canção do 太初 🌍 fim.";
    int[] ids = java.encode(unseen, false);
    assertThat(ids).contains(java.tokenToId("<0xF0>"), java.tokenToId("<0xE5>"));
    assertThat(java.decode(ids, false)).isEqualTo(unseen);
    Path file = dir.resolve("metaspace.json");
    TokenizerJson.write(java, file);
    try (RustTokenizer rust = RustTokenizer.load(file, 1)) {
      for (String line : heldOut()) {
        int[] expected = java.encode(line, false);
        assertThat(rust.encode(line, false)).as(line).containsExactly(expected);
        assertThat(rust.decode(expected, false)).isEqualTo(java.decode(expected, false));
      }
    }
  }

  @Test
  void gpt4SplitAndBosEosTemplatesEncodeAsTheRustTokenizerDoes() throws Exception {
    List<TokenizerRecipe> recipes = List.of(
        TokenizerRecipe.builder(ModelType.BPE).bpeSplit(TokenizerRecipe.BpeSplit.GPT4)
            .specialTokens(List.of("<|end_of_text|>", "<|begin_of_text|>"))
            .template("<|begin_of_text|> $A").vocabSize(600).build(),
        TokenizerRecipe.builder(ModelType.UNIGRAM).template("<s> $A </s>").vocabSize(600).build(),
        TokenizerRecipe.builder(ModelType.BPE).bpeSplit(TokenizerRecipe.BpeSplit.METASPACE)
            .template("<s> $A").vocabSize(700).build());
    int k = 0;
    for (TokenizerRecipe recipe : recipes) {
      Tokenizer java = recipe.trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
      Path file = dir.resolve("t" + k++ + ".json");
      TokenizerJson.write(java, file);
      String first = recipe.params().get("template").toString().split(" ")[0];
      try (RustTokenizer rust = RustTokenizer.load(file, 1)) {
        for (String line : heldOut()) {
          int[] ids = java.encode(line, true);
          assertThat(ids[0]).as(recipe.toString()).isEqualTo(java.tokenToId(first));
          assertThat(rust.encode(line, true)).as("%s: %s", recipe, line).containsExactly(ids);
        }
      }
    }
    // GPT-4's pattern keeps at most three digits together.
    Tokenizer gpt4 = recipes.get(0).trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    List<String> digits = gpt4.encodeToEncoding("12345", false).tokens();
    StringBuilder prefix = new StringBuilder();
    boolean cutAfterThree = false;
    for (String t : digits) {
      prefix.append(t);
      cutAfterThree |= prefix.toString().equals("123");
    }
    assertThat(cutAfterThree).as(digits.toString()).isTrue();
    assertThatThrownBy(() -> TokenizerRecipe.builder(ModelType.UNIGRAM).template("<bos> $A")
        .vocabSize(600).build().trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt"))))
        .hasMessageContaining("'<bos>' is not a special token");
  }

  @Test
  void wordPieceIsUncasedByDefaultAndWrapsWithClsAndSep() throws Exception {
    TokenizerRecipe recipe = TokenizerRecipe.builder(ModelType.WORDPIECE).vocabSize(800).build();
    Tokenizer wp = recipe.trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    int[] ids = wp.encode("And GOD saw the light", true);
    assertThat(wp.decode(new int[] {ids[0]}, false)).isEqualTo("[CLS]");
    assertThat(wp.decode(new int[] {ids[ids.length - 1]}, false)).isEqualTo("[SEP]");
    assertThat(wp.decode(ids, true)).isEqualTo("and god saw the light");
  }

  @Test
  void unigramRoundTripsNfkcText() throws Exception {
    Tokenizer uni = TokenizerRecipe.builder(ModelType.UNIGRAM).vocabSize(700).build()
        .trainOnFiles(List.of(resource("/corpus/kjv-genesis.txt")));
    String verse = "And the evening and the morning were the third day.";
    assertThat(uni.decode(uni.encode(verse, false), false)).isEqualTo(verse);
  }

  @Test
  void paramsRoundTripAndUnknownKeysAreRefused() {
    TokenizerRecipe r = TokenizerRecipe.builder(ModelType.UNIGRAM).vocabSize(4000)
        .lowercase(true).build();
    assertThat(TokenizerRecipe.fromParams(Params.of(StageSpec.of("tokenizer", r.params()))))
        .isEqualTo(r);
    assertThatThrownBy(() -> TokenizerRecipe.fromParams(Params.of("tokenizer",
        Map.of("model", "bpe", "vocab", 10))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vocab")
        .hasMessageContaining("vocabSize");
    assertThatThrownBy(() -> TokenizerRecipe.fromParams(Params.of("tokenizer",
        Map.of("model", "sentencepiece"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bpe, wordpiece, unigram");
    assertThatThrownBy(() -> TokenizerRecipe.builder(ModelType.WORDPIECE)
        .specialTokens(List.of("<eos>")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[UNK]");
  }

  @Test
  void refusesAVocabularySmallerThanTheAlphabetAndACorpusWithoutText() {
    assertThatThrownBy(() -> TokenizerRecipe.builder(ModelType.BPE).vocabSize(100).build()
        .train(java.util.stream.Stream.of("In the beginning")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alphabet");
    assertThatThrownBy(() -> TokenizerRecipe.builder(ModelType.BPE).build()
        .train(java.util.stream.Stream.of("", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no text");
  }
}
