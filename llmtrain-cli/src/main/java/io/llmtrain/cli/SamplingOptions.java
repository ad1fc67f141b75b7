package io.llmtrain.cli;

import io.llmtrain.core.generate.GenerationConfig;
import picocli.CommandLine.Option;

/**
 * The decoding options that {@code generate} and {@code eval generate} share, as a picocli mixin,
 * so both commands spell, default and describe them the same way. The seed stays with each
 * command: it means something different in each.
 */
final class SamplingOptions {
  @Option(names = "--max-tokens", defaultValue = "100", paramLabel = "N") int maxTokens;

  @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
      description = "0: greedy (default).")
  double temperature;

  @Option(names = "--top-k", defaultValue = "0", paramLabel = "K",
      description = "Sample among the K likeliest tokens (0: all).")
  int topK;

  @Option(names = "--top-p", defaultValue = "1", paramLabel = "P",
      description = "Sample among the likeliest tokens whose probabilities reach P (1: all).")
  double topP;

  /** A generation config builder with these options set. */
  GenerationConfig.Builder builder() {
    return GenerationConfig.builder().maxNewTokens(maxTokens).temperature(temperature)
        .topK(topK).topP(topP);
  }
}
