package io.llmtrain.tokenize.rust;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.hash.Hashing;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.TextEncoder;
import io.llmtrain.tokenize.shard.ParallelTextEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The fast encoding path: a {@code tokenizer.json} run by the Hugging Face {@code tokenizers}
 * library (Rust) through DJL's JNI binding, with batches spread over a pool of threads.
 *
 * <p>Whatever the file says about truncation and padding is switched off: a token dataset needs
 * every token of every document, and DJL would otherwise cut inputs at the file's
 * {@code truncation.max_length} (or its default model maximum of 512). Special tokens are added
 * only when a call asks for them.
 *
 * <p>Thread-safe: the Rust tokenizer is shared by all threads (its encode takes no lock except the
 * BPE cache's). Close it to free the native memory and the pool.
 */
public final class RustTokenizer implements TextEncoder, AutoCloseable {
  private final Path file;
  private final String sha256;
  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> ids;
  private final int vocabSize;
  private final int threads;
  private final ExecutorService pool;

  private RustTokenizer(Path file, String sha256, HuggingFaceTokenizer tokenizer,
      Map<String, Integer> ids, int vocabSize, int threads) {
    this.file = file;
    this.sha256 = sha256;
    this.tokenizer = tokenizer;
    this.ids = ids;
    this.vocabSize = vocabSize;
    this.threads = threads;
    this.pool = threads > 1 ? ParallelTextEncoder.newPool(threads, "llmtrain-rust-encode") : null;
  }

  /** Loads {@code tokenizerJson}, encoding batches on as many threads as there are cores. */
  public static RustTokenizer load(Path tokenizerJson) {
    return load(tokenizerJson, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Loads {@code tokenizerJson}; {@link #encodeBatch} uses {@code threads} threads (1: the
   * caller's).
   *
   * @throws InputException when the file cannot be read or is not a tokenizer the library accepts
   * @throws NativeTokenizerUnavailableException when the native library cannot be loaded here
   */
  public static RustTokenizer load(Path tokenizerJson, int threads) {
    requireNonNull(tokenizerJson, "tokenizerJson");
    checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
    String name = tokenizerJson.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(tokenizerJson);
    } catch (IOException e) {
      throw new InputException(name, "cannot read tokenizer file: " + e, e);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new InputException(name, "not valid JSON: " + e.getMessage(), e);
    }
    Map<String, Integer> ids = new HashMap<>();
    int maxId = readIds(name, root, ids);
    HuggingFaceTokenizer tokenizer = open(name, bytes);
    String sha = Hashing.sha256().hashBytes(bytes).toString();
    return new RustTokenizer(tokenizerJson, sha, tokenizer, Map.copyOf(ids), maxId + 1, threads);
  }

  private static HuggingFaceTokenizer open(String name, byte[] bytes) {
    // Library options, not the file, decide: no truncation, no padding (see the class comment).
    Map<String, String> options = Map.of("truncation", "false", "padding", "false",
        "addSpecialTokens", "false");
    try {
      // Loads the library first, so a missing native library is told apart from a bad file.
      LibUtils.checkStatus();
    } catch (LinkageError | RuntimeException e) {
      throw new NativeTokenizerUnavailableException("cannot load the Hugging Face tokenizers "
          + "native library to read " + name + " (use the Java encoder instead): " + e, e);
    }
    try {
      return HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), options);
    } catch (LinkageError e) {
      throw new NativeTokenizerUnavailableException("cannot load the Hugging Face tokenizers "
          + "native library to read " + name + " (use the Java encoder instead): " + e, e);
    } catch (IOException | RuntimeException e) {
      throw new InputException(name, "not a tokenizer the Hugging Face library accepts: "
          + e.getMessage(), e);
    }
  }

  /** Fills {@code ids} from {@code model.vocab} and {@code added_tokens}; returns the top id. */
  private static int readIds(String name, JsonNode root, Map<String, Integer> ids) {
    if (!root.isObject()) {
      throw new InputException(name, 0, null, "a tokenizer.json must be a JSON object");
    }
    JsonNode model = root.get("model");
    if (model == null || !model.isObject()) {
      throw new InputException(name, 0, "model", "missing or not an object");
    }
    JsonNode vocab = model.get("vocab");
    int max = -1;
    if (vocab != null && vocab.isObject()) {
      for (Map.Entry<String, JsonNode> e : vocab.properties()) {
        if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
          throw new InputException(name, 0, "model.vocab", "id of '" + e.getKey()
              + "' is not a non-negative integer: " + e.getValue());
        }
        int id = e.getValue().asInt();
        ids.put(e.getKey(), id);
        max = Math.max(max, id);
      }
    } else if (vocab != null && vocab.isArray()) {
      // Unigram: [[piece, score], ...], the id is the position.
      for (int i = 0; i < vocab.size(); i++) {
        JsonNode entry = vocab.get(i);
        if (!entry.isArray() || entry.isEmpty() || !entry.get(0).isTextual()) {
          throw new InputException(name, 0, "model.vocab[" + i + "]",
              "expected [piece, score], got " + entry);
        }
        ids.putIfAbsent(entry.get(0).asText(), i);
        max = i;
      }
    } else {
      throw new InputException(name, 0, "model.vocab", "missing or neither an object nor a list");
    }
    JsonNode added = root.get("added_tokens");
    if (added != null && !added.isNull()) {
      if (!added.isArray()) {
        throw new InputException(name, 0, "added_tokens", "not a list");
      }
      for (int i = 0; i < added.size(); i++) {
        JsonNode t = added.get(i);
        JsonNode id = t.get("id");
        JsonNode content = t.get("content");
        if (id == null || !id.canConvertToInt() || id.asInt() < 0 || content == null
            || !content.isTextual()) {
          throw new InputException(name, 0, "added_tokens[" + i + "]",
              "needs a non-negative integer 'id' and a string 'content'");
        }
        ids.put(content.asText(), id.asInt());
        max = Math.max(max, id.asInt());
      }
    }
    if (max < 0) {
      throw new InputException(name, 0, "model.vocab", "the vocabulary is empty");
    }
    return max;
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    requireNonNull(text, "text");
    // The JNI calls directly: DJL's Encoding would also copy tokens, spans and masks we never use,
    // which costs more than the encoding itself on short texts.
    long handle = tokenizer.getHandle();
    long encoding = TokenizersLibrary.LIB.encode(handle, withoutLoneSurrogates(text),
        addSpecialTokens);
    try {
      long[] wide = TokenizersLibrary.LIB.getTokenIds(encoding);
      int[] out = new int[wide.length];
      for (int i = 0; i < wide.length; i++) {
        out[i] = (int) wide[i];
      }
      return out;
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  /**
   * {@code text} with each unpaired surrogate replaced by U+FFFD. Through JNI an unpaired
   * surrogate would reach Rust as three invalid bytes, each becoming its own U+FFFD; replacing it
   * first gives the one U+FFFD that Java's own UTF-8 encoding and the Java encoder produce.
   */
  static String withoutLoneSurrogates(String text) {
    int n = text.length();
    StringBuilder sb = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      boolean paired = Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        if (sb != null) {
          sb.append(c).append(text.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(n).append(text, 0, i);
      }
      sb.append('\uFFFD');
    }
    return sb == null ? text : sb.toString();
  }

  /** Encodes on {@link #threads()} threads, in order. */
  @Override
  public List<int[]> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    requireNonNull(texts, "texts");
    return ParallelTextEncoder.encodeInParallel(pool, threads, texts,
        t -> encode(t, addSpecialTokens));
  }

  @Override
  public String decode(int[] tokenIds, boolean skipSpecialTokens) {
    requireNonNull(tokenIds, "ids");
    long[] wide = new long[tokenIds.length];
    for (int i = 0; i < tokenIds.length; i++) {
      int id = tokenIds[i];
      checkArgument(id >= 0 && id < vocabSize, "token id %s at position %s is outside the "
          + "vocabulary [0, %s) of %s", id, i, vocabSize, file);
      wide[i] = id;
    }
    return tokenizer.decode(wide, skipSpecialTokens);
  }

  /** One more than the highest id of the vocabulary and the added tokens. */
  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int tokenToId(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  public Path file() {
    return file;
  }

  /** SHA-256 (hex) of the {@code tokenizer.json} bytes, for a dataset's provenance. */
  public String sha256() {
    return sha256;
  }

  public int threads() {
    return threads;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "RustTokenizer{" + file + ", vocabSize=" + vocabSize + ", threads=" + threads + '}';
  }
}
