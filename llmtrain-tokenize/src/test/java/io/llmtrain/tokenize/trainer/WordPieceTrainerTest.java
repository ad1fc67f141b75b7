package io.llmtrain.tokenize.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.tokenize.model.Model;
import io.llmtrain.tokenize.model.WordPieceModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordPieceTrainerTest {
  private static final WordCounts SAMPLE = TestWordCounts.bert(TestWordCounts.sample());

  private static WordPieceModel train(WordPieceTrainerConfig.Builder b) {
    return new WordPieceTrainer(b.build()).train(SAMPLE);
  }

  private static List<String> values(List<Model.Token> tokens) {
    return tokens.stream().map(Model.Token::value).toList();
  }

  @Test
  void learnsFrequentWordsAndContinuationPiecesWithSpecialTokensFirst() {
    WordPieceModel m = train(WordPieceTrainerConfig.builder().vocabSize(600));
    assertThat(m.vocabSize()).isEqualTo(600);
    assertThat(m.vocab().keySet()).startsWith("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]");
    assertThat(m.tokenToId("[UNK]")).isZero();
    assertThat(m.tokenToId("[MASK]")).isEqualTo(4);
    // Frequent words of both languages are single tokens.
    for (String word : List.of("the", "and", "river", "que", "de", "rio", "as")) {
      assertThat(values(m.tokenize(word))).as(word).containsExactly(word);
    }
    assertThat(m.vocab().keySet()).filteredOn(t -> t.startsWith("##") && t.length() > 3)
        .hasSizeGreaterThan(20).contains("##ing", "##ção");
    // Every alphabet character is there, bare and (when it occurs inside words) continued.
    assertThat(m.vocab()).containsKeys("ç", "##ç", "ã", "東", "😀", ",");
    // A word never seen is still covered by pieces, with continuation marks after the first.
    List<String> pieces = values(m.tokenize("riverbanks"));
    assertThat(pieces).doesNotContain("[UNK]");
    assertThat(pieces.get(0)).doesNotStartWith("##");
    assertThat(pieces.subList(1, pieces.size())).allMatch(p -> p.startsWith("##"));
    assertThat(String.join("", pieces).replace("##", "")).isEqualTo("riverbanks");
    // Unknown characters make the whole word unknown.
    assertThat(values(m.tokenize("river🚀"))).containsExactly("[UNK]");
  }

  @Test
  void minFrequencyStopsMergingBeforeTheSize() {
    WordPieceModel all = train(WordPieceTrainerConfig.builder().vocabSize(5000));
    WordPieceModel frequent = train(WordPieceTrainerConfig.builder().vocabSize(5000)
        .minFrequency(8));
    assertThat(all.vocabSize()).isLessThan(5000); // the sample runs out of pairs
    assertThat(frequent.vocabSize()).isLessThan(all.vocabSize());
    // "the" occurs far more than 8 times; "orchards" only once.
    assertThat(frequent.tokenize("the")).hasSize(1);
    assertThat(frequent.vocab()).doesNotContainKey("orchards");
    assertThat(all.vocab()).containsKey("orchards");
  }

  @Test
  void trainingIsDeterministic() {
    WordPieceTrainerConfig config = WordPieceTrainerConfig.builder().vocabSize(400).build();
    WordPieceModel a = new WordPieceTrainer(config).train(SAMPLE);
    WordPieceModel b = new WordPieceTrainer(config).train(TestWordCounts.bert(TestWordCounts.sample()));
    assertThat(a).isEqualTo(b);
    assertThat(a.toJson()).isEqualTo(b.toJson());
  }

  @Test
  void maxTokenLengthAndLimitAlphabet() {
    WordPieceModel m = train(WordPieceTrainerConfig.builder().vocabSize(800).maxTokenLength(4));
    assertThat(m.vocab().keySet()).filteredOn(t -> !t.startsWith("["))
        .allMatch(t -> t.replace("##", "").codePointCount(0, t.replace("##", "").length()) <= 4);
    WordPieceModel limited = train(WordPieceTrainerConfig.builder().vocabSize(400)
        .limitAlphabet(30).initialAlphabet(List.of("ç")));
    assertThat(limited.vocab()).containsKey("ç").doesNotContainKeys("東", "😀");
    assertThat(values(limited.tokenize("東京"))).containsExactly("[UNK]");
  }

  @Test
  void refusesAVocabularySmallerThanTheAlphabetAndAnEmptyCorpus() {
    assertThatThrownBy(() -> train(WordPieceTrainerConfig.builder().vocabSize(20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vocabSize 20").hasMessageContaining("alphabet");
    WordCounts empty = new WordCounts(new String[0], new long[0]);
    assertThatThrownBy(() -> new WordPieceTrainer(WordPieceTrainerConfig.defaults()).train(empty))
        .hasMessageContaining("no text");
  }

  @Test
  void unkTokenIsAddedFirstWhenNotAmongTheSpecialTokens() {
    WordPieceModel m = train(WordPieceTrainerConfig.builder().vocabSize(300)
        .specialTokens(List.of("[PAD]")).unkToken("<unk>"));
    assertThat(m.vocab().keySet()).startsWith("<unk>", "[PAD]");
    assertThat(m.unkToken()).isEqualTo("<unk>");
  }

  @Test
  void configFollowsTheProjectPattern() {
    WordPieceTrainerConfig c = WordPieceTrainerConfig.builder().vocabSize(1234).minFrequency(2)
        .specialTokens(List.of("[UNK]", "[SEP]")).build();
    assertThat(WordPieceTrainerConfig.fromParams(Params.of("wordpiece", c.params())))
        .isEqualTo(c);
    WordPieceTrainerConfig d = WordPieceTrainerConfig.defaults();
    assertThat(d.vocabSize()).isEqualTo(30000);
    assertThat(d.specialTokens()).containsExactly("[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]");
    assertThat(d.continuingSubwordPrefix()).isEqualTo("##");
    assertThat(WordPieceTrainerConfig.fromParams(Params.of("wordpiece",
        Map.of("vocabSize", "500", "specialTokens", "[UNK],[X]"))).specialTokens())
        .containsExactly("[UNK]", "[X]");
    assertThatThrownBy(() -> WordPieceTrainerConfig.fromParams(Params.of("wordpiece",
        Map.of("vocabsize", 10)))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("vocabsize");
    assertThatThrownBy(() -> WordPieceTrainerConfig.fromParams(Params.of("wordpiece",
        Map.of("initialAlphabet", "ab")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("initialAlphabet");
    assertThatThrownBy(() -> WordPieceTrainerConfig.builder().vocabSize(0).build())
        .hasMessageContaining("vocabSize");
  }
}
