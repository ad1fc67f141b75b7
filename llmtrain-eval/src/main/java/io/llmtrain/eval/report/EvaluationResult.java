package io.llmtrain.eval.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed result of an evaluation: every metric on every task, the training run's
 * overfitting view when the model came from a run with a metrics log, and provenance (model
 * directory and checkpoint, data hashes, seed, configuration).
 */
public record EvaluationResult(String model, List<MetricResult> metrics,
    OverfittingView overfitting, Map<String, Object> provenance) {
  public EvaluationResult {
    Objects.requireNonNull(model, "model");
    metrics = List.copyOf(metrics);
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The value of {@code metric} on {@code task}. */
  public MetricResult metric(String task, String metric) {
    return metrics.stream().filter(m -> m.task().equals(task) && m.metric().equals(metric))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no metric '" + metric
            + "' on task '" + task + "'; have " + metrics.stream()
                .map(m -> m.task() + "/" + m.metric()).toList()));
  }

  public Optional<OverfittingView> overfittingView() {
    return Optional.ofNullable(overfitting);
  }
}
