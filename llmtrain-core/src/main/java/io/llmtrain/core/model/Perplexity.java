package io.llmtrain.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Mean next-token loss and perplexity of a model on a token sequence. The sequence is cut into
 * consecutive windows of at most the model's context: each token after the first is predicted
 * once, from the tokens before it in its window (a stride equal to the context; a shorter stride
 * gives more context per token at more cost).
 */
public final class Perplexity {
  private Perplexity() {
  }

  /** Loss in nats per predicted token, the number of predictions, and exp(loss). */
  public record Result(double loss, long tokens) {
    public double perplexity() {
      return Math.exp(loss);
    }
  }

  public static Result of(CausalLanguageModel model, int[] tokens, NDManager manager) {
    if (tokens.length < 2) {
      throw new IllegalArgumentException("need at least 2 tokens to predict one, got "
          + tokens.length);
    }
    int context = model.contextLength();
    int vocab = model.vocabSize();
    double total = 0;
    long count = 0;
    for (int start = 0; start + 1 < tokens.length; start += context) {
      int end = Math.min(tokens.length, start + context + 1); // inputs [start, end-1)
      int[] input = Arrays.copyOfRange(tokens, start, end - 1);
      float[] logits;
      try (NDManager s = manager.newSubManager()) {
        logits = model.block().forward(new ParameterStore(s, false),
            new NDList(s.create(input, new Shape(1, input.length))), false)
            .singletonOrThrow().toFloatArray();
      }
      for (int i = 0; i < input.length; i++) {
        int offset = i * vocab;
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
          max = Math.max(max, logits[offset + v]);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
          sum += Math.exp(logits[offset + v] - max);
        }
        int target = tokens[start + i + 1];
        total += max + Math.log(sum) - logits[offset + target];
        count++;
      }
    }
    return new Result(total / count, count);
  }
}
