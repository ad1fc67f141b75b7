package io.llmtrain.tokenize.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.AddedToken;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.decoder.Decoders;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.model.UnigramModel;
import io.llmtrain.tokenize.model.WordPieceModel;
import io.llmtrain.tokenize.model.Model;
import io.llmtrain.tokenize.normalizer.Normalizers;
import io.llmtrain.tokenize.pretokenizer.PreTokenizers;
import io.llmtrain.tokenize.processor.PostProcessors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes Hugging Face {@code tokenizer.json} files (format version 1.0): what we write
 * loads in Hugging Face tokenizers (and DJL) and encodes to the same ids. Reading dispatches on
 * each component's {@code "type"}; unknown types and missing or ill-typed fields fail with a
 * {@link TokenizerJsonException} naming the JSON path and the file.
 */
public final class TokenizerJson {
  private TokenizerJson() {
  }

  /** The whole file as a JSON object, fields in Hugging Face's order. */
  public static ObjectNode toJson(Tokenizer t) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", "1.0");
    o.putNull("truncation");
    o.putNull("padding");
    ArrayNode added = o.putArray("added_tokens");
    t.addedTokens().stream().sorted((a, b) -> Integer.compare(a.id(), b.id()))
        .forEach(a -> added.add(a.toJson()));
    o.set("normalizer", t.normalizer() == null ? o.nullNode() : t.normalizer().toJson());
    o.set("pre_tokenizer", t.preTokenizer() == null ? o.nullNode() : t.preTokenizer().toJson());
    o.set("post_processor", t.postProcessor() == null ? o.nullNode()
        : t.postProcessor().toJson());
    o.set("decoder", t.decoder() == null ? o.nullNode() : t.decoder().toJson());
    o.set("model", t.model().toJson());
    return o;
  }

  public static String toJsonString(Tokenizer t) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(t));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize tokenizer", e);
    }
  }

  public static void write(Tokenizer t, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    // temporary file, fsync, rename: a crash never leaves half a tokenizer behind
    io.llmtrain.core.io.AtomicOutput.write(file, toJsonString(t).getBytes(StandardCharsets.UTF_8));
  }

  /** Reads a file; errors name the file and the JSON path. */
  public static Tokenizer read(Path file) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromJson(root, file.toString());
  }

  public static Tokenizer fromJsonString(String json, String sourceName) {
    try {
      return fromJson(Json.MAPPER.readTree(json), sourceName);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(new IOException(sourceName + ": not valid JSON: "
          + e.getOriginalMessage(), e));
    }
  }

  /** Builds a tokenizer from a parsed file; {@code sourceName} appears in error messages. */
  public static Tokenizer fromJson(JsonNode root, String sourceName) {
    try {
      return parse(root);
    } catch (TokenizerJsonException e) {
      throw new TokenizerJsonException(sourceName, e);
    }
  }

  private static Tokenizer parse(JsonNode root) {
    JsonFields.object(root, "");
    JsonNode version = root.get("version");
    if (version != null && !version.isNull() && !"1.0".equals(version.asText())) {
      throw new TokenizerJsonException("version", "unsupported version '" + version.asText()
          + "', expected \"1.0\"");
    }
    for (String ignored : new String[] {"truncation", "padding"}) {
      JsonNode v = root.get(ignored);
      if (v != null && !v.isNull()) {
        // the pure-Java encoder encodes whole texts; silently ignoring would change the ids
        throw new TokenizerJsonException(ignored, "must be null: the Java tokenizer does not "
            + "truncate or pad (do it on the ids)");
      }
    }
    Tokenizer.Builder b = Tokenizer.builder();
    Model model = model(JsonFields.required(root, "model", ""));
    b.model(model);
    JsonNode n = root.get("normalizer");
    if (n != null && !n.isNull()) {
      b.normalizer(Normalizers.fromJson(n, "normalizer"));
    }
    n = root.get("pre_tokenizer");
    if (n != null && !n.isNull()) {
      b.preTokenizer(PreTokenizers.fromJson(n, "pre_tokenizer"));
    }
    n = root.get("post_processor");
    if (n != null && !n.isNull()) {
      b.postProcessor(PostProcessors.fromJson(n, "post_processor"));
    }
    n = root.get("decoder");
    if (n != null && !n.isNull()) {
      b.decoder(Decoders.fromJson(n, "decoder"));
    }
    JsonNode added = root.get("added_tokens");
    if (added != null && !added.isNull()) {
      if (!added.isArray()) {
        throw new TokenizerJsonException("added_tokens", "expected an array");
      }
      for (int i = 0; i < added.size(); i++) {
        String p = "added_tokens[" + i + "]";
        JsonNode a = added.get(i);
        AddedToken t;
        try {
          t = new AddedToken(JsonFields.integer(a, "id", p), JsonFields.string(a, "content", p),
              JsonFields.optBool(a, "single_word", p, false),
              JsonFields.optBool(a, "lstrip", p, false), JsonFields.optBool(a, "rstrip", p, false),
              JsonFields.optBool(a, "normalized", p, true),
              JsonFields.optBool(a, "special", p, false));
        } catch (TokenizerJsonException e) {
          throw e;
        } catch (IllegalArgumentException e) {
          throw new TokenizerJsonException(p, e.getMessage());
        }
        b.addedToken(t);
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (e instanceof TokenizerJsonException) {
        throw e;
      }
      throw new TokenizerJsonException("added_tokens", e.getMessage());
    }
  }

  /** Reports a model's own argument errors (which name the field) under {@code model}. */
  private static Model modelField(java.util.function.Supplier<Model> read) {
    try {
      return read.get();
    } catch (TokenizerJsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new TokenizerJsonException("model", e.getMessage());
    }
  }

  /** The model, dispatching on {@code model.type}. */
  static Model model(JsonNode node) {
    String type = JsonFields.string(node, "type", "model");
    return switch (type) {
      case "BPE" -> BpeModel.fromJson(node);
      case "WordPiece" -> modelField(() -> WordPieceModel.fromJson(node));
      case "Unigram" -> modelField(() -> UnigramModel.fromJson(node));
      default -> throw new TokenizerJsonException("model.type", "unsupported model type '"
          + type + "', expected BPE, WordPiece or Unigram");
    };
  }
}
