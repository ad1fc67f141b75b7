package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Percentile bootstrap intervals of corpus scores and of per-item means. */
class BootstrapTest {
  private static final List<TextMetric> METRICS = List.of(new BleuMetric(), new ChrfMetric(),
      ChrfMetric.chrfPlusPlus(), new RougeMetric(), new TokenF1Metric());

  private static double width(ConfidenceInterval ci) {
    return ci.high() - ci.low();
  }

  private static List<List<String>> refs(int times) {
    return List.of(SegmentCorpus.repeat(SegmentCorpus.REF1, times),
        SegmentCorpus.repeat(SegmentCorpus.REF2, times));
  }

  @Test
  void intervalContainsTheCorpusScoreAndHasTheRequestedShape() {
    Bootstrap b = Bootstrap.builder().samples(500).build();
    for (TextMetric m : METRICS) {
      double score = m.corpus(SegmentCorpus.HYPS, SegmentCorpus.refs()).score();
      ConfidenceInterval ci = b.interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
      assertThat(score).as(m.name()).isBetween(ci.low(), ci.high());
      assertThat(ci.low()).as(m.name()).isLessThan(ci.high());
      assertThat(ci.mean()).as(m.name()).isBetween(ci.low(), ci.high());
      assertThat(ci.stdev()).as(m.name()).isPositive();
      assertThat(ci.samples()).isEqualTo(500);
      assertThat(ci.level()).isEqualTo(0.95);
      assertThat(ci.seed()).isEqualTo(Bootstrap.DEFAULT_SEED);
    }
  }

  @Test
  void intervalNarrowsWhenTheCorpusGrowsFourfold() {
    Bootstrap b = Bootstrap.builder().samples(400).seed(7).build();
    for (TextMetric m : METRICS) {
      ConfidenceInterval small = b.interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
      ConfidenceInterval large = b.interval(m, SegmentCorpus.repeat(SegmentCorpus.HYPS, 4),
          refs(4));
      // the standard error of a mean-like statistic halves with 4x the segments
      assertThat(width(large)).as(m.name()).isLessThan(0.75 * width(small));
      assertThat(large.stdev()).as(m.name()).isLessThan(0.75 * small.stdev());
    }
  }

  @Test
  void aHigherLevelGivesAWiderInterval() {
    TextMetric m = new BleuMetric();
    ConfidenceInterval ci90 = Bootstrap.builder().level(0.90).build()
        .interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    ConfidenceInterval ci99 = Bootstrap.builder().level(0.99).build()
        .interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    assertThat(ci99.low()).isLessThanOrEqualTo(ci90.low());
    assertThat(ci99.high()).isGreaterThanOrEqualTo(ci90.high());
    assertThat(width(ci99)).isGreaterThan(width(ci90));
    // same seed and samples: the same resamples, so the same mean
    assertThat(ci99.mean()).isEqualTo(ci90.mean());
  }

  @Test
  void sameSeedSameIntervalOtherSeedOtherInterval() {
    TextMetric m = new ChrfMetric();
    ConfidenceInterval a = Bootstrap.builder().seed(42).build()
        .interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    ConfidenceInterval again = Bootstrap.builder().seed(42).build()
        .interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    ConfidenceInterval other = Bootstrap.builder().seed(43).build()
        .interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    assertThat(again).isEqualTo(a);
    assertThat(other.mean()).isNotEqualTo(a.mean());
    assertThat(other.stdev()).isNotEqualTo(a.stdev());
  }

  @Test
  void aOneSegmentCorpusHasAZeroWidthIntervalAtItsScore() {
    for (TextMetric m : METRICS) {
      List<String> hyp = List.of(SegmentCorpus.HYPS.get(3));
      List<List<String>> refs = List.of(List.of(SegmentCorpus.REF1.get(3)));
      double score = m.corpus(hyp, refs).score();
      ConfidenceInterval ci = Bootstrap.defaults().interval(m, hyp, refs);
      assertThat(ci.low()).as(m.name()).isEqualTo(score);
      assertThat(ci.high()).as(m.name()).isEqualTo(score);
      assertThat(ci.stdev()).as(m.name()).isZero();
    }
  }

  @Test
  void rougeGetsOneIntervalPerTypeFromTheSameResamples() {
    RougeMetric m = new RougeMetric();
    Score corpus = m.corpus(SegmentCorpus.HYPS, SegmentCorpus.refs());
    Map<String, ToDoubleFunction<Score>> values = new LinkedHashMap<>();
    for (String t : m.types()) {
      values.put(t, s -> fmeasure(s, t));
    }
    Bootstrap b = Bootstrap.builder().samples(300).build();
    Map<String, ConfidenceInterval> cis = b.intervals(m,
        Bootstrap.statistics(m, SegmentCorpus.HYPS, SegmentCorpus.refs()), values);
    assertThat(cis.keySet()).containsExactlyElementsOf(m.types());
    for (String t : m.types()) {
      assertThat(fmeasure(corpus, t)).as(t).isBetween(cis.get(t).low(), cis.get(t).high());
    }
    // the headline (first type's F) interval is the rouge1 one
    assertThat(b.interval(m, SegmentCorpus.HYPS, SegmentCorpus.refs()))
        .isEqualTo(cis.get("rouge1"));
  }

  @SuppressWarnings("unchecked")
  private static double fmeasure(Score s, String type) {
    return (Double) ((Map<String, Object>) s.details().get(type)).get("fmeasure");
  }

  @Test
  void meanOfPerItemValuesMatchesTheMetricPathAndTheStandardError() {
    // per-item exact match values of the corpus, as a model-based metric would hand them over
    ExactMatchMetric em = new ExactMatchMetric();
    List<String> hyps = SegmentCorpus.repeat(SegmentCorpus.HYPS, 8);
    List<List<String>> refs = refs(8);
    double[] values = new double[hyps.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = em.value(hyps.get(i), List.of(refs.get(0).get(i), refs.get(1).get(i)));
    }
    Bootstrap b = Bootstrap.builder().samples(2000).seed(3).build();
    ConfidenceInterval viaMean = b.mean(values);
    ConfidenceInterval viaMetric = b.interval(em, hyps, refs);
    // same seed, same draws: the metric's interval is 100x the mean's
    assertThat(viaMetric.low()).isCloseTo(100 * viaMean.low(), within(1e-9));
    assertThat(viaMetric.high()).isCloseTo(100 * viaMean.high(), within(1e-9));
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double sd = 0;
    for (double v : values) {
      sd += (v - mean) * (v - mean);
    }
    double standardError = Math.sqrt(sd / values.length) / Math.sqrt(values.length);
    assertThat(mean).isBetween(viaMean.low(), viaMean.high());
    assertThat(viaMean.mean()).isCloseTo(mean, within(standardError / 5));
    // with replacement, the bootstrap standard deviation estimates the standard error
    assertThat(viaMean.stdev()).isCloseTo(standardError, within(0.1 * standardError));
  }

  @Test
  void meanOfOneItemOrOfEqualItemsHasZeroWidth() {
    ConfidenceInterval one = Bootstrap.defaults().mean(new double[] {2.5});
    assertThat(one.low()).isEqualTo(2.5);
    assertThat(one.high()).isEqualTo(2.5);
    ConfidenceInterval same = Bootstrap.defaults().mean(new double[] {0.25, 0.25, 0.25});
    assertThat(same.high() - same.low()).isZero();
  }

  @Test
  void percentilesInterpolateAsNumpy() {
    // numpy's documented example: np.percentile([[10, 7, 4], [3, 2, 1]], 50) == 3.5
    assertThat(Bootstrap.percentile(new double[] {1, 2, 3, 4, 7, 10}, 0.5)).isEqualTo(3.5);
    assertThat(Bootstrap.percentile(new double[] {1, 2, 3, 4}, 0.25)).isEqualTo(1.75);
    assertThat(Bootstrap.percentile(new double[] {1, 2, 3, 4}, 1.0)).isEqualTo(4.0);
    assertThat(Bootstrap.percentile(new double[] {5}, 0.025)).isEqualTo(5.0);
  }

  @Test
  void drawsAreUniformOverSegmentIndices() {
    Bootstrap.SplitMix64 rng = new Bootstrap.SplitMix64(1);
    int[] counts = new int[7];
    int draws = 70_000;
    for (int i = 0; i < draws; i++) {
      counts[rng.nextInt(7)]++;
    }
    for (int c : counts) {
      // 10k expected, sd ~93: 5 sd
      assertThat(c).isBetween(9_535, 10_465);
    }
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> Bootstrap.builder().samples(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("samples");
    assertThatThrownBy(() -> Bootstrap.builder().level(1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
    assertThatThrownBy(() -> Bootstrap.builder().level(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
    assertThatThrownBy(() -> Bootstrap.builder().level(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level");
    Bootstrap b = Bootstrap.defaults();
    assertThatThrownBy(() -> b.interval(new BleuMetric(), new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("statistics");
    assertThatThrownBy(() -> b.mean(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values");
    assertThatThrownBy(() -> b.mean(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("values[1]");
    assertThatThrownBy(() -> b.interval(new BleuMetric(), List.of("a", "b"),
        List.of(List.of("a"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Reference stream 1");
  }
}
