package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Vectors: sacrebleu's README example (48.530827009929865, also in sacrebleu's test_bleu.py),
 * values derived by hand from sacrebleu's compute_bleu formulas, and values printed by sacrebleu
 * 2.6.0 (pip wheel) for cases with punctuation, unicode and whitespace.
 */
class BleuMetricTest {
  static final double EPS = 1e-6;

  static final List<String> HYPS = List.of("The dog bit the man.", "It wasn't surprising.",
      "The man had just bitten him.");
  static final List<List<String>> REFS = List.of(
      List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
      List.of("The dog had bit the man.", "No one was surprised.",
          "The man had bitten the dog."));

  private final BleuMetric bleu = new BleuMetric();

  private static Score corpus(BleuMetric m, String hyp, String... refs) {
    return m.corpus(List.of(hyp), java.util.Arrays.stream(refs).map(List::of).toList());
  }

  @Test
  void readmeExampleCorpus() {
    Score s = bleu.corpus(HYPS, REFS);
    assertThat(s.metric()).isEqualTo("bleu");
    assertThat(s.score()).isCloseTo(48.530827009929865, within(EPS));
    assertThat(s.details().get("counts")).isEqualTo(List.of(14L, 7L, 5L, 3L));
    assertThat(s.details().get("totals")).isEqualTo(List.of(17L, 14L, 11L, 8L));
    assertThat(s.details().get("sys_len")).isEqualTo(17L);
    assertThat(s.details().get("ref_len")).isEqualTo(18L);
    // by hand: BP = exp(1 - 18/17), geometric mean of 14/17, 7/14, 5/11, 3/8
    double bp = Math.exp(1 - 18.0 / 17);
    double byHand = 100 * bp * Math.pow(14.0 / 17 * 7 / 14 * 5 / 11 * 3 / 8, 0.25);
    assertThat(s.score()).isCloseTo(byHand, within(EPS));
    assertThat((double) s.details().get("bp")).isCloseTo(bp, within(1e-12));
    @SuppressWarnings("unchecked")
    List<Double> p = (List<Double>) s.details().get("precisions");
    assertThat(p.get(0)).isCloseTo(100.0 * 14 / 17, within(1e-9));
    assertThat(p.get(3)).isCloseTo(37.5, within(1e-9));
  }

  @Test
  void readmeExampleVariants() {
    // no zero counts, so floor and none equal exp; lowercasing changes nothing here
    assertThat(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.NONE, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(48.530827009929865, within(EPS));
    assertThat(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.FLOOR, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(48.530827009929865, within(EPS));
    assertThat(new BleuMetric(BleuTokenizer._13A, true, BleuMetric.Smoothing.EXP, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(48.530827009929865, within(EPS));
    // add-k (k=1) on orders >= 2, by hand: 14/17, 8/15, 6/12, 4/9
    double addK = 100 * Math.exp(1 - 18.0 / 17)
        * Math.pow(14.0 / 17 * 8 / 15 * 6 / 12 * 4 / 9, 0.25);
    assertThat(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.ADD_K, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(addK, within(EPS))
        .isCloseTo(52.70109002482467, within(EPS));
    // sacrebleu 2.6.0
    assertThat(new BleuMetric(BleuTokenizer.NONE, false, BleuMetric.Smoothing.EXP, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(49.19195660047277, within(EPS));
    assertThat(new BleuMetric(BleuTokenizer.INTL, false, BleuMetric.Smoothing.EXP, Double.NaN)
        .corpus(HYPS, REFS).score()).isCloseTo(43.91623493336995, within(EPS));
  }

  @Test
  void sentenceLevelUsesEffectiveOrder() {
    // sacrebleu.sentence_bleu on the README segments (sacrebleu 2.6.0)
    assertThat(bleu.sentence(HYPS.get(0), List.of(REFS.get(0).get(0), REFS.get(1).get(0))).score())
        .isCloseTo(100.0, within(EPS));
    assertThat(bleu.sentence(HYPS.get(1), List.of(REFS.get(0).get(1), REFS.get(1).get(1))).score())
        .isCloseTo(14.794015674776452, within(EPS));
    assertThat(bleu.sentence(HYPS.get(2), List.of(REFS.get(0).get(2), REFS.get(1).get(2))).score())
        .isCloseTo(29.071536848410968, within(EPS));
    // by hand: p1 = p2 = 100, no 3-grams so effective order 2, BP = exp(1 - 6/2)
    assertThat(bleu.sentence("the cat", List.of("the cat sat on the mat")).score())
        .isCloseTo(100 * Math.exp(-2), within(EPS));
    // the corpus level keeps order 4: the empty 3- and 4-gram precisions give 0
    assertThat(corpus(bleu, "the cat", "the cat sat on the mat").score()).isEqualTo(0.0);
  }

  @Test
  void emptyHypothesisScoresZero() {
    assertThat(bleu.sentence("", List.of("The cat sat.")).score()).isEqualTo(0.0);
    Score s = corpus(bleu, "", "The cat sat.");
    assertThat(s.score()).isEqualTo(0.0);
    assertThat(s.details().get("bp")).isEqualTo(0.0);
    assertThat(bleu.corpus(List.of(), List.of(List.of())).score()).isEqualTo(0.0);
    // an empty line inside a corpus only adds reference length (sacrebleu 2.6.0)
    assertThat(bleu.corpus(List.of("", "the cat sat on the mat"),
        List.of(List.of("x y", "the cat sat on the mat"))).score())
        .isCloseTo(71.65313105737896, within(EPS))
        .isCloseTo(100 * Math.exp(1 - 8.0 / 6), within(EPS));
  }

  @Test
  void smoothingMethodsOnAZeroCount() {
    // hyp "a b x c d" vs "a b y c d": 4/5, 2/4, 0/3, 0/2, BP 1
    String h = "a b x c d";
    String r = "a b y c d";
    double exp = 100 * Math.pow(4.0 / 5 * 2 / 4 * (1.0 / (2 * 3)) * (1.0 / (4 * 2)), 0.25);
    double floor = 100 * Math.pow(4.0 / 5 * 2 / 4 * (0.1 / 3) * (0.1 / 2), 0.25);
    double addK = 100 * Math.pow(4.0 / 5 * 3 / 5 * 1 / 4 * 1 / 3, 0.25);
    assertThat(corpus(bleu, h, r).score()).isCloseTo(exp, within(EPS))
        .isCloseTo(30.213753973567677, within(EPS));
    assertThat(corpus(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.FLOOR,
        Double.NaN), h, r).score()).isCloseTo(floor, within(EPS))
        .isCloseTo(16.06856837889303, within(EPS));
    assertThat(corpus(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.ADD_K,
        Double.NaN), h, r).score()).isCloseTo(addK, within(EPS))
        .isCloseTo(44.72135954999579, within(EPS));
    // no smoothing: log(0) floored, score 0
    assertThat(corpus(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.NONE,
        Double.NaN), h, r).score()).isCloseTo(0.0, within(EPS));
    // floor with an explicit value
    assertThat(corpus(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.FLOOR,
        0.5), h, r).score())
        .isCloseTo(100 * Math.pow(4.0 / 5 * 2 / 4 * (0.5 / 3) * (0.5 / 2), 0.25), within(EPS));
    // no zero count: every method but add-k agrees (sacrebleu 2.6.0)
    assertThat(corpus(bleu, "the cat sat on a mat", "the cat sat on the mat").score())
        .isCloseTo(53.7284965911771, within(EPS));
    assertThat(corpus(new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.ADD_K,
        Double.NaN), "the cat sat on a mat", "the cat sat on the mat").score())
        .isCloseTo(63.894310424627285, within(EPS));
  }

  @Test
  void multiReferenceClipsByMaxCountAndPicksClosestShorterLength() {
    // ref lengths 7, 3, 4 for a 5-token hyp: closest is 4 -> BP 1
    Score s = corpus(bleu, "a b c d e", "a b c d e f g", "a b c", "a b c d");
    assertThat(s.details().get("ref_len")).isEqualTo(4L);
    assertThat(s.score()).isCloseTo(100.0, within(EPS));
    // 7 and 3 are both 2 away: the shorter wins
    assertThat(corpus(bleu, "a b c d e", "a b c d e f g", "a b c").details().get("ref_len"))
        .isEqualTo(3L);
    // 7 and 6: 6 -> BP exp(1 - 6/5) (sacrebleu: 0.8187307530779819)
    Score s6 = corpus(bleu, "a b c d e", "a b c d e f g", "a b c", "a b c d e f");
    assertThat((double) s6.details().get("bp")).isCloseTo(0.8187307530779819, within(1e-12));
    // counts clipped by the max over references: "the the the" vs refs with 1 and 2 "the"
    Score c = corpus(new BleuMetric(BleuTokenizer.NONE, false, BleuMetric.Smoothing.EXP,
        Double.NaN), "the the the", "the cat", "the the");
    assertThat(c.details().get("counts")).isEqualTo(List.of(2L, 1L, 0L, 0L));
    // a null reference is skipped (variable number of references)
    List<String> refs = new java.util.ArrayList<>();
    refs.add(null);
    refs.add("the cat");
    assertThat(bleu.sentence("the cat", refs).score()).isCloseTo(100.0, within(EPS));
  }

  @Test
  void tokenizersMatchSacrebleu() {
    assertThat(BleuTokenizer._13A.tokenize("Ünïcödé 😀 test, ok.")).isEqualTo("Ünïcödé 😀 test , ok .");
    assertThat(BleuTokenizer._13A.tokenize("The U.S. costs $1,000.50 - ok?"))
        .isEqualTo("The U . S . costs $ 1,000.50 - ok ?");
    assertThat(BleuTokenizer._13A.tokenize("Hello &amp; <skipped> world-\nwide"))
        .isEqualTo("Hello & worldwide");
    assertThat(BleuTokenizer.INTL.tokenize("Hello &amp; <skipped> world-\nwide"))
        .isEqualTo("Hello & amp ; < skipped > world - wide");
    assertThat(BleuTokenizer.INTL.tokenize("🎉🎉🎉")).isEqualTo("🎉 🎉 🎉");
    assertThat(BleuTokenizer._13A.tokenize("🎉🎉🎉")).isEqualTo("🎉🎉🎉");
    assertThat(BleuTokenizer._13A.tokenize("(hi) there!")).isEqualTo("( hi ) there !");
    // Python whitespace: no-break space and ideographic space split words
    assertThat(BleuTokenizer._13A.tokenize("a\u00a0b\u3000c")).isEqualTo("a b c");
    assertThat(BleuTokenizer.NONE.tokenize("a  b")).isEqualTo("a  b");
  }

  @Test
  void unicodeAndWhitespaceCases() {
    // sacrebleu 2.6.0
    assertThat(bleu.sentence("Ünïcödé 😀 test, ok.", List.of("Ünïcödé 😀 test ok.")).score())
        .isCloseTo(37.99178428257963, within(EPS));
    assertThat(bleu.sentence("a\u00a0b\u3000c", List.of("a b c")).score())
        .isCloseTo(100.0, within(EPS));
    assertThat(bleu.sentence("x  y", List.of("x\u2009y")).score()).isCloseTo(100.0, within(EPS));
    assertThat(bleu.sentence("The U.S. costs $1,000.50 - ok?",
        List.of("The U.S. costs $1,000.50 — ok?")).score())
        .isCloseTo(74.19446627365011, within(EPS));
    assertThat(bleu.sentence("Hello &amp; <skipped> world-\nwide", List.of("Hello & worldwide"))
        .score()).isCloseTo(100.0, within(EPS));
    assertThat(corpus(new BleuMetric(BleuTokenizer.INTL, false, BleuMetric.Smoothing.EXP,
        Double.NaN), "Hello &amp; <skipped> world-\nwide", "Hello & worldwide").score())
        .isCloseTo(8.392229812593097, within(EPS));
    assertThat(bleu.sentence("ÉCOLE Straße", List.of("école strasse")).score()).isEqualTo(0.0);
    assertThat(new BleuMetric(BleuTokenizer._13A, true, BleuMetric.Smoothing.EXP, Double.NaN)
        .sentence("The CAT sat", List.of("the cat sat")).score()).isCloseTo(100.0, within(EPS));
    // sacrebleu's test_sentence_level_chrf sentences, BLEU from sacrebleu 2.6.0
    assertThat(bleu.sentence(ChrfMetricTest.CZ[0][0], List.of(ChrfMetricTest.CZ[0][1])).score())
        .isCloseTo(37.91621112953302, within(EPS));
    assertThat(bleu.corpus(ChrfMetricTest.czHyps(), List.of(ChrfMetricTest.czRefs())).score())
        .isCloseTo(24.66242872148067, within(EPS));
  }

  @Test
  void refusesMisalignedInput() {
    assertThatThrownBy(() -> bleu.corpus(List.of("a", "b"), List.of(List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reference stream 1");
    assertThatThrownBy(() -> bleu.sentence("a", List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerIsRegisteredAndStrict() {
    MetricProvider p = ServiceLoader.load(MetricProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("bleu")).findFirst()
        .orElseThrow();
    TextMetric m = p.create(StageSpec.of("bleu"));
    assertThat(m.corpus(HYPS, REFS).score()).isCloseTo(48.530827009929865, within(EPS));
    TextMetric intl = p.create(StageSpec.of("bleu",
        Map.of("tokenize", "intl", "lowercase", "true", "smoothing", "exp")));
    assertThat(intl.corpus(HYPS, REFS).score()).isCloseTo(43.91623493336995, within(EPS));
    TextMetric addK = p.create(StageSpec.of("bleu", Map.of("smoothing", "add-k")));
    assertThat(addK.corpus(HYPS, REFS).score()).isCloseTo(52.70109002482467, within(EPS));
    assertThatThrownBy(() -> p.create(StageSpec.of("bleu", Map.of("tokenizer", "13a"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("tokenizer");
    assertThatThrownBy(() -> p.create(StageSpec.of("bleu", Map.of("tokenize", "zh"))))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> p.create(StageSpec.of("bleu", Map.of("smoothing", "laplace"))))
        .isInstanceOf(ConfigException.class);
  }
}
