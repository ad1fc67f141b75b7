package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU as computed by sacrebleu 2.x: corpus-level sums of clipped n-gram statistics (clipping by
 * the maximum count over references, closest reference length with ties to the shorter), the
 * brevity penalty and smoothing ({@code exp} by default; {@code floor}, {@code add-k}, {@code
 * none}). {@link #sentence} is sacrebleu's {@code sentence_bleu}: the same smoothing with the
 * effective order. Scores are on the 0-100 scale.
 */
public final class BleuMetric implements TextMetric {

  /** sacrebleu's smoothing methods (Chen and Cherry 2014). */
  public enum Smoothing {
    NONE(Double.NaN), FLOOR(0.1), ADD_K(1.0), EXP(Double.NaN);

    final double defaultValue;

    Smoothing(double defaultValue) {
      this.defaultValue = defaultValue;
    }
  }

  public static final int MAX_NGRAM_ORDER = 4;

  private final BleuTokenizer tokenizer;
  private final boolean lowercase;
  private final Smoothing smoothing;
  private final double smoothValue;
  private final int maxOrder;

  public BleuMetric() {
    this(BleuTokenizer._13A, false, Smoothing.EXP, Double.NaN);
  }

  /** {@code smoothValue} NaN means the method's default (0.1 for floor, 1 for add-k). */
  public BleuMetric(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing,
      double smoothValue) {
    this(tokenizer, lowercase, smoothing, smoothValue, MAX_NGRAM_ORDER);
  }

  public BleuMetric(BleuTokenizer tokenizer, boolean lowercase, Smoothing smoothing,
      double smoothValue, int maxOrder) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.lowercase = lowercase;
    this.smoothing = Objects.requireNonNull(smoothing, "smoothing");
    this.smoothValue = Double.isNaN(smoothValue) ? smoothing.defaultValue : smoothValue;
    if (maxOrder < 1) {
      throw new IllegalArgumentException("maxOrder must be at least 1, got " + maxOrder);
    }
    this.maxOrder = maxOrder;
  }

  @Override
  public String name() {
    return "bleu";
  }

  @Override
  public Score corpus(List<String> hypotheses, List<List<String>> references) {
    checkCorpus(hypotheses, references);
    long[] stats = new long[2 + 2 * maxOrder];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : references) {
        refs.add(stream.get(i));
      }
      add(stats, segmentStats(hypotheses.get(i), refs, i));
    }
    return compute(stats, false);
  }

  @Override
  public Score sentence(String hypothesis, List<String> references) {
    Objects.requireNonNull(hypothesis, "hypothesis");
    Objects.requireNonNull(references, "references");
    return compute(segmentStats(hypothesis, references, 0), true);
  }

  /**
   * sacrebleu's sufficient statistics of one segment: {@code [hyp_len, ref_len, correct_1..N,
   * total_1..N]} (the reference length is the closest one, ties to the shorter).
   */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    Objects.requireNonNull(hypothesis, "hypothesis");
    Objects.requireNonNull(references, "references");
    return asStatistics(segmentStats(hypothesis, references, 0));
  }

  /** Sums the statistics and scores them as {@link #corpus} does (no effective order). */
  @Override
  public Score aggregate(List<double[]> statistics) {
    return compute(sumCounts(statistics, 2 + 2 * maxOrder, name()), false);
  }

  /** Integer counts as the {@code double[]} that {@code statistics} returns. */
  static double[] asStatistics(long[] counts) {
    double[] out = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      out[k] = counts[k];
    }
    return out;
  }

  /**
   * Sums integer count statistics exactly; refuses arrays of another width or non-integral values
   * (they cannot come from {@code statistics}, so they signal mixed-up metrics).
   */
  static long[] sumCounts(List<double[]> statistics, int width, String metric) {
    Objects.requireNonNull(statistics, "statistics");
    long[] acc = new long[width];
    for (int i = 0; i < statistics.size(); i++) {
      double[] s = statistics.get(i);
      if (s == null || s.length != width) {
        throw new IllegalArgumentException("statistics " + (i + 1) + " of " + metric + " must have "
            + width + " values, got " + (s == null ? "null" : s.length));
      }
      for (int k = 0; k < width; k++) {
        long v = (long) s[k];
        if (v != s[k] || v < 0) {
          throw new IllegalArgumentException("statistics " + (i + 1) + " of " + metric
              + " must be non-negative counts, got " + s[k] + " at position " + k);
        }
        acc[k] += v;
      }
    }
    return acc;
  }

  static void checkCorpus(List<String> hypotheses, List<List<String>> references) {
    Objects.requireNonNull(hypotheses, "hypotheses");
    Objects.requireNonNull(references, "references");
    if (references.isEmpty()) {
      throw new IllegalArgumentException("No reference streams given");
    }
    for (int r = 0; r < references.size(); r++) {
      if (references.get(r).size() != hypotheses.size()) {
        throw new IllegalArgumentException("Reference stream " + (r + 1) + " has "
            + references.get(r).size() + " lines but there are " + hypotheses.size()
            + " hypotheses");
      }
    }
    for (int i = 0; i < hypotheses.size(); i++) {
      if (hypotheses.get(i) == null) {
        throw new IllegalArgumentException("Hypothesis " + (i + 1) + " is null");
      }
    }
  }

  private static void add(long[] acc, long[] s) {
    for (int k = 0; k < acc.length; k++) {
      acc[k] += s[k];
    }
  }

  private String preprocess(String s) {
    if (lowercase) {
      s = PyText.lower(s);
    }
    return tokenizer.tokenize(PyText.rstrip(s));
  }

  private Map<List<String>, Integer> ngrams(List<String> tokens) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int n = 1; n <= maxOrder; n++) {
      for (int i = 0; i + n <= tokens.size(); i++) {
        counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** [hypLen, refLen, correct_1..N, total_1..N]; null references are skipped. */
  private long[] segmentStats(String hypothesis, List<String> references, int index) {
    Map<List<String>, Integer> refNgrams = new HashMap<>();
    List<Integer> refLens = new ArrayList<>();
    for (String ref : references) {
      if (ref == null) {
        continue;
      }
      List<String> tokens = PyText.split(preprocess(ref));
      refLens.add(tokens.size());
      for (Map.Entry<List<String>, Integer> e : ngrams(tokens).entrySet()) {
        refNgrams.merge(e.getKey(), e.getValue(), Math::max);
      }
    }
    if (refLens.isEmpty()) {
      throw new IllegalArgumentException("Segment " + (index + 1) + " has no reference");
    }
    List<String> hypTokens = PyText.split(preprocess(hypothesis));
    int hypLen = hypTokens.size();
    int closestDiff = -1;
    int closestLen = -1;
    for (int len : refLens) {
      int diff = Math.abs(hypLen - len);
      if (closestDiff == -1 || diff < closestDiff) {
        closestDiff = diff;
        closestLen = len;
      } else if (diff == closestDiff && len < closestLen) {
        closestLen = len;
      }
    }
    long[] stats = new long[2 + 2 * maxOrder];
    stats[0] = hypLen;
    stats[1] = closestLen;
    for (Map.Entry<List<String>, Integer> e : ngrams(hypTokens).entrySet()) {
      int n = e.getKey().size() - 1;
      stats[2 + maxOrder + n] += e.getValue();
      Integer refCount = refNgrams.get(e.getKey());
      if (refCount != null) {
        stats[2 + n] += Math.min(e.getValue(), refCount);
      }
    }
    return stats;
  }

  private static double myLog(double x) {
    return x == 0.0 ? -9999999999.0 : Math.log(x);
  }

  /** sacrebleu's {@code compute_bleu} over summed statistics. */
  Score compute(long[] stats, boolean effectiveOrder) {
    long sysLen = stats[0];
    long refLen = stats[1];
    long[] counts = new long[maxOrder];
    long[] totals = new long[maxOrder];
    System.arraycopy(stats, 2, counts, 0, maxOrder);
    System.arraycopy(stats, 2 + maxOrder, totals, 0, maxOrder);
    double bp = 1.0;
    if (sysLen < refLen) {
      bp = sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0;
    }
    double[] precisions = new double[maxOrder];
    boolean anyCorrect = false;
    for (long c : counts) {
      anyCorrect |= c != 0;
    }
    double score = 0.0;
    if (anyCorrect) {
      double smoothMteval = 1.0;
      int effOrder = maxOrder;
      for (int n = 1; n <= maxOrder; n++) {
        double correct = counts[n - 1];
        double total = totals[n - 1];
        if (smoothing == Smoothing.ADD_K && n > 1) {
          correct += smoothValue;
          total += smoothValue;
        }
        if (total == 0) {
          break;
        }
        if (effectiveOrder) {
          effOrder = n;
        }
        if (correct == 0) {
          if (smoothing == Smoothing.EXP) {
            smoothMteval *= 2;
            precisions[n - 1] = 100.0 / (smoothMteval * total);
          } else if (smoothing == Smoothing.FLOOR) {
            precisions[n - 1] = 100.0 * smoothValue / total;
          }
        } else {
          precisions[n - 1] = 100.0 * correct / total;
        }
      }
      double logSum = 0.0;
      for (int k = 0; k < effOrder; k++) {
        logSum += myLog(precisions[k]);
      }
      score = bp * Math.exp(logSum / effOrder);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("precisions", toList(precisions));
    details.put("bp", bp);
    details.put("sys_len", sysLen);
    details.put("ref_len", refLen);
    details.put("counts", toList(counts));
    details.put("totals", toList(totals));
    details.put("tokenize", tokenizer.label());
    details.put("lowercase", lowercase);
    details.put("smoothing", smoothing.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    details.put("effective_order", effectiveOrder);
    return new Score(name(), score, details);
  }

  private static List<Double> toList(double[] a) {
    List<Double> out = new ArrayList<>(a.length);
    for (double d : a) {
      out.add(d);
    }
    return List.copyOf(out);
  }

  private static List<Long> toList(long[] a) {
    List<Long> out = new ArrayList<>(a.length);
    for (long d : a) {
      out.add(d);
    }
    return List.copyOf(out);
  }
}
