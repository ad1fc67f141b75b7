package io.llmtrain.eval.metric;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A metric's result: its headline value (on the scale the reference tool prints, e.g. BLEU
 * 0-100) and the named components (precisions, brevity penalty, precision/recall/F...).
 */
public record Score(String metric, double score, Map<String, Object> details) {
  public Score {
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }
}
