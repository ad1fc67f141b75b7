package io.llmtrain.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.hf.HuggingFaceModels;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.core.train.ModelRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain export}: a run's newest checkpoint in the Hugging Face layout. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Export a pretraining run's newest checkpoint as a Hugging Face model "
        + "directory: model.safetensors, config.json, tokenizer.json and a model card.")
final class ExportCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, paramLabel = "RUN_DIR") Path model;
  @Option(names = "--format", defaultValue = "hf", paramLabel = "hf") String format;
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("hf")) {
      throw new ConfigException("--format must be hf, got '" + format + "'");
    }
    Path checkpoint = ModelRun.latestCheckpoint(model);
    Map<String, Object> training = Json.MAPPER.convertValue(
        Json.MAPPER.readTree(checkpoint.resolve("config.json").toFile()),
        new TypeReference<Map<String, Object>>() { });
    HuggingFaceModels.Card card = new HuggingFaceModels.Card(training == null ? Map.of()
        : training, lastEvaluation(model.resolve("metrics.jsonl")), dataHashes());
    try (NDManager manager = Devices.newManager(Devices.resolve("cpu").get(0))) {
      GptModel m = ModelRun.load(model, manager);
      HuggingFaceModels.export(m, ModelRun.tokenizer(model).orElse(null), card, out);
    }
    System.out.println(Json.MAPPER.writeValueAsString(Map.of("checkpoint", checkpoint.toString(),
        "out", out.toString())));
    return 0;
  }

  /** The last evaluation in the run's metrics log, if any. */
  private static Map<String, Object> lastEvaluation(Path metrics) throws Exception {
    Map<String, Object> last = new LinkedHashMap<>();
    if (!Files.isRegularFile(metrics)) {
      return last;
    }
    for (String line : Files.readAllLines(metrics)) {
      JsonNode n = Json.MAPPER.readTree(line);
      if ("eval".equals(n.path("event").asText())) {
        last.clear();
        n.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("event") && f.getValue().isValueNode()) {
            last.put(f.getKey(), Json.MAPPER.convertValue(f.getValue(), Object.class));
          }
        });
      }
    }
    return last;
  }

  /** SHA-256 of the run's tokenizer and of the sources recorded by its encoded data. */
  private Map<String, String> dataHashes() throws Exception {
    Map<String, String> hashes = new LinkedHashMap<>();
    ModelRun.tokenizer(model).ifPresent(t -> hashes.put("tokenizer.json", SourceFile.of(t)
        .sha256()));
    Path data = model.resolve("data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> files = Files.list(data)) {
        for (Path sidecar : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          for (JsonNode s : Json.MAPPER.readTree(sidecar.toFile()).path("sources")) {
            hashes.put(s.path("path").asText(), s.path("sha256").asText());
          }
        }
      }
    }
    return hashes;
  }
}
