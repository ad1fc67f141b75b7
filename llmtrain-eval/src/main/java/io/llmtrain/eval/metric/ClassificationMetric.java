package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classification scored as text: each hypothesis is a predicted label, the first reference stream
 * the gold labels (surrounding whitespace ignored, optionally case), so a model that generates
 * labels can be scored by {@code eval generate} and bootstrapped like any text metric. Registered
 * as {@code accuracy} and {@code macro-f1}; both report the whole {@link Classification}
 * (per-label precision, recall and F1, macro means, confusion matrix) in the details, on
 * scikit-learn's 0-1 scale.
 */
public final class ClassificationMetric implements TextMetric {
  /** Which number is the headline. */
  public enum Headline {
    ACCURACY("accuracy"), MACRO_F1("macro-f1");

    private final String metricName;

    Headline(String metricName) {
      this.metricName = metricName;
    }

    public String metricName() {
      return metricName;
    }
  }

  private final Headline headline;
  private final boolean lowercase;
  // Labels interned to numbers so per-segment statistics are plain doubles (for the bootstrap);
  // both guarded by labels' lock.
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> labels = new ArrayList<>();

  public ClassificationMetric(Headline headline, boolean lowercase) {
    this.headline = headline;
    this.lowercase = lowercase;
  }

  @Override
  public String name() {
    return headline.metricName();
  }

  private String label(String s) {
    String t = s.strip();
    return lowercase ? t.toLowerCase(Locale.ROOT) : t;
  }

  @Override
  public Score corpus(List<String> hypotheses, List<List<String>> references) {
    if (references.size() != 1) {
      throw new IllegalArgumentException(name() + " takes exactly one reference stream (the gold "
          + "labels), got " + references.size());
    }
    List<String> gold = references.get(0);
    if (gold.size() != hypotheses.size()) {
      throw new IllegalArgumentException("There are " + hypotheses.size() + " predictions but "
          + gold.size() + " gold labels");
    }
    List<String> g = new ArrayList<>(gold.size());
    List<String> p = new ArrayList<>(gold.size());
    for (int i = 0; i < gold.size(); i++) {
      g.add(label(gold.get(i)));
      p.add(label(hypotheses.get(i)));
    }
    return score(Classification.of(g, p), g.size());
  }

  @Override
  public Score sentence(String hypothesis, List<String> references) {
    if (references.size() != 1) {
      throw new IllegalArgumentException(name() + " takes exactly one gold label, got "
          + references.size());
    }
    return score(Classification.of(List.of(label(references.get(0))),
        List.of(label(hypothesis))), 1);
  }

  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    if (references.size() != 1) {
      throw new IllegalArgumentException(name() + " takes exactly one gold label, got "
          + references.size());
    }
    return new double[] {id(label(references.get(0))), id(label(hypothesis))};
  }

  @Override
  public Score aggregate(List<double[]> statistics) {
    List<String> g = new ArrayList<>(statistics.size());
    List<String> p = new ArrayList<>(statistics.size());
    synchronized (labels) {
      for (double[] s : statistics) {
        g.add(labels.get((int) s[0]));
        p.add(labels.get((int) s[1]));
      }
    }
    return score(Classification.of(g, p), g.size());
  }

  private int id(String label) {
    synchronized (labels) {
      return ids.computeIfAbsent(label, l -> {
        labels.add(l);
        return labels.size() - 1;
      });
    }
  }

  private Score score(Classification c, int items) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("accuracy", c.accuracy());
    d.put("macro_precision", c.macroPrecision());
    d.put("macro_recall", c.macroRecall());
    d.put("macro_f1", c.macroF1());
    d.put("labels", c.labels());
    d.put("precision", c.precision());
    d.put("recall", c.recall());
    d.put("f1", c.f1());
    d.put("confusion", c.confusionRows());
    d.put("items", items);
    return new Score(name(), headline == Headline.ACCURACY ? c.accuracy() : c.macroF1(), d);
  }
}
