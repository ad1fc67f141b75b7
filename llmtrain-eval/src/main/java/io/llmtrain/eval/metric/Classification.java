package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Classification metrics from aligned gold and predicted labels: accuracy, per-label precision,
 * recall and F1, their unweighted (macro) means and the confusion matrix. Labels are the sorted
 * union of gold and predicted labels; a ratio with a zero denominator is 0 (scikit-learn's
 * {@code zero_division=0}), and macro means run over all those labels, as scikit-learn's
 * {@code average='macro'}.
 *
 * @param labels the labels, sorted
 * @param confusion {@code confusion[g][p]}: how many items of gold label {@code labels[g]} were
 *     predicted as {@code labels[p]}
 */
public record Classification(
    List<String> labels,
    long[][] confusion,
    double accuracy,
    Map<String, Double> precision,
    Map<String, Double> recall,
    Map<String, Double> f1,
    double macroPrecision,
    double macroRecall,
    double macroF1) {

  public static Classification of(List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("There are " + gold.size() + " gold labels but "
          + predicted.size() + " predictions");
    }
    TreeSet<String> set = new TreeSet<>(gold);
    set.addAll(predicted);
    List<String> labels = List.copyOf(set);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String l : labels) {
      index.put(l, index.size());
    }
    int k = labels.size();
    long[][] m = new long[k][k];
    long correct = 0;
    for (int i = 0; i < gold.size(); i++) {
      int g = index.get(gold.get(i));
      int p = index.get(predicted.get(i));
      m[g][p]++;
      if (g == p) {
        correct++;
      }
    }
    Map<String, Double> prec = new LinkedHashMap<>();
    Map<String, Double> rec = new LinkedHashMap<>();
    Map<String, Double> f = new LinkedHashMap<>();
    double sp = 0;
    double sr = 0;
    double sf = 0;
    for (int c = 0; c < k; c++) {
      long tp = m[c][c];
      long predictedC = 0;
      long goldC = 0;
      for (int j = 0; j < k; j++) {
        predictedC += m[j][c];
        goldC += m[c][j];
      }
      double p = predictedC == 0 ? 0 : (double) tp / predictedC;
      double r = goldC == 0 ? 0 : (double) tp / goldC;
      double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
      prec.put(labels.get(c), p);
      rec.put(labels.get(c), r);
      f.put(labels.get(c), f1);
      sp += p;
      sr += r;
      sf += f1;
    }
    double acc = gold.isEmpty() ? 0 : (double) correct / gold.size();
    return new Classification(labels, m, acc, prec, rec, f,
        k == 0 ? 0 : sp / k, k == 0 ? 0 : sr / k, k == 0 ? 0 : sf / k);
  }

  public Classification {
    labels = List.copyOf(labels);
    long[][] copy = new long[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    confusion = copy;
    precision = Map.copyOf(precision);
    recall = Map.copyOf(recall);
    f1 = Map.copyOf(f1);
  }

  /** A copy of the confusion matrix (rows gold, columns predicted). */
  @Override
  public long[][] confusion() {
    long[][] copy = new long[confusion.length][];
    for (int i = 0; i < confusion.length; i++) {
      copy[i] = confusion[i].clone();
    }
    return copy;
  }

  /** The confusion matrix as nested lists, for JSON reports. */
  public List<List<Long>> confusionRows() {
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : confusion) {
      List<Long> r = new ArrayList<>();
      for (long v : row) {
        r.add(v);
      }
      rows.add(List.copyOf(r));
    }
    return List.copyOf(rows);
  }
}
