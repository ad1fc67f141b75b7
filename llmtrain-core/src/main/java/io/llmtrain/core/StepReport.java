package io.llmtrain.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one lifecycle step (tokenize, pretrain, fine-tune, evaluate) made and measured.
 *
 * @param value the step's typed result, or {@code null} (see {@link PipelineReport#result})
 */
public record StepReport(String kind, String name, Map<String, Path> artifacts,
    Map<String, Object> metrics, long wallMillis, Object value) {
  public StepReport {
    artifacts = Map.copyOf(artifacts);
    metrics = Map.copyOf(metrics);
  }

  public StepReport(String kind, String name, Map<String, Path> artifacts,
      Map<String, Object> metrics, long wallMillis) {
    this(kind, name, artifacts, metrics, wallMillis, null);
  }
}
