package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/** Shared shape of exact match and token F1: max over references, corpus = 100 × mean. */
abstract class SquadMetric implements TextMetric {
  private final ToDoubleBiFunction<String, String> perReference;

  SquadMetric(ToDoubleBiFunction<String, String> perReference) {
    this.perReference = perReference;
  }

  /** The 0-1 value of one hypothesis: the best over its references. */
  public double value(String hypothesis, List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException(name() + " needs at least one reference");
    }
    double best = 0;
    for (String r : references) {
      best = Math.max(best, perReference.applyAsDouble(hypothesis, r));
    }
    return best;
  }

  @Override
  public Score sentence(String hypothesis, List<String> references) {
    return new Score(name(), 100 * value(hypothesis, references), Map.of());
  }

  /** The segment's 0-1 value (best over references). */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    return new double[] {value(hypothesis, references)};
  }

  /** 100 times the mean of the segments' values, as {@link #corpus}. */
  @Override
  public Score aggregate(List<double[]> statistics) {
    double sum = 0;
    for (int i = 0; i < statistics.size(); i++) {
      double[] s = statistics.get(i);
      if (s == null || s.length != 1) {
        throw new IllegalArgumentException("statistics " + (i + 1) + " of " + name()
            + " must have 1 value, got " + (s == null ? "null" : s.length));
      }
      sum += s[0];
    }
    int n = statistics.size();
    return new Score(name(), 100 * (n == 0 ? 0 : sum / n), Map.of("segments", n));
  }

  @Override
  public Score corpus(List<String> hypotheses, List<List<String>> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException(name() + " needs at least one reference stream");
    }
    for (int r = 0; r < references.size(); r++) {
      if (references.get(r).size() != hypotheses.size()) {
        throw new IllegalArgumentException("Reference stream " + (r + 1) + " has "
            + references.get(r).size() + " lines but there are " + hypotheses.size()
            + " hypotheses");
      }
    }
    double sum = 0;
    for (int i = 0; i < hypotheses.size(); i++) {
      List<String> refs = new ArrayList<>();
      for (List<String> stream : references) {
        refs.add(stream.get(i));
      }
      sum += value(hypotheses.get(i), refs);
    }
    double mean = hypotheses.isEmpty() ? 0 : sum / hypotheses.size();
    return new Score(name(), 100 * mean, Map.of("segments", hypotheses.size()));
  }
}
