package io.llmtrain.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.trainer.BpeTrainer;
import io.llmtrain.tokenize.trainer.BpeTrainerConfig;
import io.llmtrain.tokenize.trainer.WordCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLevelBpeTest {
  static final List<String> SPECIALS = List.of("<|endoftext|>", "<pad>");
  static Tokenizer tokenizer;

  static Tokenizer train(int vocabSize) {
    BpeTrainerConfig cfg = BpeTrainerConfig.builder().vocabSize(vocabSize)
        .specialTokens(SPECIALS).build();
    // the fixture three times over, so some pairs are frequent
    Stream<String> corpus = Stream.of(TestTexts.fixture(), TestTexts.fixture(),
        TestTexts.fixture()).flatMap(s -> s.lines().map(l -> l + "\n"));
    return Tokenizers.trainByteLevelBpe(corpus, cfg, null, "<|endoftext|>");
  }

  @BeforeAll
  static void trainOnce() {
    tokenizer = train(600);
  }

  @Test
  void specialTokensTakeTheFirstIdsAndTheAlphabetFollows() {
    assertThat(tokenizer.tokenToId("<|endoftext|>")).isZero();
    assertThat(tokenizer.tokenToId("<pad>")).isEqualTo(1);
    BpeModel m = (BpeModel) tokenizer.model();
    // all 256 byte symbols, in code point order, right after the specials
    String alphabet = ByteLevelAlphabet().codePoints().sorted()
        .mapToObj(Character::toString).collect(Collectors.joining());
    for (int i = 0; i < 256; i++) {
      assertThat(m.idToToken(2 + i)).isEqualTo(alphabet.substring(i, i + 1));
    }
    assertThat(tokenizer.vocabSize()).isEqualTo(600);
    assertThat(m.merges()).hasSize(600 - 258);
  }

  private static String ByteLevelAlphabet() {
    return io.llmtrain.tokenize.pretokenizer.ByteLevelAlphabet.alphabet();
  }

  @Test
  void decodeOfEncodeIsTheTextForEveryScript() {
    List<String> texts = new ArrayList<>(TestTexts.EDGE_CASES);
    texts.addAll(TestTexts.fixtureLines());
    texts.add(TestTexts.fixture());
    texts.add("x".repeat(5000) + "🎉".repeat(300) + "ação ".repeat(400));
    for (String t : texts) {
      int[] ids = tokenizer.encode(t, false);
      assertThat(tokenizer.decode(ids, false)).as("round trip of %s", t).isEqualTo(t);
      // with EOS appended and skipped again
      int[] withEos = tokenizer.encode(t, true);
      assertThat(withEos[withEos.length - 1]).isZero();
      if (!t.contains("<|endoftext|>")) {
        assertThat(tokenizer.decode(withEos, true)).isEqualTo(t);
      }
    }
  }

  @Test
  void veryLongPiecesEncodeWithoutQuadraticCost() {
    // no regex: the whole text is one piece of 400,000 symbols; a quadratic merge loop would
    // take hours here, the priority queue takes well under a second
    Tokenizer oneP = tokenizer.toBuilder().preTokenizer(new ByteLevel(false, true, false))
        .cacheCapacity(0).build();
    String text = "A ação de atenção e a coração da nação. ".repeat(8000);
    int[] ids = oneP.encode(text, false);
    assertThat(ids.length).isLessThan(text.length() / 2);
    assertThat(oneP.decode(ids, false)).isEqualTo(text);
  }

  @Test
  void specialTokensInTheTextAreKeptWhole() {
    int[] ids = tokenizer.encode("Olá<|endoftext|>mundo", false);
    assertThat(ids).contains(0);
    assertThat(tokenizer.decode(ids, false)).isEqualTo("Olá<|endoftext|>mundo");
    assertThat(tokenizer.decode(ids, true)).isEqualTo("Olámundo");
  }

  @Test
  void mergesCompressCommonWords() {
    // "ção" is frequent in the Portuguese lines: one or two tokens, not its six bytes
    assertThat(tokenizer.encode(" atenção", false).length).isLessThanOrEqualTo(4);
    String all = TestTexts.fixture();
    assertThat(tokenizer.encode(all, false).length).isLessThan(
        all.getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 2);
    assertThat(tokenizer.encode("ação", false).length).isLessThan("ação".getBytes(
        java.nio.charset.StandardCharsets.UTF_8).length);
  }

  @Test
  void trainingIsDeterministic() {
    String a = TokenizerJson.toJsonString(train(500));
    String b = TokenizerJson.toJsonString(train(500));
    assertThat(a).isEqualTo(b);
    // parallel counting gives the same counts, hence the same model
    WordCounter one = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).build();
    WordCounter four = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).threads(4).build();
    List<String> lines = IntStream.range(0, 200).mapToObj(i -> TestTexts.fixtureLines()
        .get(i % TestTexts.fixtureLines().size()) + " " + i).toList();
    one.addTexts(lines);
    four.addTexts(lines);
    BpeTrainer trainer = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(400).build());
    assertThat(trainer.train(four.counts()).toJson())
        .isEqualTo(trainer.train(one.counts()).toJson());
  }

  @Test
  void writtenThenReadBackIsTheSameJson(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    TokenizerJson.write(tokenizer, file);
    Tokenizer back = TokenizerJson.read(file);
    JsonNode written = Json.MAPPER.readTree(file.toFile());
    assertThat(TokenizerJson.toJson(back)).isEqualTo(written);
    assertThat(written.get("version").asText()).isEqualTo("1.0");
    assertThat(written.get("model").get("merges").get(0).isArray()).isTrue();
    for (String line : TestTexts.fixtureLines()) {
      assertThat(back.encode(line, true)).isEqualTo(tokenizer.encode(line, true));
    }
  }

  @Test
  void djlLoadsOurFileAndGivesTheSameIds(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokenizer.json");
    TokenizerJson.write(tokenizer, file);
    List<String> texts = new ArrayList<>(TestTexts.fixtureLines());
    texts.add(TestTexts.fixture());
    texts.addAll(TestTexts.EDGE_CASES.stream().filter(s -> !s.isEmpty()).toList());
    for (boolean special : new boolean[] {false, true}) {
      try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
          .optAddSpecialTokens(special).optTruncation(false).optPadding(false).build()) {
        for (String t : texts) {
          long[] theirs = hf.encode(t, special, false).getIds();
          int[] ours = tokenizer.encode(t, special);
          assertThat(Arrays.stream(ours).asLongStream().toArray())
              .as("ids of %s (special tokens %s)", t, special).isEqualTo(theirs);
          assertThat(hf.decode(theirs, !special)).isEqualTo(tokenizer.decode(ours, !special));
        }
      }
    }
  }

  @Test
  void addedTokenOptionsMatchDjl(@TempDir Path dir) throws Exception {
    Tokenizer t = tokenizer.toBuilder()
        .addedToken(new AddedToken(600, "<mask>", false, true, false, false, true))
        .addedToken(new AddedToken(601, "[X]", false, false, true, false, true))
        .addedToken(new AddedToken(602, "gato", true, false, false, false, false))
        .build();
    Path file = dir.resolve("added.json");
    TokenizerJson.write(t, file);
    List<String> texts = List.of("O gato e o <mask> comeram.", "um  \t<mask>  [X]   fim",
        "gatos gato_ gato, (gato) ógato gato1 gatoé", "[X]\n\n[X]<mask>", "<mask>");
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
        .optTruncation(false).optPadding(false).build()) {
      for (String s : texts) {
        assertThat(Arrays.stream(t.encode(s, false)).asLongStream().toArray())
            .as("ids of %s", s).isEqualTo(hf.encode(s, false, false).getIds());
      }
    }
    // batches (parallel above 64 texts) keep order
    List<String> many = IntStream.range(0, 200).mapToObj(i -> "linha " + i + " ação").toList();
    List<int[]> batch = t.encodeBatch(many, true);
    for (int i = 0; i < many.size(); i++) {
      assertThat(batch.get(i)).isEqualTo(t.encode(many.get(i), true));
    }
  }

  @Test
  void refusesAVocabularySmallerThanTheAlphabetAndAnEmptyCorpus() {
    BpeTrainer small = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(100).build());
    WordCounter c = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).build();
    c.addTexts(List.of("some text"));
    assertThatThrownBy(() -> small.train(c.counts()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vocabSize 100 is smaller than the alphabet")
        .hasMessageContaining("256 characters");
    WordCounter empty = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).build();
    empty.addTexts(List.of("", ""));
    assertThatThrownBy(empty::counts).hasMessageContaining("no text");
  }
}
