package io.llmtrain.core.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Mean next-token loss, perplexity and token accuracy of a model on a token sequence longer or
 * shorter than its context, with a sliding window as in Hugging Face's "perplexity of fixed-length
 * models": windows of at most {@code contextLength} input tokens move by {@code stride} tokens.
 * Every token after the first is predicted exactly once, in the first window whose new part holds
 * it; the window's earlier tokens are context only. A stride equal to the context cuts the
 * sequence into consecutive windows (cheapest, least context for the first tokens of each
 * window); a shorter stride gives every prediction at least {@code contextLength - stride} tokens
 * of context at {@code contextLength / stride} times the cost. The first token is never predicted
 * (nothing precedes it): callers that want it scored put a start token before it.
 */
public final class Perplexity {
  private Perplexity() {
  }

  /**
   * Loss in nats per predicted token, the number of predictions, and how many of them had the
   * target as the most likely token (the lowest id on a tie).
   */
  public record Result(double loss, long tokens, long correct) {
    /** exp(loss). */
    public double perplexity() {
      return Math.exp(loss);
    }

    /** The share of predictions whose most likely token was the target. */
    public double accuracy() {
      return tokens == 0 ? 0 : (double) correct / tokens;
    }

    /** Nats summed over all predictions. */
    public double totalLoss() {
      return loss * tokens;
    }
  }

  /** Consecutive windows: a stride of the whole context. */
  public static Result of(CausalLanguageModel model, int[] tokens, NDManager manager) {
    return of(model, tokens, model.contextLength(), manager);
  }

  /**
   * Scores {@code tokens} with windows moving by {@code stride}.
   *
   * @param stride new tokens per window, 1 to the model's context length
   * @throws IllegalArgumentException for fewer than 2 tokens or a stride out of range
   */
  public static Result of(CausalLanguageModel model, int[] tokens, int stride,
      NDManager manager) {
    if (tokens.length < 2) {
      throw new IllegalArgumentException("need at least 2 tokens to predict one, got "
          + tokens.length);
    }
    int context = model.contextLength();
    if (stride < 1 || stride > context) {
      throw new IllegalArgumentException("stride must be between 1 and the context length "
          + context + ", got " + stride);
    }
    int vocab = model.vocabSize();
    double total = 0;
    long count = 0;
    long correct = 0;
    // Input positions [begin, end) predict targets begin+1 .. end; the targets up to `predicted`
    // were scored by an earlier window, so only those after it count here. Windows start at
    // multiples of the stride, as in Hugging Face's guide, so the last one may be short.
    int predicted = 0;
    for (int begin = 0; predicted < tokens.length - 1; begin += stride) {
      int end = Math.min(begin + context, tokens.length - 1);
      int[] input = Arrays.copyOfRange(tokens, begin, end);
      float[] logits;
      try (NDManager s = manager.newSubManager()) {
        logits = model.block().forward(new ParameterStore(s, false),
            new NDList(s.create(input, new Shape(1, input.length))), false)
            .singletonOrThrow().toFloatArray();
      }
      for (int target = predicted + 1; target <= end; target++) {
        LogSoftmax row = LogSoftmax.of(logits, (target - 1 - begin) * vocab, vocab);
        int id = tokens[target];
        total -= row.logProbability(logits, id);
        count++;
        if (row.argmax() == id) {
          correct++;
        }
      }
      predicted = end;
    }
    return new Result(total / count, count, correct);
  }
}
