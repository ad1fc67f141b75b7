package io.llmtrain.core.generate;

/**
 * The tokens a {@link Generator} produced after the prompt and why it stopped.
 *
 * @param tokens the new ids, without the prompt and without the EOS token
 * @param stopReason {@link StopReason#EOS} if the EOS token was sampled, else {@link
 *     StopReason#LIMIT}
 */
public record Generation(int[] tokens, StopReason stopReason) {

  /** Why generation stopped. */
  public enum StopReason {
    /** The configured end-of-sequence token came. */
    EOS,
    /** {@code maxNewTokens} were generated. */
    LIMIT
  }
}
