package io.llmtrain.cli;

import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.lm.PerplexityEvaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval perplexity}: loss, perplexity, bits per byte and token accuracy. */
@Command(name = "perplexity", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Mean next-token loss, perplexity, bits per byte and token accuracy of a model "
        + "on held-out text, each document scored on its own with a sliding window; prints JSON.")
final class EvalPerplexityCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "RUN_DIR_OR_HF_DIR",
      description = "A pretraining run directory, or a Hugging Face directory (config.json, "
          + "model.safetensors, tokenizer.json) of a GPT-2 or Llama model.")
  Path model;

  static final class Input {
    @Option(names = "--data", paramLabel = "FILE",
        description = "UTF-8 text, evaluated as one document.")
    Path data;

    @Option(names = "--jsonl", paramLabel = "FILE",
        description = "JSONL, a document per line in the --text-field field.")
    Path jsonl;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
      description = "The text field of --jsonl lines (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--stride", paramLabel = "N",
      description = "New tokens per window, 1 to the model's context (default: the context, "
          + "consecutive windows); shorter gives each token more context at more cost.")
  Integer stride;

  @Override
  public Integer call() throws Exception {
    List<String> docs = new ArrayList<>();
    if (input.data != null) {
      if (!Files.isRegularFile(input.data)) {
        throw new InputException(input.data.toString(), "no such file", null);
      }
      String text = Files.readString(input.data, StandardCharsets.UTF_8);
      if (text.isEmpty()) {
        throw new InputException(input.data.toString(), "is empty", null);
      }
      docs.add(text);
    } else {
      try (RecordReader r = DataSource.jsonl(input.jsonl, textField).open(ErrorPolicy.FAIL)) {
        for (Document d = r.nextDocument(); d != null; d = r.nextDocument()) {
          docs.add(d.text());
        }
      }
      if (docs.stream().allMatch(String::isEmpty)) {
        throw new InputException(input.jsonl.toString(), "has no text to score", null);
      }
    }
    try (EvalModel m = EvalModel.load(model)) {
      PerplexityEvaluation.Result r = stride == null ? PerplexityEvaluation.evaluate(m, docs)
          : PerplexityEvaluation.evaluate(m, docs, stride);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("loss", r.loss());
      json.put("perplexity", r.perplexity());
      json.put("bits_per_byte", r.bitsPerByte());
      json.put("token_accuracy", r.tokenAccuracy());
      json.put("tokens", r.tokens());
      json.put("bytes", r.bytes());
      json.put("documents", r.documents());
      json.put("stride", r.stride());
      System.out.println(Json.MAPPER.writeValueAsString(json));
    }
    return 0;
  }
}
