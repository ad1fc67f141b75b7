package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bootstrap contract of every text metric: aggregating the segments' statistics gives exactly
 * the corpus score and details, for the whole corpus and for a resample of it (segments repeated
 * and reordered), on English, Portuguese and other scripts, one or two references, and empty
 * hypotheses.
 */
class StatisticsAggregateTest {

  static Stream<TextMetric> metrics() {
    return Stream.of(
        new BleuMetric(),
        new BleuMetric(BleuTokenizer._13A, false, BleuMetric.Smoothing.FLOOR, Double.NaN),
        new BleuMetric(BleuTokenizer._13A, true, BleuMetric.Smoothing.ADD_K, 1.0),
        new BleuMetric(BleuTokenizer.INTL, false, BleuMetric.Smoothing.NONE, Double.NaN),
        new BleuMetric(BleuTokenizer.NONE, false, BleuMetric.Smoothing.EXP, Double.NaN, 2),
        new ChrfMetric(),
        ChrfMetric.chrfPlusPlus(),
        new ChrfMetric(6, 2, 2, true, false, true),
        new ChrfMetric(4, 0, 1, false, true, false),
        new RougeMetric(),
        new RougeMetric(List.of("rougeLsum", "rouge3", "rouge1"), true),
        new ExactMatchMetric(),
        new TokenF1Metric());
  }

  private static List<double[]> statistics(TextMetric m, List<String> hyps,
      List<List<String>> refs) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < hyps.size(); i++) {
      List<String> mine = new ArrayList<>();
      for (List<String> r : refs) {
        mine.add(r.get(i));
      }
      out.add(m.statistics(hyps.get(i), mine));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void aggregateOfAllSegmentsIsTheCorpusScoreWithTwoReferences(TextMetric m) {
    List<String> hyps = SegmentCorpus.HYPS;
    Score corpus = m.corpus(hyps, SegmentCorpus.refs());
    Score aggregated = m.aggregate(statistics(m, hyps, SegmentCorpus.refs()));
    assertThat(aggregated).isEqualTo(corpus);
    // not a degenerate corpus: the score is strictly between its extremes
    assertThat(corpus.score()).isGreaterThan(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void aggregateIsTheCorpusScoreWithOneReference(TextMetric m) {
    List<List<String>> refs = List.of(SegmentCorpus.REF2);
    assertThat(m.aggregate(statistics(m, SegmentCorpus.HYPS, refs)))
        .isEqualTo(m.corpus(SegmentCorpus.HYPS, refs));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void aggregateOfAResampleIsTheCorpusScoreOfTheResampledCorpus(TextMetric m) {
    // the indices a bootstrap draw might give: repeats, gaps, any order
    int[] idx = {3, 3, 0, 15, 7, 5, 5, 5, 12, 1, 9, 13, 13, 10, 2, 6};
    List<double[]> all = statistics(m, SegmentCorpus.HYPS, SegmentCorpus.refs());
    List<double[]> drawn = new ArrayList<>();
    List<String> hyps = new ArrayList<>();
    List<String> r1 = new ArrayList<>();
    List<String> r2 = new ArrayList<>();
    for (int i : idx) {
      drawn.add(all.get(i));
      hyps.add(SegmentCorpus.HYPS.get(i));
      r1.add(SegmentCorpus.REF1.get(i));
      r2.add(SegmentCorpus.REF2.get(i));
    }
    assertThat(m.aggregate(drawn)).isEqualTo(m.corpus(hyps, List.of(r1, r2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void emptyHypothesesAndEmptyCorporaAggregateLikeTheCorpus(TextMetric m) {
    List<String> empty = List.of("", "", "");
    List<List<String>> refs = List.of(SegmentCorpus.REF1.subList(0, 3));
    Score corpus = m.corpus(empty, refs);
    assertThat(m.aggregate(statistics(m, empty, refs))).isEqualTo(corpus);
    assertThat(corpus.score()).isZero();
    assertThat(m.aggregate(List.of())).isEqualTo(m.corpus(List.of(), List.of(List.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void shortSegmentsWithoutHigherOrderNgramsAggregateLikeTheCorpus(TextMetric m) {
    // no 3- or 4-grams at all: where BLEU's corpus and sentence (effective order) scores differ
    List<String> hyps = List.of("Obrigado!", "Sim.", "Bom dia", "Olá");
    List<List<String>> refs = List.of(List.of("Obrigado!", "Sim, claro.", "Bom dia", "Oi"));
    Score corpus = m.corpus(hyps, refs);
    assertThat(m.aggregate(statistics(m, hyps, refs))).isEqualTo(corpus);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void statisticsOfAnotherShapeAreRefused(TextMetric m) {
    int width = m.statistics("a b c", List.of("a b d")).length;
    double[] wrong = new double[width + 1];
    assertThatThrownBy(() -> m.aggregate(List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statistics 1").hasMessageContaining(String.valueOf(width));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metrics")
  void sentenceStatisticsAggregateToTheSentenceCorpus(TextMetric m) {
    // a one-segment corpus: the aggregate of that segment equals corpus of that segment
    String hyp = SegmentCorpus.HYPS.get(8);
    List<String> refs = List.of(SegmentCorpus.REF1.get(8), SegmentCorpus.REF2.get(8));
    double[] s = m.statistics(hyp, refs);
    assertThat(m.aggregate(List.of(s))).isEqualTo(
        m.corpus(List.of(hyp), List.of(List.of(refs.get(0)), List.of(refs.get(1)))));
    assertThat(Arrays.stream(s).allMatch(Double::isFinite)).isTrue();
  }

  @org.junit.jupiter.api.Test
  void bleuCountsMustBeWholeNonNegativeNumbers() {
    BleuMetric m = new BleuMetric();
    double[] s = m.statistics("the cat", List.of("the cat sat"));
    s[2] = 0.5;
    assertThatThrownBy(() -> m.aggregate(List.of(s)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counts");
  }
}
