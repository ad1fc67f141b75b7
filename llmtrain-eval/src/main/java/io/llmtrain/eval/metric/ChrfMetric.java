package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * chrF and chrF++ as computed by sacrebleu 2.x: character n-grams (orders 1..6 by default) over
 * code points with Python whitespace removed, optional word n-grams (chrF++: word order 2, with
 * sacrebleu's punctuation splitting), the best reference per segment by F score, statistics
 * summed over the corpus, and the F-beta (beta 2) of the precision and recall averaged over the
 * effective orders. Scores are on the 0-100 scale.
 */
public final class ChrfMetric implements TextMetric {
  public static final int CHAR_ORDER = 6;
  public static final int BETA = 2;

  private static final Set<Integer> PUNCTS =
      "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".chars().boxed().collect(java.util.stream.Collectors.toSet());

  private final int charOrder;
  private final int wordOrder;
  private final int beta;
  private final boolean lowercase;
  private final boolean whitespace;
  private final boolean epsSmoothing;

  /** chrF2: char order 6, word order 0, beta 2. */
  public ChrfMetric() {
    this(CHAR_ORDER, 0, BETA, false, false, false);
  }

  public ChrfMetric(int charOrder, int wordOrder, int beta, boolean lowercase,
      boolean whitespace, boolean epsSmoothing) {
    if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0) {
      throw new IllegalArgumentException("charOrder and wordOrder must be >= 0, not both 0");
    }
    if (beta < 0) {
      throw new IllegalArgumentException("beta must be >= 0, got " + beta);
    }
    this.charOrder = charOrder;
    this.wordOrder = wordOrder;
    this.beta = beta;
    this.lowercase = lowercase;
    this.whitespace = whitespace;
    this.epsSmoothing = epsSmoothing;
  }

  /** chrF++ (word order 2). */
  public static ChrfMetric chrfPlusPlus() {
    return new ChrfMetric(CHAR_ORDER, 2, BETA, false, false, false);
  }

  @Override
  public String name() {
    return "chrf";
  }

  private int order() {
    return charOrder + wordOrder;
  }

  @Override
  public Score corpus(List<String> hypotheses, List<List<String>> references) {
    BleuMetric.checkCorpus(hypotheses, references);
    long[] stats = new long[3 * order()];
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : references) {
        refs.add(stream.get(i));
      }
      long[] s = segmentStats(hypotheses.get(i), refs, i);
      for (int k = 0; k < stats.length; k++) {
        stats[k] += s[k];
      }
    }
    return score(stats);
  }

  @Override
  public Score sentence(String hypothesis, List<String> references) {
    Objects.requireNonNull(hypothesis, "hypothesis");
    Objects.requireNonNull(references, "references");
    return score(segmentStats(hypothesis, references, 0));
  }

  /**
   * sacrebleu's chrF statistics of one segment against its best reference: for each char order
   * then each word order, {@code [hyp n-grams, ref n-grams, matches]}.
   */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    Objects.requireNonNull(hypothesis, "hypothesis");
    Objects.requireNonNull(references, "references");
    return BleuMetric.asStatistics(segmentStats(hypothesis, references, 0));
  }

  /** Sums the statistics and scores them as {@link #corpus} does. */
  @Override
  public Score aggregate(List<double[]> statistics) {
    return score(BleuMetric.sumCounts(statistics, 3 * order(), name()));
  }

  private Score score(long[] stats) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("char_order", charOrder);
    details.put("word_order", wordOrder);
    details.put("beta", beta);
    List<Long> list = new ArrayList<>();
    for (long s : stats) {
      list.add(s);
    }
    details.put("stats", List.copyOf(list));
    return new Score(name(), fScore(stats), details);
  }

  private String preprocess(String s) {
    return lowercase ? PyText.lower(s) : s;
  }

  /** Counters for char orders 1..charOrder then word orders 1..wordOrder. */
  private List<Map<String, Integer>> extract(String line) {
    List<Map<String, Integer>> out = new ArrayList<>();
    int[] cps = whitespace ? line.codePoints().toArray() : PyText.codePointsWithoutSpace(line);
    for (int n = 1; n <= charOrder; n++) {
      Map<String, Integer> c = new HashMap<>();
      for (int i = 0; i + n <= cps.length; i++) {
        c.merge(new String(cps, i, n), 1, Integer::sum);
      }
      out.add(c);
    }
    if (wordOrder > 0) {
      List<String> words = removePunctuation(line);
      for (int n = 1; n <= wordOrder; n++) {
        Map<String, Integer> c = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
          c.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        out.add(c);
      }
    }
    return out;
  }

  /** sacrebleu's word splitting for chrF++: one leading or trailing ASCII punctuation mark. */
  static List<String> removePunctuation(String sent) {
    List<String> out = new ArrayList<>();
    for (String w : PyText.split(sent)) {
      int len = PyText.codePointLength(w);
      if (len == 1) {
        out.add(w);
        continue;
      }
      int last = w.codePointBefore(w.length());
      int first = w.codePointAt(0);
      if (PUNCTS.contains(last)) {
        int cut = w.length() - Character.charCount(last);
        out.add(w.substring(0, cut));
        out.add(w.substring(cut));
      } else if (PUNCTS.contains(first)) {
        int cut = Character.charCount(first);
        out.add(w.substring(0, cut));
        out.add(w.substring(cut));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private long[] segmentStats(String hypothesis, List<String> references, int index) {
    List<Map<String, Integer>> hyp = extract(preprocess(hypothesis));
    long[] best = null;
    double bestF = -1.0;
    for (String ref : references) {
      if (ref == null) {
        continue;
      }
      List<Map<String, Integer>> r = extract(preprocess(ref));
      long[] stats = new long[3 * order()];
      for (int k = 0; k < order(); k++) {
        Map<String, Integer> h = hyp.get(k);
        Map<String, Integer> rr = r.get(k);
        long match = 0;
        long hypCount = 0;
        for (Map.Entry<String, Integer> e : h.entrySet()) {
          hypCount += e.getValue();
          Integer rc = rr.get(e.getKey());
          if (rc != null) {
            match += Math.min(e.getValue(), rc);
          }
        }
        long refCount = 0;
        for (int v : rr.values()) {
          refCount += v;
        }
        stats[3 * k] = rr.isEmpty() ? 0 : hypCount;
        stats[3 * k + 1] = refCount;
        stats[3 * k + 2] = match;
      }
      double f = fScore(stats);
      if (f > bestF) {
        bestF = f;
        best = stats;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("Segment " + (index + 1) + " has no reference");
    }
    return best;
  }

  /** sacrebleu's {@code _compute_f_score}. */
  double fScore(long[] stats) {
    double eps = 1e-16;
    double score = 0.0;
    int effectiveOrder = 0;
    double factor = Math.pow(beta, 2);
    double avgPrec = 0.0;
    double avgRec = 0.0;
    for (int i = 0; i < order(); i++) {
      long nHyp = stats[3 * i];
      long nRef = stats[3 * i + 1];
      long nMatch = stats[3 * i + 2];
      double prec = nHyp > 0 ? (double) nMatch / nHyp : eps;
      double rec = nRef > 0 ? (double) nMatch / nRef : eps;
      double denom = factor * prec + rec;
      score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
      if (nHyp > 0 && nRef > 0) {
        avgPrec += prec;
        avgRec += rec;
        effectiveOrder++;
      }
    }
    if (epsSmoothing) {
      return 100 * score / order();
    }
    if (effectiveOrder == 0) {
      avgPrec = 0.0;
      avgRec = 0.0;
    } else {
      avgPrec /= effectiveOrder;
      avgRec /= effectiveOrder;
    }
    if (avgPrec + avgRec != 0) {
      double s = (1 + factor) * avgPrec * avgRec;
      s /= (factor * avgPrec) + avgRec;
      return 100 * s;
    }
    return 0.0;
  }
}
