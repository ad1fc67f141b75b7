package io.llmtrain.cli;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.generate.Generation;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.generate.Generator;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code llmtrain generate}: text from a pretrained run. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Generate text after a prompt with a pretrained run's newest checkpoint.")
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "RUN_DIR") Path model;
  @Option(names = "--prompt", required = true, paramLabel = "TEXT") String prompt;
  @Mixin SamplingOptions sampling;
  @Option(names = "--seed", defaultValue = "0", paramLabel = "S") long seed;

  @Override
  public Integer call() throws Exception {
    Path tokenizerJson = ModelRun.tokenizer(model).orElseThrow(() -> new ConfigException(
        model + " has no tokenizer.json: pretrain with --tokenizer to keep it with the model"));
    Tokenizer tokenizer = TokenizerJson.read(tokenizerJson);
    int[] ids = tokenizer.encode(prompt, false);
    GenerationConfig.Builder config = sampling.builder().seed(seed);
    for (String eos : new String[] {"<|endoftext|>", "</s>", "<|end_of_text|>", "[SEP]"}) {
      int id = tokenizer.tokenToId(eos);
      if (id >= 0) {
        config.eosTokenId(id);
        break;
      }
    }
    try (NDManager manager = Devices.newManager(Devices.resolve("auto").get(0))) {
      GptModel m = ModelRun.load(model, manager);
      Generation g = new Generator(m).generate(ids, config.build());
      System.out.println(prompt + tokenizer.decode(g.tokens(), true));
    }
    return 0;
  }
}
