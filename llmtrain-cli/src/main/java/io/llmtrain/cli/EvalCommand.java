package io.llmtrain.cli;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.hf.HuggingFaceModels;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.model.Perplexity;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval}: evaluations of a model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model.", subcommands = {EvalCommand.PerplexityCommand.class})
final class EvalCommand {

  /** {@code llmtrain eval perplexity}. */
  @Command(name = "perplexity", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Mean next-token loss and perplexity of a model on a text file; prints JSON "
          + "with loss, perplexity and tokens.")
  static final class PerplexityCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR_OR_HF_DIR",
        description = "A pretraining run directory, or a Hugging Face directory (config.json, "
            + "model.safetensors, tokenizer.json) of a GPT-2 or Llama model.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
        description = "UTF-8 text, evaluated as one sequence.")
    Path data;

    @Override
    public Integer call() throws Exception {
      Path tokenizerJson = model.resolve("tokenizer.json");
      if (!Files.isRegularFile(tokenizerJson)) {
        throw new ConfigException(model + " has no tokenizer.json to encode " + data);
      }
      Tokenizer tokenizer = TokenizerJson.read(tokenizerJson);
      int[] tokens = tokenizer.encode(Files.readString(data, StandardCharsets.UTF_8), false);
      try (NDManager manager = Devices.newManager(Devices.resolve("auto").get(0))) {
        GptModel m = Files.exists(model.resolve(ModelRun.MODEL_CONFIG))
            ? ModelRun.load(model, manager) : HuggingFaceModels.load(model, manager);
        Perplexity.Result r = Perplexity.of(m, tokens, manager);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("loss", r.loss());
        json.put("perplexity", r.perplexity());
        json.put("tokens", r.tokens());
        System.out.println(Json.MAPPER.writeValueAsString(json));
      }
      return 0;
    }
  }
}
