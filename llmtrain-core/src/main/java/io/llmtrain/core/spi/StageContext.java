package io.llmtrain.core.spi;

/**
 * Lets a processor report what it did besides keeping or rejecting, such as the number of e-mail
 * addresses redacted ({@code pii_email}). Counters are summed per stage in the run report. Thread-safe.
 */
public interface StageContext {
  /** Adds {@code amount} to the named counter of the current stage. */
  void count(String counter, long amount);

  default void count(String counter) {
    count(counter, 1);
  }

  /** A context that drops counts, for using a processor on its own. */
  StageContext NONE = (counter, amount) -> { };
}
