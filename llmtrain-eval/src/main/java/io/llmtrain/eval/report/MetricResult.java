package io.llmtrain.eval.report;

import io.llmtrain.eval.metric.ConfidenceInterval;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One number of an evaluation: which task (data set) and metric produced it, its value on the
 * scale the reference tool prints, an optional bootstrap interval, and the metric's components.
 *
 * @param task what was evaluated, e.g. {@code validation}, {@code mc:hellaswag.jsonl}
 * @param metric the metric's name, e.g. {@code perplexity}, {@code acc_norm}, {@code bleu}
 * @param items how many items (documents, questions, segments) the value is over
 */
public record MetricResult(String task, String metric, double value, long items,
    ConfidenceInterval interval, Map<String, Object> details) {
  public MetricResult {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(metric, "metric");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public MetricResult(String task, String metric, double value, long items) {
    this(task, metric, value, items, null, Map.of());
  }

  public Optional<ConfidenceInterval> confidenceInterval() {
    return Optional.ofNullable(interval);
  }
}
