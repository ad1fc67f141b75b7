package io.llmtrain.core;

import java.nio.file.Path;
import java.util.Map;

/** What one lifecycle step (tokenize, pretrain, fine-tune, evaluate) made and measured. */
public record StepReport(String kind, String name, Map<String, Path> artifacts,
    Map<String, Object> metrics, long wallMillis) {
  public StepReport {
    artifacts = Map.copyOf(artifacts);
    metrics = Map.copyOf(metrics);
  }
}
