package io.llmtrain.tokenize.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Preconditions;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Byte-pair encoding as Hugging Face's {@code BPE} model: a piece starts as its characters (with
 * the continuation prefix and end-of-word suffix where configured, byte tokens {@code <0xAB>}
 * for unknown characters with {@code byte_fallback}, else the unknown token) and adjacent symbols
 * merge by rank, lowest rank first and leftmost among equals. Merging uses a priority queue over
 * a linked list of symbols, so long pieces cost O(n log n), not O(n²). Immutable, thread-safe.
 */
public final class BpeModel implements Model {
  private final Map<String, Integer> vocab;
  private final String[] idToToken;
  private final List<String[]> merges;
  /** pair (a, b) to the merge's index in {@link #mergeRank}/{@link #mergeResult}. */
  private final LongIntMap pairIndex;
  private final int[] mergeRank;
  private final int[] mergeResult;
  private final String unkToken;
  private final String continuingSubwordPrefix;
  private final String endOfWordSuffix;
  private final boolean fuseUnk;
  private final boolean byteFallback;
  private final boolean ignoreMerges;
  /** Ids of single BMP characters without prefix or suffix, -1 when absent: the hot path. */
  private final int[] charIds;

  private BpeModel(Builder b) {
    Objects.requireNonNull(b.vocab, "vocab");
    Objects.requireNonNull(b.merges, "merges");
    int maxId = -1;
    for (Map.Entry<String, Integer> e : b.vocab.entrySet()) {
      Preconditions.checkArgument(e.getValue() != null && e.getValue() >= 0,
          "vocab: id of '%s' must be >= 0, got %s", e.getKey(), e.getValue());
      maxId = Math.max(maxId, e.getValue());
    }
    idToToken = new String[maxId + 1];
    for (Map.Entry<String, Integer> e : b.vocab.entrySet()) {
      Preconditions.checkArgument(idToToken[e.getValue()] == null,
          "vocab: id %s is used by both '%s' and '%s'", e.getValue(), idToToken[e.getValue()],
          e.getKey());
      idToToken[e.getValue()] = e.getKey();
    }
    Map<String, Integer> ordered = new LinkedHashMap<>();
    for (int i = 0; i < idToToken.length; i++) {
      if (idToToken[i] != null) {
        ordered.put(idToToken[i], i);
      }
    }
    this.vocab = Collections.unmodifiableMap(ordered);
    this.unkToken = b.unkToken;
    this.continuingSubwordPrefix = b.continuingSubwordPrefix;
    this.endOfWordSuffix = b.endOfWordSuffix;
    this.fuseUnk = b.fuseUnk;
    this.byteFallback = b.byteFallback;
    this.ignoreMerges = b.ignoreMerges;
    Preconditions.checkArgument(unkToken == null || vocab.containsKey(unkToken),
        "unkToken '%s' is not in the vocabulary", unkToken);

    List<String[]> mergeList = new ArrayList<>(b.merges.size());
    pairIndex = new LongIntMap(b.merges.size());
    mergeRank = new int[b.merges.size()];
    mergeResult = new int[b.merges.size()];
    int prefixLen = continuingSubwordPrefix == null ? 0 : continuingSubwordPrefix.length();
    for (int i = 0; i < b.merges.size(); i++) {
      String[] m = b.merges.get(i);
      Preconditions.checkArgument(m != null && m.length == 2, "merges[%s] must be a pair", i);
      Integer a = vocab.get(m[0]);
      Integer c = vocab.get(m[1]);
      if (a == null || c == null) {
        throw new TokenizerJsonException("model.merges[" + i + "]", "'"
            + (a == null ? m[0] : m[1]) + "' is not in the vocabulary");
      }
      String right = prefixLen > 0 && m[1].startsWith(continuingSubwordPrefix)
          ? m[1].substring(prefixLen) : m[1];
      Integer r = vocab.get(m[0] + right);
      if (r == null) {
        throw new TokenizerJsonException("model.merges[" + i + "]", "the merged token '"
            + m[0] + right + "' is not in the vocabulary");
      }
      mergeList.add(new String[] {m[0], m[1]});
      // a repeated pair keeps its last rank, as Hugging Face's map does
      pairIndex.put(LongIntMap.pair(a, c), i);
      mergeRank[i] = i;
      mergeResult[i] = r;
    }
    this.merges = Collections.unmodifiableList(mergeList);
    charIds = new int[65536];
    Arrays.fill(charIds, -1);
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      String k = e.getKey();
      if (k.length() == 1) {
        charIds[k.charAt(0)] = e.getValue();
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String type() {
    return "BPE";
  }

  public List<String[]> merges() {
    return merges;
  }

  public String unkToken() {
    return unkToken;
  }

  public String continuingSubwordPrefix() {
    return continuingSubwordPrefix;
  }

  public String endOfWordSuffix() {
    return endOfWordSuffix;
  }

  public boolean fuseUnk() {
    return fuseUnk;
  }

  public boolean byteFallback() {
    return byteFallback;
  }

  public boolean ignoreMerges() {
    return ignoreMerges;
  }

  @Override
  public List<Token> tokenize(String piece) {
    int[] ids = tokenizeToIds(piece);
    List<Token> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(new Token(id, idToToken[id]));
    }
    return out;
  }

  @Override
  public int[] tokenizeToIds(String piece) {
    if (piece.isEmpty()) {
      return new int[0];
    }
    if (ignoreMerges) {
      Integer whole = vocab.get(piece);
      if (whole != null) {
        return new int[] {whole};
      }
    }
    int[] symbols = initialSymbols(piece);
    return mergeAll(symbols);
  }

  /** The piece's starting symbols: characters, byte tokens, or (fused) unknown tokens. */
  private int[] initialSymbols(String w) {
    int[] out = new int[w.length() + 4];
    int n = 0;
    int unkId = unkToken == null ? -1 : vocab.get(unkToken);
    boolean pendingUnk = false;
    // GPT-2's file writes "" for both: the same as none
    String prefix = continuingSubwordPrefix == null || continuingSubwordPrefix.isEmpty()
        ? null : continuingSubwordPrefix;
    String suffix = endOfWordSuffix == null || endOfWordSuffix.isEmpty() ? null : endOfWordSuffix;
    boolean plain = prefix == null && suffix == null;
    for (int i = 0; i < w.length(); ) {
      int cp = w.codePointAt(i);
      int len = Character.charCount(cp);
      boolean first = i == 0;
      boolean last = i + len == w.length();
      i += len;
      int id = -1;
      String s = null;
      if (len == 1 && (plain || ((first || prefix == null) && (!last || suffix == null)))) {
        id = charIds[cp];
      } else {
        s = new String(Character.toChars(cp));
        if (!first && prefix != null) {
          s = prefix + s;
        }
        if (last && suffix != null) {
          s = s + suffix;
        }
        Integer v = vocab.get(s);
        id = v == null ? -1 : v;
      }
      if (id >= 0) {
        if (pendingUnk) {
          out = add(out, n++, unkId);
          pendingUnk = false;
        }
        out = add(out, n++, id);
        continue;
      }
      if (byteFallback) {
        if (s == null) {
          s = new String(Character.toChars(cp));
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int[] byteIds = new int[bytes.length];
        boolean all = true;
        for (int k = 0; k < bytes.length && all; k++) {
          Integer v = vocab.get(String.format("<0x%02X>", bytes[k] & 0xFF));
          all = v != null;
          byteIds[k] = all ? v : -1;
        }
        if (all) {
          for (int v : byteIds) {
            out = add(out, n++, v);
          }
          continue;
        }
      }
      if (unkId >= 0) {
        if (pendingUnk && !fuseUnk) {
          out = add(out, n++, unkId);
        }
        pendingUnk = true;
      }
    }
    if (pendingUnk) {
      out = add(out, n++, unkId);
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] add(int[] a, int i, int v) {
    int[] b = i < a.length ? a : Arrays.copyOf(a, a.length * 2 + 4);
    b[i] = v;
    return b;
  }

  /** Applies merges by rank (then position) over a linked list of symbols. */
  private int[] mergeAll(int[] c) {
    int n = c.length;
    if (n < 2) {
      return c;
    }
    int[] prev = new int[n];
    int[] next = new int[n];
    boolean[] removed = new boolean[n];
    for (int i = 0; i < n; i++) {
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    LongHeap heap = new LongHeap(n);
    for (int i = 0; i + 1 < n; i++) {
      int m = pairIndex.get(LongIntMap.pair(c[i], c[i + 1]), -1);
      if (m >= 0) {
        heap.push(((long) mergeRank[m] << 32) | i);
      }
    }
    while (!heap.isEmpty()) {
      long top = heap.pop();
      int pos = (int) top;
      int rank = (int) (top >>> 32);
      if (removed[pos] || next[pos] < 0) {
        continue;
      }
      int right = next[pos];
      int m = pairIndex.get(LongIntMap.pair(c[pos], c[right]), -1);
      if (m < 0 || mergeRank[m] != rank) {
        continue; // stale entry: one of the two symbols changed since it was queued
      }
      c[pos] = mergeResult[m];
      removed[right] = true;
      next[pos] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = pos;
      }
      if (prev[pos] >= 0) {
        int pm = pairIndex.get(LongIntMap.pair(c[prev[pos]], c[pos]), -1);
        if (pm >= 0) {
          heap.push(((long) mergeRank[pm] << 32) | prev[pos]);
        }
      }
      if (next[pos] >= 0) {
        int nm = pairIndex.get(LongIntMap.pair(c[pos], c[next[pos]]), -1);
        if (nm >= 0) {
          heap.push(((long) mergeRank[nm] << 32) | pos);
        }
      }
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!removed[i]) {
        c[k++] = c[i];
      }
    }
    return Arrays.copyOf(c, k);
  }

  @Override
  public int tokenToId(String token) {
    Integer id = vocab.get(token);
    return id == null ? -1 : id;
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < idToToken.length ? idToToken[id] : null;
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public Map<String, Integer> vocab() {
    return vocab;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    o.putNull("dropout");
    putNullable(o, "unk_token", unkToken);
    putNullable(o, "continuing_subword_prefix", continuingSubwordPrefix);
    putNullable(o, "end_of_word_suffix", endOfWordSuffix);
    o.put("fuse_unk", fuseUnk);
    o.put("byte_fallback", byteFallback);
    o.put("ignore_merges", ignoreMerges);
    ObjectNode v = o.putObject("vocab");
    vocab.forEach(v::put);
    ArrayNode m = o.putArray("merges");
    for (String[] pair : merges) {
      m.addArray().add(pair[0]).add(pair[1]);
    }
    return o;
  }

  private static void putNullable(ObjectNode o, String field, String value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value);
    }
  }

  /**
   * Reads the {@code model} object of a {@code tokenizer.json} with {@code "type": "BPE"};
   * merges may be {@code "a b"} strings (older files) or {@code ["a", "b"]} pairs.
   */
  public static BpeModel fromJson(JsonNode node) {
    String path = "model";
    JsonNode dropout = JsonFields.object(node, path).get("dropout");
    if (dropout != null && !dropout.isNull()
        && !(dropout.isNumber() && dropout.doubleValue() == 0.0)) {
      throw new TokenizerJsonException("model.dropout", "BPE dropout is not supported (got "
          + dropout + "); encoding must be deterministic, set it to null");
    }
    JsonNode vocabNode = JsonFields.object(JsonFields.required(node, "vocab", path),
        "model.vocab");
    Map<String, Integer> vocab = new HashMap<>(vocabNode.size() * 2);
    var it = vocabNode.fields();
    while (it.hasNext()) {
      var e = it.next();
      vocab.put(e.getKey(), JsonFields.integer(e.getValue(), "model.vocab." + e.getKey()));
    }
    JsonNode mergesNode = JsonFields.array(node, "merges", path);
    List<String[]> merges = new ArrayList<>(mergesNode.size());
    for (int i = 0; i < mergesNode.size(); i++) {
      JsonNode m = mergesNode.get(i);
      String p = "model.merges[" + i + "]";
      if (m.isTextual()) {
        String s = m.textValue();
        int space = s.indexOf(' ', 1);
        if (space < 0 || s.indexOf(' ', space + 1) >= 0) {
          throw new TokenizerJsonException(p, "expected \"left right\" with one space, got '"
              + s + "'");
        }
        merges.add(new String[] {s.substring(0, space), s.substring(space + 1)});
      } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
        merges.add(new String[] {m.get(0).textValue(), m.get(1).textValue()});
      } else {
        throw new TokenizerJsonException(p, "expected a pair of strings or \"left right\", got "
            + m);
      }
    }
    Builder b = builder().vocab(vocab).merges(merges)
        .unkToken(JsonFields.optString(node, "unk_token", path))
        .continuingSubwordPrefix(JsonFields.optString(node, "continuing_subword_prefix", path))
        .endOfWordSuffix(JsonFields.optString(node, "end_of_word_suffix", path))
        .fuseUnk(JsonFields.optBool(node, "fuse_unk", path, false))
        .byteFallback(JsonFields.optBool(node, "byte_fallback", path, false))
        .ignoreMerges(JsonFields.optBool(node, "ignore_merges", path, false));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      if (e instanceof TokenizerJsonException) {
        throw e;
      }
      throw new TokenizerJsonException(path, e.getMessage());
    }
  }

  /** Builds a {@link BpeModel}; vocab and merges are required, every option off by default. */
  public static final class Builder {
    private Map<String, Integer> vocab;
    private List<String[]> merges;
    private String unkToken;
    private String continuingSubwordPrefix;
    private String endOfWordSuffix;
    private boolean fuseUnk;
    private boolean byteFallback;
    private boolean ignoreMerges;

    private Builder() {
    }

    public Builder vocab(Map<String, Integer> vocab) {
      this.vocab = vocab;
      return this;
    }

    /** Merges in rank order, each {@code {left, right}}. */
    public Builder merges(List<String[]> merges) {
      this.merges = merges;
      return this;
    }

    public Builder unkToken(String unkToken) {
      this.unkToken = unkToken;
      return this;
    }

    public Builder continuingSubwordPrefix(String prefix) {
      this.continuingSubwordPrefix = prefix;
      return this;
    }

    public Builder endOfWordSuffix(String suffix) {
      this.endOfWordSuffix = suffix;
      return this;
    }

    public Builder fuseUnk(boolean fuseUnk) {
      this.fuseUnk = fuseUnk;
      return this;
    }

    public Builder byteFallback(boolean byteFallback) {
      this.byteFallback = byteFallback;
      return this;
    }

    public Builder ignoreMerges(boolean ignoreMerges) {
      this.ignoreMerges = ignoreMerges;
      return this;
    }

    public BpeModel build() {
      return new BpeModel(this);
    }
  }
}
