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
    description = "Evaluate a model or generated text.",
    subcommands = {EvalCommand.PerplexityCommand.class, EvalCommand.Bleu.class,
        EvalCommand.Chrf.class, EvalCommand.Rouge.class})
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

  /** {@code llmtrain eval bleu}: sacrebleu's BLEU. */
  @Command(name = "bleu", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Corpus BLEU as sacrebleu computes it (13a tokenizer, exponential smoothing).")
  static final class Bleu extends EvalTextCommand {
    @Option(names = "--tokenize", defaultValue = "13a", paramLabel = "13a|none|intl") String tok;
    @Option(names = "--lowercase") boolean lowercase;

    @Override
    String metric() {
      return "bleu";
    }

    @Override
    Map<String, Object> params() {
      return map("tokenize", tok, "lowercase", lowercase);
    }
  }

  /** {@code llmtrain eval chrf}: sacrebleu's chrF (chrF++ with --word-order 2). */
  @Command(name = "chrf", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Corpus chrF as sacrebleu computes it (chrF2; chrF++ with --word-order 2).")
  static final class Chrf extends EvalTextCommand {
    @Option(names = "--word-order", defaultValue = "0", paramLabel = "N") int wordOrder;
    @Option(names = "--lowercase") boolean lowercase;

    @Override
    String metric() {
      return "chrf";
    }

    @Override
    Map<String, Object> params() {
      return map("wordOrder", wordOrder, "lowercase", lowercase);
    }
  }

  /** {@code llmtrain eval rouge}: Google's rouge-score. */
  @Command(name = "rouge", mixinStandardHelpOptions = true, sortOptions = false,
      description = "ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum as Google's rouge-score computes "
          + "them; precision, recall and F for each.")
  static final class Rouge extends EvalTextCommand {
    @Option(names = "--stem", description = "Porter-stem tokens, as use_stemmer=True.")
    boolean stem;

    @Override
    String metric() {
      return "rouge";
    }

    @Override
    Map<String, Object> params() {
      return map("stem", stem);
    }
  }
}
