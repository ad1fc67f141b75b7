package io.llmtrain.tokenize.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.model.Model;
import io.llmtrain.tokenize.model.UnigramModel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnigramTrainerTest {
  private static final String TEXT = TestWordCounts.sample();
  private static final WordCounts SAMPLE = TestWordCounts.metaspace(TEXT);

  private static UnigramTrainer.Training train(UnigramTrainerConfig.Builder b) {
    return new UnigramTrainer(b.build()).trainWithReport(SAMPLE);
  }

  private static List<String> values(List<Model.Token> tokens) {
    return tokens.stream().map(Model.Token::value).toList();
  }

  @Test
  void reachesTheExactSizeKeepsEveryCharacterAndEncodesEveryWord() {
    UnigramModel m = train(UnigramTrainerConfig.builder().vocabSize(500)).model();
    assertThat(m.vocabSize()).isEqualTo(500);
    assertThat(m.pieces()).startsWith("<unk>", "<s>", "</s>");
    assertThat(m.unkId()).isZero();
    Set<String> chars = new HashSet<>();
    TEXT.replaceAll("\\s+", "").codePoints().forEach(c -> chars.add(Character.toString(c)));
    assertThat(m.vocab().keySet()).containsAll(chars).contains("\u2581");
    for (int i = 0; i < SAMPLE.size(); i++) {
      String word = SAMPLE.word(i);
      List<Model.Token> tokens = m.tokenize(word);
      assertThat(tokens).extracting(Model.Token::id).doesNotContain(m.unkId());
      assertThat(String.join("", values(tokens))).isEqualTo(word);
    }
    // Frequent words are single pieces in both languages; rare ones split.
    for (String w : List.of("▁the", "▁and", "▁que", "▁de", "▁river")) {
      assertThat(values(m.tokenize(w))).as(w).containsExactly(w);
    }
    assertThat(m.tokenize("▁riverbanks").size()).isGreaterThan(1);
    // A metaspace is only ever a piece's first character.
    assertThat(m.pieces()).allMatch(p -> p.indexOf('\u2581', 1) < 0);
  }

  @Test
  void piecesDoNotMixScriptsUnlessAllowed() {
    java.util.function.Predicate<String> mixed = p -> p.codePoints().anyMatch(Character::isLetter)
        && p.codePoints().anyMatch(c -> ",.;:".indexOf(c) >= 0);
    UnigramModel split = train(UnigramTrainerConfig.builder().vocabSize(500)).model();
    assertThat(split.pieces()).noneMatch(mixed);
    UnigramModel together = train(UnigramTrainerConfig.builder().vocabSize(500)
        .splitByUnicodeScript(false)).model();
    assertThat(together.pieces()).anyMatch(mixed);
    // Words with punctuation are still encodable, as letters then punctuation.
    assertThat(values(split.tokenize("▁river,"))).containsExactly("▁river", ",");
  }

  @Test
  void japaneseKanjiAndKanaMayShareAPieceAsInSentencePiece() {
    String text = "東京の川はゆっくりと流れる 東京の図書館は古い 京都の川は速く流れる "
        + "東京の朝は早い 京都の図書館は新しい 東京の川はゆっくりと流れる";
    UnigramModel m = new UnigramTrainer(UnigramTrainerConfig.builder().vocabSize(45).build())
        .train(TestWordCounts.metaspace(text));
    assertThat(m.vocabSize()).isEqualTo(45);
    assertThat(values(m.tokenize("▁東京の川はゆっくりと流れる")).size()).isLessThan(6);
    assertThat(m.pieces()).anyMatch(p -> p.contains("東京の"));
  }

  @Test
  void aCorpusTooSmallForTheSizeGivesASmallerVocabulary() {
    UnigramModel m = new UnigramTrainer(UnigramTrainerConfig.builder().vocabSize(1000).build())
        .train(TestWordCounts.metaspace("olá olá mundo"));
    // Characters plus the few repeated substrings are all there is to learn.
    assertThat(m.vocabSize()).isLessThan(1000).isGreaterThan(3 + 7);
    assertThat(values(m.tokenize("▁olá"))).containsExactly("▁olá");
  }

  @Test
  void scoresAreLogProbabilitiesInDecreasingOrder() {
    UnigramModel m = train(UnigramTrainerConfig.builder().vocabSize(400)).model();
    double total = 0;
    for (int id = 3; id < m.vocabSize(); id++) {
      assertThat(m.score(id)).isNegative();
      if (id > 3) {
        assertThat(m.score(id)).isLessThanOrEqualTo(m.score(id - 1));
      }
      total += Math.exp(m.score(id));
    }
    assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(m.score(0)).isZero();
  }

  @Test
  void emImprovesTheLikelihoodAndPruningShrinksByTheFactor() {
    UnigramTrainer.Training t = train(UnigramTrainerConfig.builder().vocabSize(300)
        .numSubIterations(4));
    List<Double> first = t.rounds().get(0).logLikelihoods();
    assertThat(first).hasSize(4);
    for (int i = 1; i < first.size(); i++) {
      assertThat(first.get(i)).isGreaterThan(first.get(i - 1));
    }
    assertThat(t.seedPieces()).isGreaterThan(1000);
    assertThat(t.rounds().get(0).pieces()).isEqualTo(t.seedPieces());
    assertThat(t.rounds().size()).isGreaterThan(1);
    for (int r = 1; r < t.rounds().size(); r++) {
      int before = t.rounds().get(r - 1).pieces();
      int after = t.rounds().get(r).pieces();
      // Each pruning keeps 75% of the pieces, but never fewer than 1.1 times the target.
      assertThat(after).isLessThanOrEqualTo(Math.max((int) (0.75 * before), (int) (297 * 1.1)));
    }
  }

  @Test
  void trainingIsDeterministic() throws Exception {
    UnigramTrainerConfig config = UnigramTrainerConfig.builder().vocabSize(350).build();
    UnigramModel a = new UnigramTrainer(config).train(SAMPLE);
    UnigramModel b = new UnigramTrainer(config).train(TestWordCounts.metaspace(TEXT));
    assertThat(a).isEqualTo(b);
    assertThat(Json.MAPPER.writeValueAsString(a.toJson()))
        .isEqualTo(Json.MAPPER.writeValueAsString(b.toJson()));
    assertThat(UnigramModel.fromJson(a.toJson())).isEqualTo(a);
    // Without the lattice cache (as for corpora too large for it) the result is the same.
    assertThat(new UnigramTrainer(config, 0).train(SAMPLE)).isEqualTo(a);
  }

  @Test
  void byteFallbackReservesTheByteTokens() {
    UnigramModel m = train(UnigramTrainerConfig.builder().vocabSize(600).byteFallback(true)
        .specialTokens(List.of("<unk>"))).model();
    assertThat(m.vocabSize()).isEqualTo(600);
    assertThat(m.byteFallback()).isTrue();
    assertThat(m.idToToken(1)).isEqualTo("<0x00>");
    assertThat(m.idToToken(256)).isEqualTo("<0xFF>");
    // 🚀 is not in the sample: it becomes its four UTF-8 bytes.
    assertThat(values(m.tokenize("▁the🚀"))).containsExactly("▁the", "<0xF0>", "<0x9F>",
        "<0x9A>", "<0x80>");
  }

  @Test
  void refusesAVocabularySmallerThanTheAlphabetAndAnEmptyCorpus() {
    assertThatThrownBy(() -> train(UnigramTrainerConfig.builder().vocabSize(40)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vocabSize 40").hasMessageContaining("alphabet");
    WordCounts empty = new WordCounts(new String[] {""}, new long[] {3});
    assertThatThrownBy(() -> new UnigramTrainer(UnigramTrainerConfig.defaults()).train(empty))
        .hasMessageContaining("no text");
  }

  @Test
  void configFollowsTheProjectPattern() {
    UnigramTrainerConfig c = UnigramTrainerConfig.builder().vocabSize(1000)
        .shrinkingFactor(0.5).byteFallback(true).splitByUnicodeScript(false).build();
    assertThat(UnigramTrainerConfig.fromParams(Params.of("unigram", c.params()))).isEqualTo(c);
    UnigramTrainerConfig d = UnigramTrainerConfig.defaults();
    assertThat(d.vocabSize()).isEqualTo(8000);
    assertThat(d.shrinkingFactor()).isEqualTo(0.75);
    assertThat(d.maxPieceLength()).isEqualTo(16);
    assertThat(d.seedSize()).isEqualTo(1_000_000);
    assertThat(d.numSubIterations()).isEqualTo(2);
    assertThat(d.unkToken()).isEqualTo("<unk>");
    assertThat(d.splitByUnicodeScript()).isTrue();
    assertThat(d.byteFallback()).isFalse();
    assertThatThrownBy(() -> UnigramTrainerConfig.fromParams(Params.of("unigram",
        Map.of("shrinkingFactor", "1.5")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("shrinkingFactor");
    assertThatThrownBy(() -> UnigramTrainerConfig.fromParams(Params.of("unigram",
        Map.of("shrinking", "0.5")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("shrinking");
  }

  @Test
  void digammaMatchesKnownValues() {
    assertThat(UnigramTrainer.digamma(1)).isCloseTo(-0.5772156649015329,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(UnigramTrainer.digamma(0.5)).isCloseTo(-1.9635100260214235,
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(UnigramTrainer.digamma(100)).isCloseTo(4.600161852738087,
        org.assertj.core.data.Offset.offset(1e-12));
  }
}
