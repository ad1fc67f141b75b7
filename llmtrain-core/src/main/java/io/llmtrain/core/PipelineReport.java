package io.llmtrain.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of {@link Pipeline#run}: every input document is accounted for, so
 * {@code documentsIn == documentsOut + rejected}, per stage and per reason.
 *
 * @param stages the reader ({@code read}) first, then each document stage in order
 * @param inputHashes SHA-256 of each input file, for provenance
 * @param provenance what produced this: llmtrain version, source, stages with parameters, seed
 */
public record PipelineReport(long documentsIn, long documentsOut, long bytesIn, long bytesOut,
    List<StageReport> stages, List<StepReport> steps, long wallMillis,
    Map<String, String> inputHashes, Map<String, Object> provenance) {

  public PipelineReport {
    stages = List.copyOf(stages);
    steps = List.copyOf(steps);
    inputHashes = Map.copyOf(inputHashes);
    provenance = Map.copyOf(provenance);
  }

  public long rejectedTotal() {
    return documentsIn - documentsOut;
  }

  /** Rejections summed over all stages, by reason code. */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> all = new TreeMap<>();
    for (StageReport s : stages) {
      s.rejected().forEach((r, n) -> all.merge(r, n, Long::sum));
    }
    return all;
  }

  /** The report of a stage by name. */
  public StageReport stage(String name) {
    return stages.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stage named '" + name + "' in "
            + stages.stream().map(StageReport::name).toList()));
  }

  /**
   * The typed result of the last step that produced one of {@code type}, for example {@code
   * report.result(EvaluationResult.class)} after {@code .evaluate(...)}.
   *
   * @throws IllegalArgumentException when no step produced such a result
   */
  public <T> T result(Class<T> type) {
    for (int i = steps.size() - 1; i >= 0; i--) {
      Object v = steps.get(i).value();
      if (type.isInstance(v)) {
        return type.cast(v);
      }
    }
    throw new IllegalArgumentException("no step produced a " + type.getSimpleName()
        + "; steps: " + steps.stream().map(s -> s.kind() + " " + s.name()
            + (s.value() == null ? "" : " -> " + s.value().getClass().getSimpleName())).toList());
  }

  /** Input megabytes (10^6 bytes) per second of wall time. */
  public double megabytesPerSecond() {
    return wallMillis == 0 ? 0 : bytesIn / 1e3 / wallMillis;
  }

  /** The report as JSON, with snake_case keys ({@code documents_in}, {@code rejected}, ...). */
  public ObjectNode toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("documents_in", documentsIn);
    root.put("documents_out", documentsOut);
    root.put("documents_rejected", rejectedTotal());
    root.put("bytes_in", bytesIn);
    root.put("bytes_out", bytesOut);
    root.put("wall_millis", wallMillis);
    root.set("rejected", Json.MAPPER.valueToTree(rejectedByReason()));
    var stageArray = root.putArray("stages");
    for (StageReport s : stages) {
      ObjectNode n = stageArray.addObject();
      n.put("name", s.name());
      n.put("documents_in", s.documentsIn());
      n.put("documents_out", s.documentsOut());
      n.set("rejected", Json.MAPPER.valueToTree(new TreeMap<>(s.rejected())));
      n.set("counters", Json.MAPPER.valueToTree(new TreeMap<>(s.counters())));
      n.put("cpu_millis", s.cpuMillis());
    }
    if (!steps.isEmpty()) {
      var stepArray = root.putArray("steps");
      for (StepReport s : steps) {
        ObjectNode n = stepArray.addObject();
        n.put("kind", s.kind());
        n.put("name", s.name());
        ObjectNode a = n.putObject("artifacts");
        new TreeMap<>(s.artifacts()).forEach((k, v) -> a.put(k, v.toString()));
        n.set("metrics", Json.MAPPER.valueToTree(new TreeMap<>(s.metrics())));
        n.put("wall_millis", s.wallMillis());
      }
    }
    root.set("input_sha256", Json.MAPPER.valueToTree(new TreeMap<>(inputHashes)));
    root.set("provenance", Json.MAPPER.valueToTree(provenance));
    return root;
  }

  /** Writes {@link #toJson} to a file, atomically. */
  public void writeJson(Path path) throws IOException {
    byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
    io.llmtrain.core.io.AtomicOutput.write(path, json, new byte[] {'\n'});
  }
}
