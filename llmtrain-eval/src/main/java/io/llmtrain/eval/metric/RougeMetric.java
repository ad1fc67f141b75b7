package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ROUGE-N, ROUGE-L and ROUGE-Lsum as Google's {@code rouge-score} computes them.
 *
 * <ul>
 *   <li>Tokenizer: lower-case, every run of characters other than {@code [a-z0-9]} becomes a
 *       space (so letters outside ASCII separate tokens), split on whitespace; with stemming,
 *       tokens longer than three characters go through the Porter stemmer ({@link PorterStem}).
 *   <li>{@code rougeN}: clipped n-gram overlap; precision over the hypothesis n-grams, recall
 *       over the reference n-grams, F = 2PR/(P+R) (0 when both are 0).
 *   <li>{@code rougeL}: longest common subsequence of the whole token sequences (newlines are
 *       ignored).
 *   <li>{@code rougeLsum}: text split on newlines (empty lines dropped), summary-level LCS: for
 *       each reference sentence the union of its LCS with every hypothesis sentence, each token
 *       counted at most as often as it occurs in both texts.
 *   <li>Several references: per type, the reference with the highest F wins (the first on ties),
 *       as {@code RougeScorer.score_multi}.
 *   <li>Corpus: the mean over segments of precision, recall and F per type (the centre of
 *       rouge-score's {@code BootstrapAggregator} without resampling).
 * </ul>
 *
 * The headline {@link Score#score()} is the F of the first requested type, on rouge-score's
 * 0-1 scale; {@code details} maps each type to {@code precision}, {@code recall} and {@code
 * fmeasure}. Empty hypotheses score 0.
 */
public final class RougeMetric implements TextMetric {
  public static final List<String> DEFAULT_TYPES = List.of("rouge1", "rouge2", "rougeL", "rougeLsum");
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
  private static final Pattern TYPE = Pattern.compile("rouge[1-9]|rougeL|rougeLsum");

  private final List<String> types;
  private final boolean stem;
  private final ThreadLocal<PorterStem> stemmer = ThreadLocal.withInitial(PorterStem::new);

  public RougeMetric(List<String> types, boolean stem) {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("At least one ROUGE type is needed");
    }
    for (String t : types) {
      if (!TYPE.matcher(t).matches()) {
        throw new IllegalArgumentException("Unknown ROUGE type '" + t
            + "': expected rouge1 to rouge9, rougeL or rougeLsum");
      }
    }
    this.types = List.copyOf(types);
    this.stem = stem;
  }

  public RougeMetric() {
    this(DEFAULT_TYPES, false);
  }

  @Override
  public String name() {
    return "rouge";
  }

  public List<String> types() {
    return types;
  }

  /** Precision, recall and F of one type. */
  public record Prf(double precision, double recall, double fmeasure) {
    static final Prf ZERO = new Prf(0, 0, 0);

    static Prf of(double p, double r) {
      return new Prf(p, r, p + r > 0 ? 2 * p * r / (p + r) : 0);
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("precision", precision);
      m.put("recall", recall);
      m.put("fmeasure", fmeasure);
      return m;
    }
  }

  /** rouge-score's tokenizer. */
  public List<String> tokenize(String text) {
    String s = NON_ALNUM.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    List<String> out = new ArrayList<>();
    PorterStem st = stem ? stemmer.get() : null;
    for (String tok : s.trim().split(" +")) {
      if (tok.isEmpty()) {
        continue;
      }
      out.add(st != null && tok.length() > 3 ? st.stem(tok) : tok);
    }
    return out;
  }

  /** Scores of each type against one reference, as {@code RougeScorer.score(target, prediction)}. */
  public Map<String, Prf> score(String reference, String hypothesis) {
    List<String> refTokens = tokenize(reference);
    List<String> hypTokens = tokenize(hypothesis);
    Map<String, Prf> result = new LinkedHashMap<>();
    for (String type : types) {
      Prf s;
      if (type.equals("rougeL")) {
        s = lcsScore(refTokens, hypTokens);
      } else if (type.equals("rougeLsum")) {
        s = summaryLcs(sentences(reference), sentences(hypothesis));
      } else {
        s = ngramScore(refTokens, hypTokens, type.charAt(5) - '0');
      }
      result.put(type, s);
    }
    return result;
  }

  /** Per type, the best reference by F (the first on ties), as {@code score_multi}. */
  public Map<String, Prf> scoreMulti(List<String> references, String hypothesis) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("ROUGE needs at least one reference");
    }
    Map<String, Prf> best = new LinkedHashMap<>();
    for (String ref : references) {
      for (Map.Entry<String, Prf> e : score(ref, hypothesis).entrySet()) {
        Prf old = best.get(e.getKey());
        if (old == null || e.getValue().fmeasure() > old.fmeasure()) {
          best.put(e.getKey(), e.getValue());
        }
      }
    }
    return best;
  }

  @Override
  public Score sentence(String hypothesis, List<String> references) {
    Map<String, Prf> s = scoreMulti(references, hypothesis);
    Map<String, Object> details = new LinkedHashMap<>();
    s.forEach((k, v) -> details.put(k, v.asMap()));
    return new Score(name(), s.get(types.get(0)).fmeasure(), details);
  }

  @Override
  public Score corpus(List<String> hypotheses, List<List<String>> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("ROUGE needs at least one reference stream");
    }
    for (int r = 0; r < references.size(); r++) {
      if (references.get(r).size() != hypotheses.size()) {
        throw new IllegalArgumentException("Reference stream " + (r + 1) + " has "
            + references.get(r).size() + " lines but there are " + hypotheses.size()
            + " hypotheses");
      }
    }
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (String t : types) {
      sums.put(t, new double[3]);
    }
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : references) {
        refs.add(stream.get(i));
      }
      for (Map.Entry<String, Prf> e : scoreMulti(refs, hypotheses.get(i)).entrySet()) {
        double[] acc = sums.get(e.getKey());
        acc[0] += e.getValue().precision();
        acc[1] += e.getValue().recall();
        acc[2] += e.getValue().fmeasure();
      }
    }
    int n = hypotheses.size();
    Map<String, Object> details = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      double[] a = e.getValue();
      Prf mean = n == 0 ? Prf.ZERO : new Prf(a[0] / n, a[1] / n, a[2] / n);
      details.put(e.getKey(), mean.asMap());
    }
    details.put("segments", n);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) details.get(types.get(0));
    return new Score(name(), (Double) first.get("fmeasure"), details);
  }

  /**
   * Precision, recall and F of each type in order ({@code [P1, R1, F1, P2, R2, F2...]}) against
   * the best reference per type: what rouge-score's aggregator averages.
   */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    Map<String, Prf> s = scoreMulti(references, hypothesis);
    double[] out = new double[3 * types.size()];
    for (int t = 0; t < types.size(); t++) {
      Prf p = s.get(types.get(t));
      out[3 * t] = p.precision();
      out[3 * t + 1] = p.recall();
      out[3 * t + 2] = p.fmeasure();
    }
    return out;
  }

  /** The mean of each component over the segments, as {@link #corpus}. */
  @Override
  public Score aggregate(List<double[]> statistics) {
    int width = 3 * types.size();
    double[] sum = new double[width];
    for (int i = 0; i < statistics.size(); i++) {
      double[] s = statistics.get(i);
      if (s == null || s.length != width) {
        throw new IllegalArgumentException("statistics " + (i + 1) + " of rouge must have "
            + width + " values (precision, recall, F of " + types + "), got "
            + (s == null ? "null" : s.length));
      }
      for (int k = 0; k < width; k++) {
        sum[k] += s[k];
      }
    }
    int n = statistics.size();
    Map<String, Object> details = new LinkedHashMap<>();
    for (int t = 0; t < types.size(); t++) {
      Prf mean = n == 0 ? Prf.ZERO
          : new Prf(sum[3 * t] / n, sum[3 * t + 1] / n, sum[3 * t + 2] / n);
      details.put(types.get(t), mean.asMap());
    }
    details.put("segments", n);
    return new Score(name(), n == 0 ? 0.0 : sum[2] / n, details);
  }

  private List<List<String>> sentences(String text) {
    List<List<String>> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.add(tokenize(line));
      }
    }
    return out;
  }

  static Prf ngramScore(List<String> ref, List<String> hyp, int n) {
    Map<List<String>, Integer> refGrams = ngrams(ref, n);
    Map<List<String>, Integer> hypGrams = ngrams(hyp, n);
    int overlap = 0;
    for (Map.Entry<List<String>, Integer> e : refGrams.entrySet()) {
      overlap += Math.min(e.getValue(), hypGrams.getOrDefault(e.getKey(), 0));
    }
    int refCount = Math.max(0, ref.size() - n + 1);
    int hypCount = Math.max(0, hyp.size() - n + 1);
    return Prf.of((double) overlap / Math.max(hypCount, 1), (double) overlap / Math.max(refCount, 1));
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      m.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return m;
  }

  static Prf lcsScore(List<String> ref, List<String> hyp) {
    if (ref.isEmpty() || hyp.isEmpty()) {
      return Prf.ZERO;
    }
    int lcs = lcsTable(ref, hyp)[ref.size()][hyp.size()];
    return Prf.of((double) lcs / hyp.size(), (double) lcs / ref.size());
  }

  private static int[][] lcsTable(List<String> ref, List<String> can) {
    int[][] t = new int[ref.size() + 1][can.size() + 1];
    for (int i = 1; i <= ref.size(); i++) {
      for (int j = 1; j <= can.size(); j++) {
        t[i][j] = ref.get(i - 1).equals(can.get(j - 1))
            ? t[i - 1][j - 1] + 1
            : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t;
  }

  /** Indices into {@code ref} of one LCS, with rouge-score's tie-breaking in the backtrack. */
  static List<Integer> lcsIndices(List<String> ref, List<String> can) {
    int[][] t = lcsTable(ref, can);
    List<Integer> out = new ArrayList<>();
    int i = ref.size();
    int j = can.size();
    while (i > 0 && j > 0) {
      if (ref.get(i - 1).equals(can.get(j - 1))) {
        out.add(0, i - 1);
        i--;
        j--;
      } else if (t[i][j - 1] > t[i - 1][j]) {
        j--;
      } else {
        i--;
      }
    }
    return out;
  }

  static Prf summaryLcs(List<List<String>> refSents, List<List<String>> hypSents) {
    if (refSents.isEmpty() || hypSents.isEmpty()) {
      return Prf.ZERO;
    }
    int m = refSents.stream().mapToInt(List::size).sum();
    int n = hypSents.stream().mapToInt(List::size).sum();
    if (m == 0 || n == 0) {
      return Prf.ZERO;
    }
    Map<String, Integer> refCounts = new HashMap<>();
    Map<String, Integer> hypCounts = new HashMap<>();
    refSents.forEach(s -> s.forEach(t -> refCounts.merge(t, 1, Integer::sum)));
    hypSents.forEach(s -> s.forEach(t -> hypCounts.merge(t, 1, Integer::sum)));
    int hits = 0;
    for (List<String> r : refSents) {
      TreeSet<Integer> union = new TreeSet<>();
      for (List<String> c : hypSents) {
        union.addAll(lcsIndices(r, c));
      }
      for (int idx : union) {
        String tok = r.get(idx);
        if (hypCounts.getOrDefault(tok, 0) > 0 && refCounts.getOrDefault(tok, 0) > 0) {
          hits++;
          hypCounts.merge(tok, -1, Integer::sum);
          refCounts.merge(tok, -1, Integer::sum);
        }
      }
    }
    return Prf.of((double) hits / n, (double) hits / m);
  }
}
