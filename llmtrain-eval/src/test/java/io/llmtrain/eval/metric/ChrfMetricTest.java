package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.StageSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Vectors: sacrebleu's README example (chrF2 = 59.73, full precision from sacrebleu 2.6.0),
 * sacrebleu's own test_chrf.py sentences, hand-derived values from the chrF definition, and
 * sacrebleu 2.6.0 output for unicode and whitespace cases.
 */
class ChrfMetricTest {
  static final double EPS = 1e-6;

  static final String[][] CZ = {
      {"Co nás nejvíc trápí, protože lékaři si vybírají, kdo bude žít a kdo zemře.",
          "Nejvíce smutní jsme z toho, že musíme rozhodovat o tom, kdo bude žít a kdo zemře."},
      {"Nebo prostě nemají vybavení, které by jim pomohlo, uvedli lékaři.",
          "A někdy nemáme ani potřebný materiál, abychom jim pomohli, popsali lékaři."},
      {"Lapali po dechu, jejich životy skončily dřív, než skutečně začaly.",
          "Lapali po dechu a pak jejich život skončil - dřív, než skutečně mohl začít, připomněli."}};

  static List<String> czHyps() {
    return Arrays.stream(CZ).map(x -> x[0]).toList();
  }

  static List<String> czRefs() {
    return Arrays.stream(CZ).map(x -> x[1]).toList();
  }

  private final ChrfMetric chrf = new ChrfMetric();
  private final ChrfMetric chrfpp = ChrfMetric.chrfPlusPlus();

  private double s(ChrfMetric m, String hyp, String... refs) {
    return m.sentence(hyp, List.of(refs)).score();
  }

  @Test
  void readmeExample() {
    Score c = chrf.corpus(BleuMetricTest.HYPS, BleuMetricTest.REFS);
    assertThat(c.metric()).isEqualTo("chrf");
    // README prints 59.73; sacrebleu 2.6.0 gives 59.72751782684763
    assertThat(c.score()).isCloseTo(59.72751782684763, within(EPS));
    assertThat(chrfpp.corpus(BleuMetricTest.HYPS, BleuMetricTest.REFS).score())
        .isCloseTo(59.15310444399262, within(EPS));
    double[] sent = {100.0, 35.34635301425291, 51.87740799504779};
    double[] sentPp = {100.0, 29.14513880802484, 52.00714394858371};
    for (int i = 0; i < 3; i++) {
      List<String> refs = List.of(BleuMetricTest.REFS.get(0).get(i),
          BleuMetricTest.REFS.get(1).get(i));
      assertThat(chrf.sentence(BleuMetricTest.HYPS.get(i), refs).score())
          .isCloseTo(sent[i], within(EPS));
      assertThat(chrfpp.sentence(BleuMetricTest.HYPS.get(i), refs).score())
          .isCloseTo(sentPp[i], within(EPS));
    }
  }

  @Test
  void sacrebleuTestSentences() {
    // sacrebleu test_chrf.py values (to 1e-4 there), full precision from sacrebleu 2.6.0
    double[] expected = {39.14081690316369, 31.225641469352972, 57.157427512824064};
    double[] published = {39.14078509, 31.22557079, 57.15704367};
    for (int i = 0; i < 3; i++) {
      double got = s(chrf, CZ[i][0], CZ[i][1]);
      assertThat(got).isCloseTo(expected[i], within(EPS));
      assertThat(got).isCloseTo(published[i], within(1e-2));
    }
    assertThat(chrf.corpus(czHyps(), List.of(czRefs())).score())
        .isCloseTo(43.03622941164886, within(EPS));
  }

  @Test
  void handDerived() {
    assertThat(s(chrf, "Niemand hat die Absicht", "Niemand hat die Absicht")).isEqualTo(100.0);
    assertThat(s(chrf, "a", "a")).isCloseTo(100.0, within(EPS));
    assertThat(s(chrf, "abcdefg", "hijklmnop")).isEqualTo(0.0);
    // whitespace removed: "a b c" == "abc"
    assertThat(s(chrf, "a b c", "abc")).isCloseTo(100.0, within(EPS));
    // "aa" vs "ab": order 1 P = R = 1/2, order 2 P = R = 0 -> avg P = avg R = 1/4 -> F = 1/4
    assertThat(s(chrf, "aa", "ab")).isCloseTo(25.0, within(EPS));
    // code points: 3 vs 2 emoji (6 vs 4 UTF-16 units). Order 1 P = 2/3 R = 1, order 2 P = 1/2
    // R = 1, order 3 has no reference n-gram. avg P = 7/12, avg R = 1 -> F2 = 35/40
    assertThat(s(chrf, "🎉🎉🎉", "🎉🎉")).isCloseTo(87.5, within(EPS));
    assertThat(s(chrfpp, "🎉🎉🎉", "🎉🎉")).isCloseTo(58.333333333333336, within(EPS));
  }

  @Test
  void emptyAndUnicode() {
    assertThat(s(chrf, "", "The cat sat.")).isEqualTo(0.0);
    assertThat(s(chrfpp, "", "The cat sat.")).isEqualTo(0.0);
    assertThat(chrf.corpus(List.of(""), List.of(List.of("ref"))).score()).isEqualTo(0.0);
    // sacrebleu 2.6.0
    assertThat(s(chrf, "the cat", "the cat sat on the mat")).isCloseTo(27.25331540542631, within(EPS));
    assertThat(s(chrfpp, "the cat", "the cat sat on the mat"))
        .isCloseTo(28.258862358726333, within(EPS));
    assertThat(s(chrf, "Ünïcödé 😀 test, ok.", "Ünïcödé 😀 test ok."))
        .isCloseTo(81.23369715896494, within(EPS));
    assertThat(s(chrfpp, "Ünïcödé 😀 test, ok.", "Ünïcödé 😀 test ok."))
        .isCloseTo(81.91458826684203, within(EPS));
    // no-break, ideographic and thin spaces are Python whitespace
    assertThat(s(chrf, "a\u00a0b\u3000c", "a b c")).isCloseTo(100.0, within(EPS));
    assertThat(s(chrf, "x  y", "x\u2009y")).isCloseTo(100.0, within(EPS));
    assertThat(s(chrf, "The U.S. costs $1,000.50 - ok?", "The U.S. costs $1,000.50 — ok?"))
        .isCloseTo(86.23229186272664, within(EPS));
    assertThat(s(chrfpp, "The U.S. costs $1,000.50 - ok?", "The U.S. costs $1,000.50 — ok?"))
        .isCloseTo(85.16033000815608, within(EPS));
    assertThat(s(chrf, "Hello &amp; <skipped> world-\nwide", "Hello & worldwide"))
        .isCloseTo(47.15872449203938, within(EPS));
    assertThat(s(chrfpp, "Hello &amp; <skipped> world-\nwide", "Hello & worldwide"))
        .isCloseTo(38.53947504115855, within(EPS));
    assertThat(s(chrf, "ÉCOLE Straße", "école strasse")).isCloseTo(10.436889467672767, within(EPS));
    assertThat(s(chrfpp, "ÉCOLE Straße", "école strasse")).isCloseTo(7.827667100754574, within(EPS));
    assertThat(s(new ChrfMetric(6, 0, 2, true, false, false), "ÉCOLE Straße", "école strasse"))
        .isCloseTo(70.23134504616002, within(EPS));
    assertThat(s(chrfpp, "(hi) there!", "(hi) there !")).isCloseTo(100.0, within(EPS));
  }

  @Test
  void punctuationSplittingForWordNgrams() {
    assertThat(ChrfMetric.removePunctuation("(hi) there! ok . a, ,b"))
        .containsExactly("(hi", ")", "there", "!", "ok", ".", "a", ",", ",", "b");
  }

  @Test
  void multiReferencePicksBestF() {
    assertThat(s(chrf, "the cat", "a dog", "the cat")).isCloseTo(100.0, within(EPS));
    assertThat(chrf.corpus(List.of("the cat", "dog"),
        List.of(List.of("xyz", "dog"), List.of("the cat", "abc"))).score())
        .isCloseTo(100.0, within(EPS));
  }

  @Test
  void providerIsRegisteredAndStrict() {
    MetricProvider p = ServiceLoader.load(MetricProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(x -> x.name().equals("chrf")).findFirst()
        .orElseThrow();
    assertThat(p.create(StageSpec.of("chrf")).corpus(BleuMetricTest.HYPS, BleuMetricTest.REFS)
        .score()).isCloseTo(59.72751782684763, within(EPS));
    assertThat(p.create(StageSpec.of("chrf", Map.of("wordOrder", 2)))
        .corpus(BleuMetricTest.HYPS, BleuMetricTest.REFS).score())
        .isCloseTo(59.15310444399262, within(EPS));
    assertThatThrownBy(() -> p.create(StageSpec.of("chrf", Map.of("word_order", 2))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("word_order");
    assertThatThrownBy(() -> p.create(StageSpec.of("chrf", Map.of("wordOrder", -1))))
        .isInstanceOf(ConfigException.class);
  }
}
