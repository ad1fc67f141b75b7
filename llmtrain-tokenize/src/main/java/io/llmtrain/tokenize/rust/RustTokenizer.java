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
import io.llmtrain.core.io.Texts;
import io.llmtrain.tokenize.TextEncoder;
import io.llmtrain.tokenize.shard.ParallelTextEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * only when a call asks for them. Unpaired surrogates are encoded as U+FFFD.
 *
 * <p>Long texts of GPT-2-style byte-level BPE tokenizers are cut at line breaks where the
 * pre-tokenizer splits anyway (see {@link #lineSplit}), which gives the same ids, runs faster
 * (the King James Bible as one text: 0.36 MB/s in one native call, about 1 MB/s in pieces, on a
 * loaded two-core machine) and spreads one long document over the threads of a batch.
 *
 * <p>Thread-safe: one native tokenizer is shared by all threads (the Rust encode takes it by
 * shared reference). Close it to free the native memory and the pool.
 */
public final class RustTokenizer implements TextEncoder, AutoCloseable {
  private final Path file;
  private final String sha256;
  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> ids;
  private final int vocabSize;
  private final int threads;
  private final ExecutorService pool;
  private final LineSplit lineSplit;

  /** Texts longer than twice this many chars are encoded in pieces of about this size. */
  static final int PIECE_CHARS = 16_384;

  /**
   * When a long text may be cut into pieces at line breaks and encoded piece by piece with the
   * same ids as a whole: Hugging Face tokenizers spend several times longer per byte on one long
   * text than on its pieces (measured, see the class comment), and pieces also let one long
   * document use several threads.
   */
  enum LineSplit {
    /** The pipeline is not one where cutting is provably the same. */
    NEVER,
    /** Only without special tokens: the post-processor would add them to every piece. */
    WITHOUT_SPECIAL_TOKENS,
    ALWAYS
  }

  private RustTokenizer(Path file, String sha256, HuggingFaceTokenizer tokenizer,
      Map<String, Integer> ids, int vocabSize, int threads, LineSplit lineSplit) {
    this.file = file;
    this.sha256 = sha256;
    this.tokenizer = tokenizer;
    this.ids = ids;
    this.vocabSize = vocabSize;
    this.threads = threads;
    this.lineSplit = lineSplit;
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
    return new RustTokenizer(tokenizerJson, sha, tokenizer, Map.copyOf(ids), maxId + 1, threads,
        lineSplit(root));
  }

  /**
   * Cutting right after a {@code '\n'} that has a visible character on both sides gives the same
   * pieces as the whole text exactly when: no normalizer; a BPE model; the GPT-2 ByteLevel
   * pre-tokenizer with its regex and without a prefix space (the regex never joins such a line
   * break with its neighbours, and no space is added at the start of each piece); and no added
   * token that contains a line break or strips whitespace on its left (it could reach across the
   * cut). Anything else (Metaspace, a Split regex, normalizers) is encoded whole.
   */
  static LineSplit lineSplit(JsonNode root) {
    JsonNode normalizer = root.get("normalizer");
    JsonNode model = root.get("model");
    JsonNode pre = root.get("pre_tokenizer");
    boolean safe = (normalizer == null || normalizer.isNull())
        && model != null && "BPE".equals(model.path("type").asText())
        && pre != null && "ByteLevel".equals(pre.path("type").asText())
        && pre.path("add_prefix_space").isBoolean() && !pre.path("add_prefix_space").asBoolean()
        && pre.path("use_regex").asBoolean(true);
    JsonNode added = root.get("added_tokens");
    if (safe && added != null && added.isArray()) {
      for (JsonNode t : added) {
        if (t.path("lstrip").asBoolean(false) || t.path("content").asText().indexOf('\n') >= 0) {
          safe = false;
        }
      }
    }
    if (!safe) {
      return LineSplit.NEVER;
    }
    JsonNode post = root.get("post_processor");
    boolean postAddsNothing = post == null || post.isNull()
        || "ByteLevel".equals(post.path("type").asText());
    return postAddsNothing ? LineSplit.ALWAYS : LineSplit.WITHOUT_SPECIAL_TOKENS;
  }

  private boolean splits(boolean addSpecialTokens) {
    return lineSplit == LineSplit.ALWAYS
        || (lineSplit == LineSplit.WITHOUT_SPECIAL_TOKENS && !addSpecialTokens);
  }

  /**
   * {@code text} cut after line breaks with a visible character on both sides, into pieces of at
   * least {@code target} chars (the last may be up to twice that); one piece when no such line
   * break is found.
   */
  static List<String> pieces(String text, int target) {
    int n = text.length();
    if (n <= 2 * target) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    while (n - from > 2 * target) {
      int cut = -1;
      for (int i = from + target; i < n - 1; i++) {
        if (text.charAt(i) == '\n' && visible(text.charAt(i - 1))
            && visible(text.charAt(i + 1))) {
          cut = i + 1;
          break;
        }
      }
      if (cut < 0) {
        break;
      }
      out.add(text.substring(from, cut));
      from = cut;
    }
    out.add(text.substring(from));
    return out;
  }

  /** Surely not whitespace for any regex engine's {@code \s}: printable ASCII, letters, digits. */
  private static boolean visible(char c) {
    return (c > 0x20 && c < 0x7F) || Character.isLetterOrDigit(c);
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
    if (splits(addSpecialTokens) && text.length() > 2 * PIECE_CHARS) {
      List<String> pieces = pieces(text, PIECE_CHARS);
      if (pieces.size() > 1) {
        return concat(pieces.stream().map(p -> encodeWhole(p, addSpecialTokens)).toList());
      }
    }
    return encodeWhole(text, addSpecialTokens);
  }

  private static int[] concat(List<int[]> parts) {
    int total = 0;
    for (int[] p : parts) {
      total += p.length;
    }
    int[] out = new int[total];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Encodes {@code text} in one native call. */
  int[] encodeWhole(String text, boolean addSpecialTokens) {
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
    return Texts.replaceLoneSurrogates(text, "\uFFFD");
  }

  /** Encodes on {@link #threads()} threads, in order; long texts are spread over threads too. */
  @Override
  public List<int[]> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    requireNonNull(texts, "texts");
    if (!splits(addSpecialTokens)) {
      return ParallelTextEncoder.encodeInParallel(pool, threads, texts,
          t -> encodeWhole(t, addSpecialTokens));
    }
    List<String> flat = new ArrayList<>(texts.size());
    int[] counts = new int[texts.size()];
    for (int i = 0; i < texts.size(); i++) {
      List<String> p = pieces(requireNonNull(texts.get(i), "text"), PIECE_CHARS);
      counts[i] = p.size();
      flat.addAll(p);
    }
    List<int[]> encoded = ParallelTextEncoder.encodeInParallel(pool, threads, flat,
        t -> encodeWhole(t, addSpecialTokens));
    if (flat.size() == texts.size()) {
      return encoded;
    }
    List<int[]> out = new ArrayList<>(texts.size());
    int at = 0;
    for (int c : counts) {
      out.add(c == 1 ? encoded.get(at) : concat(encoded.subList(at, at + c)));
      at += c;
    }
    return out;
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
