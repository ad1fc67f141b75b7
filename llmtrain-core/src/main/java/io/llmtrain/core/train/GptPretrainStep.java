package io.llmtrain.core.train;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.spi.Step;
import io.llmtrain.core.spi.StepKind;
import io.llmtrain.core.spi.StepProvider;
import io.llmtrain.core.tokens.TokenDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registers the {@code gpt} pretraining step: trains a {@link GptModel} on the tokenize step's
 * shards into the step's directory, which becomes a run directory ({@link ModelRun}) with the
 * tokenizer copied in, so {@code generate} and exports can use it.
 */
public final class GptPretrainStep implements StepProvider {

  @Override
  public String name() {
    return GptPretrainSpec.NAME;
  }

  @Override
  public String description() {
    return "Pretrain a GPT (gpt2 or llama layout) on the token shards";
  }

  @Override
  public StepKind kind() {
    return StepKind.PRETRAIN;
  }

  @Override
  public Step create(StageSpec spec) {
    GptPretrainSpec s = spec instanceof GptPretrainSpec g ? g : GptPretrainSpec.fromSpec(spec);
    return new Step() {
      @Override
      public Set<String> requires() {
        return Set.of(Artifacts.TOKENS, Artifacts.TOKENIZER);
      }

      @Override
      public Set<String> produces() {
        return Set.of(Artifacts.MODEL);
      }

      @Override
      public Result run(Context context) throws Exception {
        Path run = context.outputDirectory();
        TokenDataset data = TokenDataset.open(context.artifact(Artifacts.TOKENS));
        GptConfig gpt = s.gptConfig(data.vocabSize());
        Files.copy(context.artifact(Artifacts.TOKENIZER), run.resolve(ModelRun.TOKENIZER),
            StandardCopyOption.REPLACE_EXISTING);
        ModelRun.writeConfig(run, gpt);
        PretrainConfig training = s.training().toBuilder().seed(context.seed()).build();
        PretrainResult result;
        try (NDManager manager = Devices.newManager(
            Devices.resolve(training.device()).get(0))) {
          GptModel model = GptModel.create(gpt, manager, context.seed());
          result = Pretrainer.builder().config(training).model(model).dataset(data)
              .runDirectory(run).listeners(s.monitor().listeners()).build().run();
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("parameters", gpt.parameterCount());
        metrics.put("steps", result.steps());
        metrics.put("validation_loss", result.finalValidationLoss());
        metrics.put("validation_perplexity", Math.exp(result.finalValidationLoss()));
        metrics.put("stop_reason", result.stopReason().name().toLowerCase(java.util.Locale.ROOT));
        return new Result(Map.of(Artifacts.MODEL, run), metrics);
      }
    };
  }
}
