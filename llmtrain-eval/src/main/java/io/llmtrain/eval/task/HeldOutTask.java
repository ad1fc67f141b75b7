package io.llmtrain.eval.task;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.model.Perplexity;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenRegion;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.eval.report.MetricResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code held-out}: loss, perplexity, bits per byte and token accuracy on exactly the tokens the
 * pretraining run held out for validation — the split recomputed from the {@code seed} and
 * {@code validationFraction} saved in the run's checkpoint, each contiguous span scored as one
 * sequence. Needs the run directory and the shards it trained on. Parameter: {@code stride} (0:
 * the evaluation's).
 */
public final class HeldOutTask implements ModelTask {
  public static final String NAME = "held-out";

  private final int stride;

  public HeldOutTask(int stride) {
    this.stride = stride;
  }

  @Override
  public String task() {
    return NAME;
  }

  @Override
  public boolean needsTokens() {
    return true;
  }

  @Override
  public List<MetricResult> evaluate(TaskContext context) throws IOException {
    TokenDataset tokens = context.tokens().orElseThrow(() -> new ConfigException("task '" + NAME
        + "' needs the token shards the model was trained on (run it after .pretrain(...) in a "
        + "pipeline, or pass them), or leave it out"));
    Path dir = context.modelDirectory();
    if (!Files.isRegularFile(dir.resolve(ModelRun.MODEL_CONFIG))) {
      throw new ConfigException("task '" + NAME + "' needs a pretraining run directory (its "
          + "checkpoint says which tokens were held out); " + dir + " has no "
          + ModelRun.MODEL_CONFIG);
    }
    var training = ModelRun.trainingConfig(dir);
    TokenRegion region = tokens.split(training.validationFraction(), training.seed())
        .validation();
    int window = Math.min(stride > 0 ? stride : context.stride(),
        context.model().model().contextLength());
    double nats = 0;
    long predicted = 0;
    long correct = 0;
    long bytes = 0;
    for (TokenRegion.Span span : region.spans()) {
      int[] ids = new int[Math.toIntExact(span.length())];
      tokens.read(span.start(), ids, 0, ids.length);
      if (ids.length < 2) {
        continue;
      }
      Perplexity.Result r = Perplexity.of(context.model().model(), ids, window,
          context.model().model().manager());
      nats += r.totalLoss();
      predicted += r.tokens();
      correct += r.correct();
      // bytes of the text the predicted tokens stand for (the first token is context only)
      bytes += context.model().tokenizer().decode(Arrays.copyOfRange(ids, 1, ids.length), true)
          .getBytes(StandardCharsets.UTF_8).length;
    }
    if (predicted == 0) {
      throw new ConfigException("the held-out region " + region + " has no token to predict");
    }
    double loss = nats / predicted;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tokens", predicted);
    details.put("bytes", bytes);
    details.put("stride", window);
    details.put("validation_fraction", training.validationFraction());
    details.put("split_seed", training.seed());
    context.provenance("held_out_tokens", region.size());
    return PerplexityTask.scores(NAME, loss, nats / Math.log(2) / bytes,
        (double) correct / predicted, predicted, details);
  }

  /** Registers {@code held-out}. */
  public static final class Provider implements ModelTaskProvider {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "Perplexity, bits per byte and token accuracy on the tokens the run held out";
    }

    @Override
    public ModelTask create(StageSpec spec) {
      Params p = Params.of(spec);
      int stride = p.getInt("stride", 0, 0, Integer.MAX_VALUE);
      p.finish();
      return new HeldOutTask(stride);
    }
  }
}
