package io.llmtrain.eval.lm;

import io.llmtrain.core.model.Perplexity;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Perplexity, bits per byte and token accuracy of a model on held-out documents. Each document is
 * scored on its own, never with context from another, with core's {@link Perplexity} sliding
 * window. When the tokenizer has an end-of-text token (the one pretraining writes between
 * documents) it is put before each document as context only, so every token of the document is
 * predicted, as lm-evaluation-harness's rolling log-likelihood does with its prefix token; without
 * one the first token of each document is context only and not counted.
 *
 * <p>Bits per byte divide the nats of all predictions by ln 2 and by the UTF-8 bytes of all
 * documents: a tokenizer-independent number to compare models with different vocabularies.
 */
public final class PerplexityEvaluation {
  private PerplexityEvaluation() {
  }

  /**
   * The scores over all documents.
   *
   * @param loss mean nats per predicted token
   * @param perplexity exp(loss)
   * @param bitsPerByte total nats / ln 2 / UTF-8 bytes of the documents
   * @param tokenAccuracy the share of predicted tokens that were the model's most likely token
   * @param tokens predicted tokens
   * @param bytes UTF-8 bytes of the documents
   * @param documents documents scored (empty ones are skipped)
   * @param stride the window stride used
   */
  public record Result(double loss, double perplexity, double bitsPerByte, double tokenAccuracy,
      long tokens, long bytes, int documents, int stride) {
  }

  /** Scores with consecutive windows (a stride of the whole context). */
  public static Result evaluate(EvalModel model, List<String> documents) {
    return evaluate(model, documents, model.model().contextLength());
  }

  /**
   * Scores {@code documents} with windows of the model's context moving by {@code stride}.
   *
   * @throws IllegalArgumentException for a stride outside 1..context, or no token to predict
   */
  public static Result evaluate(EvalModel model, List<String> documents, int stride) {
    int context = model.model().contextLength();
    if (stride < 1 || stride > context) {
      throw new IllegalArgumentException("stride must be between 1 and the model's context "
          + "length " + context + ", got " + stride);
    }
    int eos = model.eosTokenId().orElse(-1);
    double nats = 0;
    long tokens = 0;
    long correct = 0;
    long bytes = 0;
    int scored = 0;
    for (String doc : documents) {
      if (doc.isEmpty()) {
        continue;
      }
      bytes += doc.getBytes(StandardCharsets.UTF_8).length;
      int[] ids = model.encode(doc);
      if (eos >= 0) {
        int[] withStart = new int[ids.length + 1];
        withStart[0] = eos;
        System.arraycopy(ids, 0, withStart, 1, ids.length);
        ids = withStart;
      }
      scored++;
      if (ids.length < 2) {
        continue; // one token and no start token: nothing to predict it from
      }
      Perplexity.Result r = Perplexity.of(model.model(), ids, stride, model.model().manager());
      nats += r.totalLoss();
      tokens += r.tokens();
      correct += r.correct();
    }
    if (tokens == 0) {
      throw new IllegalArgumentException("none of the " + documents.size() + " documents has a "
          + "token to predict");
    }
    double loss = nats / tokens;
    return new Result(loss, Math.exp(loss), nats / Math.log(2) / bytes, (double) correct / tokens,
        tokens, bytes, scored, stride);
  }
}
