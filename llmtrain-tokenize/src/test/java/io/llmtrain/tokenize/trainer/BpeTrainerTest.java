package io.llmtrain.tokenize.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.pretokenizer.Whitespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BpeTrainerTest {
  static final List<String> PT_EN = List.of(
      "A ação da atenção é a condição de não haver exceção.",
      "O coração da nação bate com emoção e paixão.",
      "As canções da estação falam de ilusão e solidão.",
      "The quick brown fox jumps over the lazy dog, then the other dog jumps.",
      "These thoughts are thorough; though the theory is thin, they thank them.",
      "Programação em Java: a função principal chama a configuração da aplicação.",
      "Ele comeu pão, ela comeu maçã, eles comeram feijão com arroz.",
      "the the the then there these those other another brother mother");

  /**
   * The obvious trainer: recount every pair over the current segmentation before each merge,
   * take the most frequent, ties to the smallest (left id, right id), merge it everywhere.
   */
  static Map<String, Object> naiveTrain(WordCounts wc, int vocabSize, long minFrequency,
      List<String> specials, String initialAlphabet) {
    List<String> idToWord = new ArrayList<>(specials);
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < idToWord.size(); i++) {
      ids.put(idToWord.get(i), i);
    }
    TreeSet<Integer> alphabet = new TreeSet<>();
    initialAlphabet.codePoints().forEach(alphabet::add);
    for (int w = 0; w < wc.size(); w++) {
      wc.word(w).codePoints().forEach(alphabet::add);
    }
    for (int cp : alphabet) {
      String s = Character.toString(cp);
      if (!ids.containsKey(s)) {
        ids.put(s, idToWord.size());
        idToWord.add(s);
      }
    }
    List<List<Integer>> words = new ArrayList<>();
    for (int w = 0; w < wc.size(); w++) {
      List<Integer> syms = new ArrayList<>();
      wc.word(w).codePoints().forEach(cp -> syms.add(ids.get(Character.toString(cp))));
      words.add(syms);
    }
    List<String> merges = new ArrayList<>();
    while (idToWord.size() < vocabSize) {
      Map<List<Integer>, Long> pairs = new HashMap<>();
      for (int w = 0; w < words.size(); w++) {
        List<Integer> s = words.get(w);
        for (int i = 0; i + 1 < s.size(); i++) {
          pairs.merge(List.of(s.get(i), s.get(i + 1)), wc.count(w), Long::sum);
        }
      }
      List<Integer> best = null;
      long bestCount = 0;
      for (Map.Entry<List<Integer>, Long> e : pairs.entrySet()) {
        List<Integer> p = e.getKey();
        long c = e.getValue();
        if (c > bestCount || (c == bestCount && best != null && (p.get(0) < best.get(0)
            || (p.get(0).equals(best.get(0)) && p.get(1) < best.get(1))))) {
          best = p;
          bestCount = c;
        }
      }
      if (best == null || bestCount < minFrequency) {
        break;
      }
      String token = idToWord.get(best.get(0)) + idToWord.get(best.get(1));
      Integer newId = ids.get(token);
      if (newId == null) {
        newId = idToWord.size();
        ids.put(token, newId);
        idToWord.add(token);
      }
      merges.add(idToWord.get(best.get(0)) + " " + idToWord.get(best.get(1)));
      for (List<Integer> s : words) {
        for (int i = 0; i + 1 < s.size(); i++) {
          if (s.get(i).equals(best.get(0)) && s.get(i + 1).equals(best.get(1))) {
            s.set(i, newId);
            s.remove(i + 1);
          }
        }
      }
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < idToWord.size(); i++) {
      vocab.put(idToWord.get(i), i);
    }
    return Map.of("vocab", vocab, "merges", merges);
  }

  static Map<String, Object> asMap(BpeModel m) {
    List<String> merges = m.merges().stream().map(p -> p[0] + " " + p[1]).toList();
    return Map.of("vocab", new LinkedHashMap<>(m.vocab()), "merges", merges);
  }

  @Test
  void incrementalTrainerEqualsNaiveRecountByteLevel() {
    WordCounter c = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).build();
    c.addTexts(PT_EN);
    WordCounts wc = c.counts();
    for (int vocab : new int[] {300, 400, 520}) {
      BpeModel fast = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(vocab)
          .specialTokens(List.of("<s>", "</s>")).build()).train(wc);
      assertThat(asMap(fast)).as("vocab %s", vocab).isEqualTo(naiveTrain(wc, vocab, 0,
          List.of("<s>", "</s>"), io.llmtrain.tokenize.pretokenizer.ByteLevelAlphabet.alphabet()));
    }
    // the progress bar only reports
    BpeModel shown = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(400)
        .specialTokens(List.of("<s>", "</s>")).showProgress(true).build()).train(wc);
    assertThat(asMap(shown)).isEqualTo(asMap(new BpeTrainer(BpeTrainerConfig.builder()
        .vocabSize(400).specialTokens(List.of("<s>", "</s>")).build()).train(wc)));
  }

  @Test
  void incrementalTrainerEqualsNaiveRecountCharacterLevelWithMinFrequency() {
    WordCounter c = WordCounter.builder().preTokenizer(Whitespace.INSTANCE).build();
    c.addTexts(PT_EN);
    WordCounts wc = c.counts();
    BpeModel fast = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(10_000).minFrequency(3)
        .initialAlphabet("").build()).train(wc);
    Map<String, Object> naive = naiveTrain(wc, 10_000, 3, List.of(), "");
    assertThat(asMap(fast)).isEqualTo(naive);
    // stopped by minFrequency, not by size: the most frequent pairs were merged
    assertThat(fast.vocabSize()).isLessThan(10_000);
    assertThat(fast.vocab()).containsKeys("th", "ão");
  }

  @Test
  void maxTokenLengthAndLimitAlphabetAndPrefixes() {
    WordCounter c = WordCounter.builder().preTokenizer(Whitespace.INSTANCE).build();
    c.addTexts(PT_EN);
    BpeModel limited = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(200)
        .initialAlphabet("").maxTokenLength(3).limitAlphabet(20).build()).train(c.counts());
    assertThat(limited.vocab().keySet()).allMatch(t -> t.codePointCount(0, t.length()) <= 3);
    assertThat(limited.vocab().keySet().stream().filter(t -> t.length() == 1)).hasSize(20);
    BpeModel wp = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(200).initialAlphabet("")
        .continuingSubwordPrefix("##").endOfWordSuffix("</w>").build()).train(c.counts());
    assertThat(wp.vocab()).containsKey("##e</w>");
    // the model encodes with the same conventions it was trained with
    assertThat(wp.tokenize("the").get(0).value()).isEqualTo("the</w>");
  }

  @Test
  void sameVocabularyAndMergesAsHuggingFaceOnItsOwnExample() {
    // the word counts of the Hugging Face BpeTrainer's unit test, with its expected result
    String[] words = {"BERT", "GPT-2", "and", "are", "big", "blue", "is", "red", "roses", "so",
        "voilets"};
    long[] counts = {1, 1, 1, 2, 1, 1, 2, 1, 1, 1, 1};
    BpeModel m = new BpeTrainer(BpeTrainerConfig.builder().minFrequency(2).initialAlphabet("")
        .build()).train(new WordCounts(words, counts));
    List<String> expected = List.of("-", "2", "B", "E", "G", "P", "R", "T", "a", "b", "d", "e",
        "g", "i", "l", "n", "o", "r", "s", "t", "u", "v", "re", "are", "is");
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      vocab.put(expected.get(i), i);
    }
    assertThat(m.vocab()).containsExactlyEntriesOf(vocab);
    assertThat(m.merges()).containsExactly(new String[] {"r", "e"}, new String[] {"a", "re"},
        new String[] {"i", "s"});
  }

  @Test
  void configParamsRoundTripAndRejectUnknownKeys() {
    BpeTrainerConfig cfg = BpeTrainerConfig.builder().vocabSize(8000).minFrequency(2)
        .specialTokens(List.of("<s>", "</s>")).maxTokenLength(16).showProgress(true).build();
    assertThat(BpeTrainerConfig.fromParams(Params.of("bpe", cfg.params()))).isEqualTo(cfg);
    assertThatThrownBy(() -> BpeTrainerConfig.fromParams(Params.of("bpe",
        Map.of("vocabSize", 10, "vocabsize", 3)))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("vocabsize");
    assertThatThrownBy(() -> BpeTrainerConfig.builder().vocabSize(0))
        .hasMessageContaining("vocabSize");
    assertThatThrownBy(() -> BpeTrainerConfig.builder().specialTokens(List.of("a", "a")))
        .hasMessageContaining("distinct");
  }
}
