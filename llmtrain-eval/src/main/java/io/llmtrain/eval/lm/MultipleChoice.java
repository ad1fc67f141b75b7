package io.llmtrain.eval.lm;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.model.LogSoftmax;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Multiple-choice evaluation by log-likelihood, as lm-evaluation-harness scores {@code
 * multiple_choice} tasks: the model reads the context and each choice is scored by the summed log
 * probability of its tokens; the prediction is the choice of highest log-likelihood ({@code acc}),
 * or of highest log-likelihood divided by the choice's length in characters ({@code acc_norm}).
 *
 * <p>Details that decide the numbers, as the harness does them:
 *
 * <ul>
 *   <li>The continuation is {@code delimiter + choice} (the harness's {@code target_delimiter},
 *       a space by default). Trailing whitespace of the context is moved onto the start of the
 *       continuation, then context + continuation is encoded as a whole and the continuation's
 *       tokens are those after the context's own tokens, so a merge across the boundary is
 *       scored as the harness scores it.
 *   <li>An empty (or all-whitespace) context is replaced by the tokenizer's end-of-text token.
 *   <li>Context + continuation longer than the model's context is cut from the left.
 *   <li>{@code acc_norm} divides by the length of the choice without the delimiter, in Unicode
 *       code points: the harness uses Python's {@code len(choice)} on a {@code str}, which counts
 *       characters (code points), not UTF-8 bytes and not UTF-16 units.
 *   <li>Ties go to the first choice, as {@code numpy.argmax}.
 * </ul>
 */
public final class MultipleChoice {
  /** The harness's default {@code target_delimiter}. */
  public static final String DEFAULT_DELIMITER = " ";

  private MultipleChoice() {
  }

  /** One question: the context, its choices and the index of the right one. */
  public record Item(String context, List<String> choices, int label) {
    public Item {
      Objects.requireNonNull(context, "context");
      choices = List.copyOf(choices);
      if (choices.size() < 2) {
        throw new IllegalArgumentException("an item needs at least 2 choices, got "
            + choices.size());
      }
      if (label < 0 || label >= choices.size()) {
        throw new IllegalArgumentException("label " + label + " is not an index of the "
            + choices.size() + " choices");
      }
    }
  }

  /**
   * The scores of one item.
   *
   * @param logLikelihoods the summed log probability (nats) of each choice's tokens
   * @param greedy per choice, whether every continuation token was the model's most likely one
   *     (the harness's {@code is_greedy})
   * @param prediction the index of the highest log-likelihood
   * @param predictionNorm the index of the highest log-likelihood per character
   * @param label the right index
   */
  public record ItemResult(List<Double> logLikelihoods, List<Boolean> greedy, int prediction,
      int predictionNorm, int label) {
    public ItemResult {
      logLikelihoods = List.copyOf(logLikelihoods);
      greedy = List.copyOf(greedy);
    }

    public boolean correct() {
      return prediction == label;
    }

    public boolean correctNorm() {
      return predictionNorm == label;
    }
  }

  /** {@code acc} and {@code acc_norm} (shares of items right, 0 to 1) and each item's scores. */
  public record Result(double acc, double accNorm, List<ItemResult> items) {
    public Result {
      items = List.copyOf(items);
    }
  }

  /**
   * Reads JSONL items: {@code context} (a string), {@code choices} (a list of at least 2
   * strings), {@code label} (the 0-based index of the right choice). Blank lines are skipped.
   *
   * @throws InputException naming the file, line and field of the first bad item
   */
  public static List<Item> read(Path jsonl) throws IOException {
    return JsonlItems.read(jsonl, MultipleChoice::parse);
  }

  private static Item parse(JsonNode n, String file, long line) {
    String context = JsonlItems.string(n, "context", file, line);
    List<String> choices = JsonlItems.strings(n, "choices", file, line);
    if (choices.size() < 2) {
      throw new InputException(file, line, "choices", "needs at least 2 choices, got "
          + choices.size());
    }
    JsonNode label = n.get("label");
    if (label == null) {
      throw new InputException(file, line, "label", "missing");
    }
    if (!label.isIntegralNumber() || !label.canConvertToInt()) {
      throw new InputException(file, line, "label", "must be an integer index into choices, got "
          + label);
    }
    if (label.intValue() < 0 || label.intValue() >= choices.size()) {
      throw new InputException(file, line, "label", label.intValue() + " is out of range: "
          + "there are " + choices.size() + " choices (0 to " + (choices.size() - 1) + ")");
    }
    return new Item(context, choices, label.intValue());
  }

  /** Scores with the harness's default delimiter, a space. */
  public static Result evaluate(EvalModel model, List<Item> items) {
    return evaluate(model, items, DEFAULT_DELIMITER);
  }

  /**
   * Scores every item's choices with {@code model}.
   *
   * @param delimiter put between the context and each choice ("" to join them as they are)
   * @throws IllegalArgumentException for an item the model cannot score (a continuation of no
   *     tokens or longer than the context; an empty context with no end-of-text token), naming
   *     the item
   */
  public static Result evaluate(EvalModel model, List<Item> items, String delimiter) {
    Objects.requireNonNull(delimiter, "delimiter");
    List<ItemResult> results = new ArrayList<>();
    int right = 0;
    int rightNorm = 0;
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      int k = item.choices().size();
      List<Double> lls = new ArrayList<>();
      List<Boolean> greedy = new ArrayList<>();
      int best = 0;
      int bestNorm = 0;
      double[] norm = new double[k];
      for (int c = 0; c < k; c++) {
        String choice = item.choices().get(c);
        double[] scored;
        try {
          scored = logLikelihood(model, item.context(), delimiter + choice);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("item " + (i + 1) + ", choice " + c + ": "
              + e.getMessage(), e);
        }
        lls.add(scored[0]);
        greedy.add(scored[1] != 0);
        norm[c] = scored[0] / choice.codePointCount(0, choice.length());
        if (scored[0] > lls.get(best)) {
          best = c;
        }
        if (norm[c] > norm[bestNorm]) {
          bestNorm = c;
        }
      }
      ItemResult r = new ItemResult(lls, greedy, best, bestNorm, item.label());
      right += r.correct() ? 1 : 0;
      rightNorm += r.correctNorm() ? 1 : 0;
      results.add(r);
    }
    return new Result(items.isEmpty() ? 0 : (double) right / items.size(),
        items.isEmpty() ? 0 : (double) rightNorm / items.size(), results);
  }

  /** {log-likelihood of continuation given context, 1 if greedy else 0}. */
  static double[] logLikelihood(EvalModel model, String context, String continuation) {
    int[][] pair = encodePair(model, context, continuation);
    int[] ctx = pair[0];
    int[] cont = pair[1];
    int window = model.model().contextLength();
    if (cont.length == 0) {
      throw new IllegalArgumentException("the continuation '" + continuation + "' has no tokens");
    }
    if (cont.length > window) {
      throw new IllegalArgumentException("the continuation has " + cont.length + " tokens, more "
          + "than the model's context of " + window);
    }
    int[] all = new int[ctx.length + cont.length];
    System.arraycopy(ctx, 0, all, 0, ctx.length);
    System.arraycopy(cont, 0, all, ctx.length, cont.length);
    // the last window + 1 tokens; the final token is only a target
    int from = Math.max(0, all.length - (window + 1));
    int[] input = Arrays.copyOfRange(all, from, all.length - 1);
    float[] logits = model.logits(input);
    int vocab = model.model().vocabSize();
    double ll = 0;
    boolean greedy = true;
    for (int j = 0; j < cont.length; j++) {
      int position = input.length - cont.length + j;
      LogSoftmax ls = LogSoftmax.of(logits, position * vocab, vocab);
      ll += ls.logProbability(logits, cont[j]);
      greedy &= ls.argmax() == cont[j];
    }
    return new double[] {ll, greedy ? 1 : 0};
  }

  /** The harness's {@code _encode_pair}: context tokens and continuation tokens. */
  static int[][] encodePair(EvalModel model, String context, String continuation) {
    int end = context.length();
    while (end > 0 && isSpace(context.codePointBefore(end))) {
      end -= Character.charCount(context.codePointBefore(end));
    }
    continuation = context.substring(end) + continuation;
    context = context.substring(0, end);
    if (context.isEmpty()) {
      int eos = model.eosTokenId().orElseThrow(() -> new IllegalArgumentException("the context "
          + "is empty and the tokenizer has no end-of-text token to stand for it"));
      return new int[][] {{eos}, model.encode(continuation)};
    }
    int[] whole = model.encode(context + continuation);
    int[] contextTokens = model.encode(context);
    int split = Math.min(contextTokens.length, whole.length);
    return new int[][] {contextTokens, Arrays.copyOfRange(whole, split, whole.length)};
  }

  /** Python's {@code str.isspace()} for one code point, as {@code str.rstrip()} uses it. */
  private static boolean isSpace(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x85;
  }
}
