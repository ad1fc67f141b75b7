package io.llmtrain.core;

import java.util.Map;

/**
 * What one stage did in a run.
 *
 * @param name the stage name ({@code read} for the reader)
 * @param documentsIn documents that reached the stage
 * @param rejected rejected documents by reason code, sorted by reason
 * @param counters what the stage counted besides rejections (for example {@code pii_email})
 * @param cpuMillis time spent in the stage, summed over worker threads
 */
public record StageReport(String name, long documentsIn, Map<String, Long> rejected,
    Map<String, Long> counters, long cpuMillis) {

  public StageReport {
    rejected = Map.copyOf(rejected);
    counters = Map.copyOf(counters);
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  public long documentsOut() {
    return documentsIn - rejectedTotal();
  }
}
