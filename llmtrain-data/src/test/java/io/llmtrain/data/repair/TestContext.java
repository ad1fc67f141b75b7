package io.llmtrain.data.repair;

import io.llmtrain.core.spi.StageContext;
import java.util.Map;
import java.util.TreeMap;

/** Records counters, as a pipeline would. */
final class TestContext implements StageContext {
  final Map<String, Long> counts = new TreeMap<>();

  @Override
  public synchronized void count(String counter, long amount) {
    counts.merge(counter, amount, Long::sum);
  }
}
