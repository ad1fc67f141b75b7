package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.metric.RougeMetric.Prf;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vectors from rouge-score's documented examples and definitions; every expected value is also
 * worked out by hand in the comments.
 */
class RougeMetricTest {
  private static final double EPS = 1e-9;

  private static void assertPrf(Prf s, double p, double r, double f) {
    assertThat(s.precision()).isCloseTo(p, within(EPS));
    assertThat(s.recall()).isCloseTo(r, within(EPS));
    assertThat(s.fmeasure()).isCloseTo(f, within(EPS));
  }

  @Test
  void readmeExampleWithStemming() {
    // target: the quick brown fox jump over the lazi dog (9 tokens)
    // prediction: the quick brown dog jump on the log (8 tokens)
    // unigram overlap: the x2, quick, brown, dog, jump = 6 -> P 6/8, R 6/9, F 12/17
    // LCS: the quick brown jump the = 5 -> P 5/8, R 5/9, F 10/17 (rouge-score's README prints
    // rougeL precision 0.625, recall 0.5556, F 0.5882: not the rouge1 values)
    RougeMetric m = new RougeMetric(List.of("rouge1", "rougeL"), true);
    Map<String, Prf> s = m.score("The quick brown fox jumps over the lazy dog",
        "The quick brown dog jumps on the log.");
    assertPrf(s.get("rouge1"), 0.75, 0.6666666666666666, 0.7058823529411765);
    assertPrf(s.get("rougeL"), 0.625, 5.0 / 9, 10.0 / 17);
    assertThat(m.tokenize("The quick brown fox jumps over the lazy dog"))
        .containsExactly("the", "quick", "brown", "fox", "jump", "over", "the", "lazi", "dog");
  }

  @Test
  void scorerTestCases() {
    RougeMetric m = new RougeMetric(List.of("rouge1", "rouge2", "rougeL"), false);
    assertPrf(m.score("testing one two", "testing").get("rouge1"), 1, 1.0 / 3, 0.5);
    assertPrf(m.score("testing one two", "testing one").get("rouge2"), 1, 0.5, 2.0 / 3);
    assertPrf(m.score("testing one two", "testing one").get("rougeL"), 1, 2.0 / 3, 0.8);
    assertPrf(m.score("testing one two", "testing two").get("rougeL"), 1, 2.0 / 3, 0.8);
  }

  @Test
  void identicalTextsScoreOne() {
    RougeMetric m = new RougeMetric();
    String t = "Stocks rallied on Friday.\nThe index closed 2% higher.";
    Map<String, Prf> s = m.score(t, t);
    for (String type : RougeMetric.DEFAULT_TYPES) {
      assertPrf(s.get(type), 1, 1, 1);
    }
  }

  @Test
  void emptyTextsScoreZero() {
    RougeMetric m = new RougeMetric();
    for (String[] pair : new String[][] {{"testing one two", ""}, {"", "w1"}, {"w1 w2", "/"},
        {"", ""}}) {
      Map<String, Prf> s = m.score(pair[0], pair[1]);
      for (String type : RougeMetric.DEFAULT_TYPES) {
        assertPrf(s.get(type), 0, 0, 0);
      }
    }
    Score corpus = m.corpus(List.of(""), List.of(List.of("a reference")));
    assertThat(corpus.score()).isEqualTo(0.0);
  }

  @Test
  void lsumUsesUnionLcs() {
    // reference sentence w1..w5; LCS with "w1 w2 w6 w7 w8" is w1 w2, with "w1 w3 w8 w9 w5" is
    // w1 w3 w5; union w1 w2 w3 w5 = 4 hits -> R 4/5, P 4/10, F 2*0.4*0.8/1.2
    RougeMetric m = new RougeMetric(List.of("rougeLsum"), false);
    assertPrf(m.score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5").get("rougeLsum"),
        0.4, 0.8, 0.64 / 1.2);
    // rougeL ignores newlines: one LCS over the 10 tokens, w1 w2 (line 1) w3 w5 (line 2) = 4
    RougeMetric l = new RougeMetric(List.of("rougeL"), false);
    assertPrf(l.score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5").get("rougeL"),
        0.4, 0.8, 0.64 / 1.2);
    // where they differ: reference "a b c", hypothesis "c\na b": rougeL LCS a b = 2 -> P R F 2/3;
    // rougeLsum union of LCS with "c" {c} and with "a b" {a b} = 3 hits -> 1
    assertPrf(l.score("a b c", "c\na b").get("rougeL"), 2.0 / 3, 2.0 / 3, 2.0 / 3);
    assertPrf(m.score("a b c", "c\na b").get("rougeLsum"), 1, 1, 1);
  }

  @Test
  void lsumCountsEachTokenAtMostAsOftenAsBothTextsHaveIt() {
    // reference "a b" twice, hypothesis "a b" once: the first reference sentence takes both
    // hypothesis tokens, the second finds none left -> hits 2: P 2/2, R 2/4, F 2/3
    RougeMetric m = new RougeMetric(List.of("rougeLsum"), false);
    assertPrf(m.score("a b\na b", "a b").get("rougeLsum"), 1, 0.5, 2.0 / 3);
    // empty lines are dropped
    assertPrf(m.score("a b\n\n", "\na b").get("rougeLsum"), 1, 1, 1);
  }

  @Test
  void backtrackTieBreakAsRougeScore() {
    // rouge-score's _lcs_table / _backtrack_norec example: ref 1 2 3 4 5, candidate 2 5 3 4
    assertThat(RougeMetric.lcsIndices(List.of("1", "2", "3", "4", "5"), List.of("2", "5", "3", "4")))
        .containsExactly(1, 2, 3);
    assertThat(RougeMetric.lcsIndices(List.of("1", "2"), List.of("8", "9"))).isEmpty();
    // ties move up a row: ref a b, candidate b a -> the a (index 0)
    assertThat(RougeMetric.lcsIndices(List.of("a", "b"), List.of("b", "a"))).containsExactly(0);
  }

  @Test
  void rougeNClipsCounts() {
    // ref "the the cat" (3 unigrams), hyp "the the the" : clipped overlap 2 -> P 2/3 R 2/3
    RougeMetric m = new RougeMetric(List.of("rouge1", "rouge2", "rouge3"), false);
    Map<String, Prf> s = m.score("the the cat", "the the the");
    assertPrf(s.get("rouge1"), 2.0 / 3, 2.0 / 3, 2.0 / 3);
    // bigrams: ref {the the, the cat}, hyp {the the x2}: overlap 1 -> P 1/2 R 1/2
    assertPrf(s.get("rouge2"), 0.5, 0.5, 0.5);
    // trigrams: ref {the the cat}, hyp {the the the}: 0
    assertPrf(s.get("rouge3"), 0, 0, 0);
    // a hypothesis shorter than n has no n-grams: precision 0/max(0,1)
    assertPrf(m.score("a b c", "a b").get("rouge3"), 0, 0, 0);
  }

  @Test
  void tokenizerDropsEverythingOutsideAsciiLettersAndDigits() {
    RougeMetric m = new RougeMetric(List.of("rouge1"), false);
    assertThat(m.tokenize("Café naïve, 3.14 l'été")).containsExactly("caf", "na", "ve", "3", "14",
        "l", "t");
    // Python's str.lower() and Java's toLowerCase(ROOT) both map İ to i + U+0307
    assertThat(m.tokenize("İstanbul")).containsExactly("i", "stanbul");
    assertThat(m.tokenize("東京 ")).isEmpty();
    assertPrf(m.score("café", "cafe").get("rouge1"), 0, 0, 0);
    assertPrf(m.score("Café au lait", "CAFÉ AU LAIT!").get("rouge1"), 1, 1, 1);
  }

  @Test
  void stemmingOnlyTouchesTokensLongerThanThreeCharacters() {
    RougeMetric m = new RougeMetric(List.of("rouge1"), true);
    assertThat(m.tokenize("Cats ran running dogs was has says"))
        .containsExactly("cat", "ran", "run", "dog", "was", "has", "say");
  }

  @Test
  void stemmerMatchesNltkPorterOnCommonWords() {
    PorterStem s = new PorterStem();
    String[][] cases = {
        {"caresses", "caress"}, {"ponies", "poni"}, {"cats", "cat"}, {"running", "run"},
        {"relational", "relat"}, {"happiness", "happi"}, {"jumps", "jump"}, {"lazy", "lazi"},
        {"generously", "gener"}, {"agreed", "agre"}, {"hopping", "hop"}, {"meeting", "meet"},
        {"conditional", "condit"}, {"happy", "happi"},
        // NLTK_EXTENSIONS departures from the original algorithm
        {"dying", "die"}, {"lying", "lie"}, {"skies", "sky"}, {"news", "news"},
        {"ties", "tie"}, {"died", "die"}, {"says", "say"}, {"played", "play"}, {"enjoy", "enjoy"},
        {"carefully", "care"}, {"hopelessly", "hopelessli"},
        {"additionally", "addit"}, {"crying", "cri"}, {"using", "use"}, {"ones", "one"},
        {"really", "realli"}, {"rally", "ralli"}, {"finally", "final"}, {"possibly", "possibl"},
        {"analogy", "analog"}, {"proceed", "proceed"}};
    for (String[] c : cases) {
      assertThat(s.stem(c[0])).as(c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void multiReferenceTakesTheBestFPerType() {
    RougeMetric m = new RougeMetric(List.of("rouge1", "rouge2"), false);
    // ref1 "a b c d": rouge1 P 2/2 R 2/4 F 2/3; rouge2 (a c vs ab bc cd) 0
    // ref2 "c a": rouge1 P 1 R 1 F 1; rouge2 {c a} vs {a c} 0
    // ref3 "x a c": rouge1 P 1 R 2/3 F 0.8; rouge2 {a c} match: P 1 R 1/2 F 2/3
    Score s = m.sentence("a c", List.of("a b c d", "c a", "x a c"));
    assertThat(s.score()).isCloseTo(1.0, within(EPS));
    @SuppressWarnings("unchecked")
    Map<String, Object> r2 = (Map<String, Object>) s.details().get("rouge2");
    assertThat((Double) r2.get("fmeasure")).isCloseTo(2.0 / 3, within(EPS));
    assertThat((Double) r2.get("recall")).isCloseTo(0.5, within(EPS));
  }

  @Test
  void corpusIsTheMeanOfSegmentScores() {
    RougeMetric m = new RougeMetric(List.of("rouge1"), false);
    // segment 1: F 1/2 (testing vs testing one two); segment 2: F 1; segment 3 (empty): 0
    Score s = m.corpus(List.of("testing", "a b", ""),
        List.of(List.of("testing one two", "a b", "c")));
    assertThat(s.score()).isCloseTo(0.5, within(EPS));
    @SuppressWarnings("unchecked")
    Map<String, Object> r1 = (Map<String, Object>) s.details().get("rouge1");
    assertThat((Double) r1.get("precision")).isCloseTo(2.0 / 3, within(EPS));
    assertThat((Double) r1.get("recall")).isCloseTo((1.0 / 3 + 1) / 3, within(EPS));
    assertThat(s.details().get("segments")).isEqualTo(3);
    assertThatThrownBy(() -> m.corpus(List.of("a"), List.of(List.of("a", "b"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reference stream 1");
  }

  @Test
  void providerIsStrict() {
    MetricProvider p = Plugins.get(MetricProvider.class, "rouge");
    TextMetric m = p.create(StageSpec.of("rouge", Map.of("stem", "true", "types", "rouge1,rougeL")));
    assertThat(((RougeMetric) m).types()).containsExactly("rouge1", "rougeL");
    assertThat(m.sentence("jumping", List.of("jumps")).score()).isEqualTo(1.0);
    assertThatThrownBy(() -> p.create(StageSpec.of("rouge", Map.of("stemm", true))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("stemm");
    assertThatThrownBy(() -> p.create(StageSpec.of("rouge", Map.of("types", "rouge0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("rouge0");
    assertThatThrownBy(() -> new RougeMetric(List.of("rouge10"), false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
