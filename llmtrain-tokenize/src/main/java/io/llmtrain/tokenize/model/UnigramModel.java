package io.llmtrain.tokenize.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SentencePiece's unigram language model: every piece has a log-probability score, and a text is
 * split into the pieces whose scores sum highest (Viterbi over the lattice of all pieces that
 * occur in it, found with a {@link PieceTrie}). A character no piece covers becomes the unknown
 * token, scored 10 below the lowest piece; consecutive unknown characters fuse into one unknown
 * token; with {@code byte_fallback} they become the {@code <0xXX>} tokens of their UTF-8 bytes
 * instead, when the vocabulary has them. Ties go to the first path found, scanning left to right
 * and shortest piece first, as Hugging Face {@code tokenizers} does, so both give the same ids.
 *
 * <p>Serializes to the {@code "Unigram"} model object of Hugging Face {@code tokenizer.json}.
 */
public final class UnigramModel implements Model {
  public static final String TYPE = "Unigram";
  /** How far below the lowest piece score an unknown character is scored (as Hugging Face). */
  public static final double UNK_PENALTY = 10.0;

  private final String[] pieces;
  private final double[] scores;
  private final int unkId;
  private final boolean byteFallback;
  private final Map<String, Integer> vocab;
  private final PieceTrie trie;
  private final double unkScore;
  /** Ids of {@code <0x00>..<0xFF>}, when byte fallback is on and all 256 are present. */
  private final int[] byteIds;

  /**
   * @param pieces vocabulary in id order, distinct
   * @param scores log-probability of each piece
   * @param unkId id of the unknown token, or -1 for none (then text with a character no piece
   *     covers cannot be encoded)
   */
  public UnigramModel(List<String> pieces, double[] scores, int unkId, boolean byteFallback) {
    requireNonNull(pieces, "pieces");
    requireNonNull(scores, "scores");
    checkArgument(pieces.size() == scores.length, "pieces (%s) and scores (%s) differ in length",
        pieces.size(), scores.length);
    checkArgument(unkId >= -1 && unkId < pieces.size(),
        "unkId %s is outside the vocabulary of %s pieces", unkId, pieces.size());
    this.pieces = pieces.toArray(new String[0]);
    this.scores = scores.clone();
    this.unkId = unkId;
    this.byteFallback = byteFallback;
    Map<String, Integer> v = new LinkedHashMap<>();
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < this.pieces.length; i++) {
      String p = requireNonNull(this.pieces[i], "piece");
      checkArgument(Double.isFinite(this.scores[i]), "score of piece '%s' must be finite, got %s",
          p, this.scores[i]);
      Integer previous = v.putIfAbsent(p, i);
      checkArgument(previous == null, "piece '%s' appears twice (ids %s and %s)", p, previous, i);
      min = Math.min(min, this.scores[i]);
    }
    this.vocab = Collections.unmodifiableMap(v);
    this.trie = new PieceTrie(this.pieces);
    this.unkScore = (this.pieces.length == 0 ? 0 : min) - UNK_PENALTY;
    int[] bytes = null;
    if (byteFallback) {
      bytes = new int[256];
      for (int b = 0; b < 256 && bytes != null; b++) {
        Integer id = v.get(byteToken(b));
        if (id == null) {
          bytes = null;
        } else {
          bytes[b] = id;
        }
      }
    }
    this.byteIds = bytes;
  }

  /** The byte-fallback token of byte {@code b}: {@code <0x41>} for 65. */
  public static String byteToken(int b) {
    return String.format(Locale.ROOT, "<0x%02X>", b);
  }

  /** Reads the {@code "model"} object of a {@code tokenizer.json}. Errors name the field. */
  public static UnigramModel fromJson(JsonNode node) {
    JsonFields.checkType(node, TYPE);
    JsonNode v = node.get("vocab");
    if (v == null || v.isNull()) {
      throw JsonFields.bad(TYPE, "vocab", "is missing");
    }
    if (!v.isArray()) {
      throw JsonFields.bad(TYPE, "vocab", "must be an array of [piece, score] pairs, got "
          + v.getNodeType());
    }
    List<String> pieces = new ArrayList<>(v.size());
    double[] scores = new double[v.size()];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isArray() || e.size() != 2 || !e.get(0).isTextual() || !e.get(1).isNumber()) {
        throw JsonFields.bad(TYPE, "vocab", "entry " + i + " must be [piece, score], got " + e);
      }
      String piece = e.get(0).textValue();
      Integer previous = seen.put(piece, i);
      if (previous != null) {
        throw JsonFields.bad(TYPE, "vocab", "has '" + piece + "' twice (entries " + previous
            + " and " + i + ")");
      }
      pieces.add(piece);
      scores[i] = e.get(1).doubleValue();
    }
    int unk = -1;
    JsonNode u = node.get("unk_id");
    if (u != null && !u.isNull()) {
      if (!u.isIntegralNumber() || !u.canConvertToInt() || u.intValue() < 0
          || u.intValue() >= pieces.size()) {
        throw JsonFields.bad(TYPE, "unk_id", "must be an id of the vocabulary (0 to "
            + (pieces.size() - 1) + "), got " + u);
      }
      unk = u.intValue();
    }
    boolean byteFallback = JsonFields.bool(node, TYPE, "byte_fallback", false);
    return new UnigramModel(pieces, scores, unk, byteFallback);
  }

  @Override
  public String type() {
    return TYPE;
  }

  public int unkId() {
    return unkId;
  }

  public boolean byteFallback() {
    return byteFallback;
  }

  public double score(int id) {
    return scores[id];
  }

  /** The pieces in id order. */
  public List<String> pieces() {
    return Collections.unmodifiableList(Arrays.asList(pieces));
  }

  /** The trie over this model's pieces. */
  public PieceTrie trie() {
    return trie;
  }

  @Override
  public List<Token> tokenize(String piece) {
    int n = piece.length();
    if (n == 0) {
      return List.of();
    }
    // Best path ending at each char position: its score, where its last token starts, its id.
    double[] best = new double[n + 1];
    int[] from = new int[n + 1];
    int[] idAt = new int[n + 1];
    Arrays.fill(from, -1);
    int longest = Math.max(1, trie.longestPiece());
    int[] ids = new int[longest];
    int[] ends = new int[longest];
    char[] chars = piece.toCharArray();
    for (int start = 0; start < n; start = Character.offsetByCodePoints(piece, start, 1)) {
      if (start > 0 && from[start] < 0) {
        continue; // unreachable: only happens inside a surrogate pair, never at a code point
      }
      double here = best[start];
      int charLen = Character.charCount(piece.codePointAt(start));
      int found = trie.prefixesAt(chars, start, n, ids, ends);
      boolean singleChar = false;
      for (int k = 0; k < found; k++) {
        int end = ends[k];
        double candidate = here + scores[ids[k]];
        if (from[end] < 0 || candidate > best[end]) {
          best[end] = candidate;
          from[end] = start;
          idAt[end] = ids[k];
        }
        singleChar |= end - start == charLen;
      }
      if (!singleChar) {
        int end = start + charLen;
        double candidate = here + unkScore;
        if (from[end] < 0 || candidate > best[end]) {
          if (unkId < 0) {
            throw new IllegalArgumentException("Unigram model has no unk_id and no piece covers '"
                + piece.substring(start, end) + "' in '" + piece + "'");
          }
          best[end] = candidate;
          from[end] = start;
          idAt[end] = unkId;
        }
      }
    }
    List<Token> reversed = new ArrayList<>();
    int end = n;
    int fusedEnd = -1;
    while (end > 0) {
      int start = from[end];
      if (unkId >= 0 && idAt[end] == unkId) {
        if (fusedEnd < 0) {
          fusedEnd = end;
        }
      } else {
        if (fusedEnd >= 0) {
          addUnknown(piece.substring(end, fusedEnd), reversed);
          fusedEnd = -1;
        }
        reversed.add(new Token(idAt[end], pieces[idAt[end]]));
      }
      end = start;
    }
    if (fusedEnd >= 0) {
      addUnknown(piece.substring(0, fusedEnd), reversed);
    }
    Collections.reverse(reversed);
    return reversed;
  }

  /** Adds (in reverse order) the tokens of a run of unknown characters. */
  private void addUnknown(String text, List<Token> reversed) {
    Integer id = vocab.get(text);
    if (id != null) {
      reversed.add(new Token(id, text));
    } else if (byteIds != null) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      for (int i = utf8.length - 1; i >= 0; i--) {
        int b = utf8[i] & 0xFF;
        reversed.add(new Token(byteIds[b], pieces[byteIds[b]]));
      }
    } else {
      reversed.add(new Token(unkId, pieces[unkId]));
    }
  }

  @Override
  public int tokenToId(String token) {
    Integer id = vocab.get(token);
    return id == null ? -1 : id;
  }

  @Override
  public String idToToken(int id) {
    return id >= 0 && id < pieces.length ? pieces[id] : null;
  }

  @Override
  public int vocabSize() {
    return pieces.length;
  }

  @Override
  public Map<String, Integer> vocab() {
    return vocab;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", TYPE);
    if (unkId >= 0) {
      o.put("unk_id", unkId);
    } else {
      o.putNull("unk_id");
    }
    ArrayNode v = o.putArray("vocab");
    for (int i = 0; i < pieces.length; i++) {
      v.addArray().add(pieces[i]).add(scores[i]);
    }
    o.put("byte_fallback", byteFallback);
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnigramModel m
        && unkId == m.unkId
        && byteFallback == m.byteFallback
        && Arrays.equals(pieces, m.pieces)
        && Arrays.equals(scores, m.scores);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(pieces) + Arrays.hashCode(scores)) + unkId
        + (byteFallback ? 1 : 0);
  }

  @Override
  public String toString() {
    return "UnigramModel{pieces=" + pieces.length + ", unkId=" + unkId + ", byteFallback="
        + byteFallback + "}";
  }
}
