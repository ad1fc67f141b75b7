package io.llmtrain.core.monitor;

/**
 * Tokens and seconds summed over the steps since the last report, so a figure logged every N steps
 * is the rate over those N steps rather than the last step's alone.
 */
final class Throughput {
  private long tokens;
  private double seconds;

  void add(TrainingListener.Step s) {
    tokens += s.tokens();
    seconds += s.seconds();
  }

  double tokensPerSecond() {
    return seconds > 0 ? tokens / seconds : 0;
  }

  void reset() {
    tokens = 0;
    seconds = 0;
  }
}
