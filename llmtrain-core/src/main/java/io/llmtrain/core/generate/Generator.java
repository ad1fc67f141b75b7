package io.llmtrain.core.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.model.KvCache;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Continues a prompt with a {@link GptModel}, one sequence at a time: the prompt goes through the
 * model once, then every new token costs one position thanks to a {@link KvCache}; the next token
 * is chosen in Java from the last position's logits by a seeded {@link Sampler}.
 *
 * <p>The model sees at most its {@code contextLength} last tokens, as nanoGPT's {@code generate}:
 * once the sequence is longer, the context is cropped from the left and the cache recomputed for
 * the cropped window (positions are baked into cached keys and values, so they cannot shift), and
 * from then on every token costs a full window.
 *
 * <p>All arrays live in a sub-manager of the model's manager, closed before returning. Safe to
 * share between threads only if the model's engine allows concurrent inference; each call has its
 * own cache and random source.
 */
public final class Generator {
  private final GptModel model;

  public Generator(GptModel model) {
    this.model = model;
  }

  /** Generates after {@code prompt} (at least one id). */
  public Generation generate(int[] prompt, GenerationConfig config) {
    return generate(prompt, config, id -> { });
  }

  /**
   * Generates after {@code prompt}, handing each new token to {@code onToken} as it comes (for
   * streaming output; not called for the EOS token).
   *
   * @throws IllegalArgumentException for an empty prompt or an id outside the vocabulary
   */
  public Generation generate(int[] prompt, GenerationConfig config, IntConsumer onToken) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt needs at least one token (e.g. the "
          + "end-of-text token to start from nothing)");
    }
    int vocab = model.vocabSize();
    for (int id : prompt) {
      if (id < 0 || id >= vocab) {
        throw new IllegalArgumentException("prompt token " + id + " is outside the vocabulary of "
            + vocab);
      }
    }
    int context = model.contextLength();
    int eos = config.eosTokenId().orElse(-1);
    Sampler sampler = new Sampler(config);
    int[] sequence = Arrays.copyOf(prompt, prompt.length + config.maxNewTokens());
    int length = prompt.length;
    int produced = 0;
    try (NDManager session = model.manager().newSubManager()) {
      KvCache cache = model.newCache(session);
      // the tokens not yet in the cache start at `pending`
      int pending = Math.max(0, length - context);
      while (produced < config.maxNewTokens()) {
        if (cache.length() + (length - pending) > context) {
          cache.clear();
          pending = length - context;
        }
        float[] logits = lastLogits(session, cache, sequence, pending, length);
        pending = length;
        int next = sampler.next(logits);
        if (next == eos) {
          return new Generation(Arrays.copyOfRange(sequence, prompt.length, length),
              Generation.StopReason.EOS);
        }
        sequence[length++] = next;
        produced++;
        onToken.accept(next);
      }
    }
    return new Generation(Arrays.copyOfRange(sequence, prompt.length, length),
        Generation.StopReason.LIMIT);
  }

  /** Feeds {@code sequence[from, to)} after the cache; the logits of the last position. */
  private float[] lastLogits(NDManager session, KvCache cache, int[] sequence, int from, int to) {
    try (NDManager step = session.newSubManager()) {
      int t = to - from;
      NDArray ids = step.create(Arrays.copyOfRange(sequence, from, to), new Shape(1, t));
      NDArray logits = model.forward(ids, cache);
      return logits.get(0, t - 1).toFloatArray();
    }
  }
}
