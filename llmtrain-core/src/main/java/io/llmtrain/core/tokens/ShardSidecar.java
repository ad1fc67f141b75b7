package io.llmtrain.core.tokens;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a token shard holds and where it came from: the {@code NAME.json} file beside
 * {@code NAME.bin}. The shard itself is a bare array of {@link #dtype} little-endian integers,
 * {@link #tokens} long, with {@link #eosId} after every one of its {@link #documents} documents.
 *
 * <pre>{@code
 * {"format": "llmtrain-tokens", "formatVersion": 1, "dtype": "uint16", "byteOrder": "little",
 *  "tokens": 1234, "documents": 10, "vocabSize": 8000, "eosId": 0,
 *  "eosPlacement": "after-each-document", "sha256": "<of the shard bytes>",
 *  "tokenizerSha256": "<of tokenizer.json>", "sources": [{"path": ..., "sha256": ..., "bytes": ...}],
 *  "createdBy": "llmtrain 0.1.0", "config": {...}, "seed": null}
 * }</pre>
 *
 * <p>No time stamp: the same input and options give byte-identical shards and sidecars.
 *
 * @param tokens ids in the shard, the end-of-document ids included
 * @param sha256 SHA-256 (hex) of the shard's bytes
 * @param tokenizerSha256 SHA-256 (hex) of the {@code tokenizer.json} used, or null if unknown
 * @param config the options the shard was written with, for reproduction
 * @param seed the random seed involved, or null when none was
 */
public record ShardSidecar(TokenDtype dtype, long tokens, long documents, int vocabSize, int eosId,
    String sha256, String tokenizerSha256, List<SourceFile> sources, String createdBy,
    Map<String, Object> config, Long seed) {

  public static final String FORMAT = "llmtrain-tokens";
  public static final int FORMAT_VERSION = 1;
  public static final String EOS_PLACEMENT = "after-each-document";

  public ShardSidecar {
    requireNonNull(dtype, "dtype");
    requireNonNull(sha256, "sha256");
    requireNonNull(createdBy, "createdBy");
    sources = List.copyOf(sources);
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }

  /** The sidecar of {@code shard}: {@code NAME.json} for {@code NAME.bin} (or {@code NAME}). */
  public static Path pathFor(Path shard) {
    String name = shard.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    Path sidecar = shard.resolveSibling(stem + ".json");
    if (sidecar.equals(shard)) {
      throw new IllegalArgumentException("a shard cannot be named .json: " + shard);
    }
    return sidecar;
  }

  /** The JSON written to disk, keys in a fixed order. */
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("format", FORMAT);
    o.put("formatVersion", FORMAT_VERSION);
    o.put("dtype", dtype.id());
    o.put("byteOrder", "little");
    o.put("tokens", tokens);
    o.put("documents", documents);
    o.put("vocabSize", vocabSize);
    o.put("eosId", eosId);
    o.put("eosPlacement", EOS_PLACEMENT);
    o.put("sha256", sha256);
    if (tokenizerSha256 == null) {
      o.putNull("tokenizerSha256");
    } else {
      o.put("tokenizerSha256", tokenizerSha256);
    }
    ArrayNode src = o.putArray("sources");
    for (SourceFile s : sources) {
      src.addObject().put("path", s.path()).put("sha256", s.sha256()).put("bytes", s.bytes());
    }
    o.put("createdBy", createdBy);
    o.set("config", Json.MAPPER.valueToTree(config));
    if (seed == null) {
      o.putNull("seed");
    } else {
      o.put("seed", seed);
    }
    return o;
  }

  /** Writes this sidecar to {@code file} atomically. */
  public void write(Path file) throws IOException {
    byte[] json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
    AtomicOutput.write(file, json, "\n".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads and checks a sidecar; every problem names the file and the field.
   *
   * @throws InputException when the file is missing, not JSON, or a field is missing or wrong
   */
  public static ShardSidecar read(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InputException(name, "missing: every token shard needs its sidecar", e);
    } catch (JsonProcessingException e) {
      throw new InputException(name, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(name, "cannot read: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(name, 0, null, "a shard sidecar must be a JSON object");
    }
    String format = text(name, root, "format", false);
    if (!FORMAT.equals(format)) {
      throw bad(name, "format", "expected \"" + FORMAT + "\", got \"" + format + "\"");
    }
    long version = number(name, root, "formatVersion", 1, Long.MAX_VALUE);
    if (version != FORMAT_VERSION) {
      throw bad(name, "formatVersion", "version " + version + " is not supported (this build "
          + "reads version " + FORMAT_VERSION + ")");
    }
    String dtypeId = text(name, root, "dtype", false);
    TokenDtype dtype = TokenDtype.fromId(dtypeId);
    if (dtype == null) {
      throw bad(name, "dtype", "expected uint16 or uint32, got \"" + dtypeId + "\"");
    }
    String order = text(name, root, "byteOrder", false);
    if (!"little".equals(order)) {
      throw bad(name, "byteOrder", "only \"little\" is supported, got \"" + order + "\"");
    }
    String placement = text(name, root, "eosPlacement", false);
    if (!EOS_PLACEMENT.equals(placement)) {
      throw bad(name, "eosPlacement", "expected \"" + EOS_PLACEMENT + "\", got \""
          + placement + "\"");
    }
    long tokens = number(name, root, "tokens", 0, Long.MAX_VALUE);
    long documents = number(name, root, "documents", 0, tokens);
    long vocab = number(name, root, "vocabSize", 1, dtype.limit());
    if (vocab > Integer.MAX_VALUE) {
      throw bad(name, "vocabSize", vocab + " is larger than this build supports");
    }
    long eos = number(name, root, "eosId", 0, vocab - 1);
    String sha = text(name, root, "sha256", false);
    String tokenizerSha = text(name, root, "tokenizerSha256", true);
    JsonNode src = root.get("sources");
    if (src == null || !src.isArray()) {
      throw bad(name, "sources", "missing or not a list");
    }
    List<SourceFile> sources = new ArrayList<>();
    for (int i = 0; i < src.size(); i++) {
      JsonNode s = src.get(i);
      String field = "sources[" + i + "]";
      if (!s.isObject()) {
        throw bad(name, field, "not an object");
      }
      sources.add(new SourceFile(text(name, s, "path", false, field + ".path"),
          text(name, s, "sha256", false, field + ".sha256"),
          number(name, s, "bytes", 0, Long.MAX_VALUE, field + ".bytes")));
    }
    String createdBy = text(name, root, "createdBy", false);
    JsonNode cfg = root.get("config");
    if (cfg == null || !cfg.isObject()) {
      throw bad(name, "config", "missing or not an object");
    }
    Map<String, Object> config = Json.MAPPER.convertValue(cfg,
        new TypeReference<LinkedHashMap<String, Object>>() { });
    JsonNode seedNode = root.get("seed");
    Long seed = null;
    if (seedNode != null && !seedNode.isNull()) {
      if (!seedNode.canConvertToLong() || !seedNode.isIntegralNumber()) {
        throw bad(name, "seed", "expected an integer or null, got " + seedNode);
      }
      seed = seedNode.asLong();
    }
    return new ShardSidecar(dtype, tokens, documents, (int) vocab, (int) eos, sha, tokenizerSha,
        sources, createdBy, config, seed);
  }

  /**
   * Checks that {@code shard}'s size is what this sidecar says.
   *
   * @throws InputException naming the shard and the {@code tokens} field otherwise
   */
  public void checkSize(Path shard, long fileBytes) {
    long expected = tokens * dtype.bytes();
    if (fileBytes != expected) {
      throw new InputException(shard.toString(), 0, "tokens", "the sidecar "
          + pathFor(shard).getFileName() + " says " + tokens + " " + dtype.id() + " tokens ("
          + expected + " bytes) but the file has " + fileBytes + " bytes");
    }
  }

  private static InputException bad(String file, String field, String problem) {
    return new InputException(file, 0, field, problem);
  }

  private static String text(String file, JsonNode o, String key, boolean nullable) {
    return text(file, o, key, nullable, key);
  }

  private static String text(String file, JsonNode o, String key, boolean nullable,
      String field) {
    JsonNode n = o.get(key);
    if (n == null) {
      throw bad(file, field, "missing");
    }
    if (n.isNull() && nullable) {
      return null;
    }
    if (!n.isTextual()) {
      throw bad(file, field, "expected a string, got " + n);
    }
    return n.asText();
  }

  private static long number(String file, JsonNode o, String key, long min, long max) {
    return number(file, o, key, min, max, key);
  }

  private static long number(String file, JsonNode o, String key, long min, long max,
      String field) {
    JsonNode n = o.get(key);
    if (n == null) {
      throw bad(file, field, "missing");
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw bad(file, field, "expected an integer, got " + n);
    }
    long v = n.asLong();
    if (v < min || v > max) {
      throw bad(file, field, v + " is outside [" + min + ", " + max + "]");
    }
    return v;
  }
}
