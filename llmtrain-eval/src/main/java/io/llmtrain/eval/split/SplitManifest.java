package io.llmtrain.eval.split;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link HeldOutSplit} did, written as {@code split.json}: the configuration and seed,
 * document and group counts per split, per-stratum counts (by each document's own value), the
 * strata too small for some split, and the SHA-256 of every input.
 *
 * @param documents documents read
 * @param groups distinct group keys (documents minus duplicates, by default)
 * @param counts documents per split
 * @param groupCounts groups per split
 * @param strata per stratum value: {@code documents} and documents per split (empty when not
 *     stratified)
 * @param smallStrata strata with no document in some split, described
 * @param groupsSpanningStrata groups whose documents have several stratum values
 * @param inputSha256 SHA-256 of each input file, by path
 * @param files the output file of each split
 */
public record SplitManifest(SplitConfig config, long documents, long groups,
    Map<String, Long> counts, Map<String, Long> groupCounts,
    Map<String, Map<String, Long>> strata, List<String> smallStrata, long groupsSpanningStrata,
    Map<String, String> inputSha256, Map<String, String> files) {

  public SplitManifest {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    groupCounts = Collections.unmodifiableMap(new LinkedHashMap<>(groupCounts));
    Map<String, Map<String, Long>> s = new LinkedHashMap<>();
    strata.forEach((k, v) -> s.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    strata = Collections.unmodifiableMap(s);
    smallStrata = List.copyOf(smallStrata);
    inputSha256 = Collections.unmodifiableMap(new LinkedHashMap<>(inputSha256));
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The manifest as JSON-ready maps, in a fixed key order. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", config.seed());
    m.put("test_fraction", config.testFraction());
    m.put("validation_fraction", config.validationFraction());
    m.put("stratify", config.stratify().orElse(null));
    m.put("group_by", config.groupBy().orElse("normalized text SHA-256"));
    m.put("assignment", "groups ranked by SHA-256(seed, key) within each stratum; quotas "
        + "round(fraction x documents)");
    m.put("documents", documents);
    m.put("groups", groups);
    m.put("counts", counts);
    m.put("group_counts", groupCounts);
    if (config.stratify().isPresent()) {
      m.put("strata", strata);
      m.put("small_strata", smallStrata);
      m.put("groups_spanning_strata", groupsSpanningStrata);
    }
    m.put("inputs", inputSha256);
    m.put("files", files);
    m.put("config", config.params());
    return m;
  }
}
