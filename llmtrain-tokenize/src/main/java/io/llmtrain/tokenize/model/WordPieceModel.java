package io.llmtrain.tokenize.model;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * BERT's WordPiece: a word is split greedily into the longest vocabulary entry from its start,
 * then the longest entry (with the continuation prefix {@code ##}) from where that one ends, and
 * so on. A word with a part no entry matches, or longer than {@code max_input_chars_per_word}
 * characters, becomes the single unknown token, as Hugging Face and the original BERT code do.
 *
 * <p>Serializes to the {@code "WordPiece"} model object of Hugging Face {@code tokenizer.json}.
 */
public final class WordPieceModel implements Model {
  public static final String TYPE = "WordPiece";
  public static final String DEFAULT_UNK_TOKEN = "[UNK]";
  public static final String DEFAULT_PREFIX = "##";
  public static final int DEFAULT_MAX_INPUT_CHARS_PER_WORD = 100;

  private final Map<String, Integer> vocab;
  private final String[] idToToken;
  private final String unkToken;
  private final int unkId;
  private final String continuingSubwordPrefix;
  private final int maxInputCharsPerWord;
  /** Longest entry in characters, prefix excluded: bounds the search from each position. */
  private final int longestEntry;

  /**
   * @param vocab token to id; ids distinct and non-negative. Iteration order is irrelevant.
   * @param unkToken must be in {@code vocab}
   */
  public WordPieceModel(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix,
      int maxInputCharsPerWord) {
    requireNonNull(vocab, "vocab");
    requireNonNull(unkToken, "unkToken");
    requireNonNull(continuingSubwordPrefix, "continuingSubwordPrefix");
    checkArgument(maxInputCharsPerWord > 0, "maxInputCharsPerWord must be positive, got %s",
        maxInputCharsPerWord);
    checkArgument(vocab.containsKey(unkToken), "unkToken '%s' is not in the vocabulary", unkToken);
    int maxId = -1;
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      checkArgument(e.getValue() != null && e.getValue() >= 0, "vocab id of '%s' must be >= 0",
          e.getKey());
      maxId = Math.max(maxId, e.getValue());
    }
    String[] byId = new String[maxId + 1];
    TreeMap<Integer, String> ordered = new TreeMap<>();
    int longest = 0;
    for (Map.Entry<String, Integer> e : vocab.entrySet()) {
      String previous = byId[e.getValue()];
      checkArgument(previous == null, "vocab id %s is given to both '%s' and '%s'", e.getValue(),
          previous, e.getKey());
      byId[e.getValue()] = e.getKey();
      ordered.put(e.getValue(), e.getKey());
      String t = e.getKey();
      if (!continuingSubwordPrefix.isEmpty() && t.startsWith(continuingSubwordPrefix)) {
        t = t.substring(continuingSubwordPrefix.length());
      }
      longest = Math.max(longest, t.length());
    }
    Map<String, Integer> inOrder = new LinkedHashMap<>();
    ordered.forEach((id, token) -> inOrder.put(token, id));
    this.vocab = Collections.unmodifiableMap(inOrder);
    this.idToToken = byId;
    this.unkToken = unkToken;
    this.unkId = vocab.get(unkToken);
    this.continuingSubwordPrefix = continuingSubwordPrefix;
    this.maxInputCharsPerWord = maxInputCharsPerWord;
    this.longestEntry = longest;
  }

  /** A model with the default prefix {@code ##} and word length limit 100. */
  public WordPieceModel(Map<String, Integer> vocab, String unkToken) {
    this(vocab, unkToken, DEFAULT_PREFIX, DEFAULT_MAX_INPUT_CHARS_PER_WORD);
  }

  /**
   * Reads the {@code "model"} object of a {@code tokenizer.json}; missing optional fields take
   * Hugging Face's defaults. Errors name the field.
   */
  public static WordPieceModel fromJson(JsonNode node) {
    JsonFields.checkType(node, TYPE);
    String unk = JsonFields.string(node, TYPE, "unk_token", DEFAULT_UNK_TOKEN);
    String prefix = JsonFields.string(node, TYPE, "continuing_subword_prefix", DEFAULT_PREFIX);
    int max = JsonFields.integer(node, TYPE, "max_input_chars_per_word",
        DEFAULT_MAX_INPUT_CHARS_PER_WORD, 1);
    JsonNode v = node.get("vocab");
    if (v == null || v.isNull()) {
      throw JsonFields.bad(TYPE, "vocab", "is missing");
    }
    if (!v.isObject()) {
      throw JsonFields.bad(TYPE, "vocab", "must be an object of token to id, got "
          + v.getNodeType());
    }
    Map<String, Integer> vocab = new LinkedHashMap<>();
    Map<Integer, String> seen = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode id = e.getValue();
      if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
        throw JsonFields.bad(TYPE, "vocab", "entry '" + e.getKey()
            + "' must have a non-negative integer id, got " + id);
      }
      String other = seen.put(id.intValue(), e.getKey());
      if (other != null) {
        throw JsonFields.bad(TYPE, "vocab", "gives id " + id + " to both '" + other + "' and '"
            + e.getKey() + "'");
      }
      vocab.put(e.getKey(), id.intValue());
    }
    if (!vocab.containsKey(unk)) {
      throw JsonFields.bad(TYPE, "unk_token", "'" + unk + "' is not in the vocabulary");
    }
    return new WordPieceModel(vocab, unk, prefix, max);
  }

  @Override
  public String type() {
    return TYPE;
  }

  public String unkToken() {
    return unkToken;
  }

  public String continuingSubwordPrefix() {
    return continuingSubwordPrefix;
  }

  public int maxInputCharsPerWord() {
    return maxInputCharsPerWord;
  }

  @Override
  public List<Token> tokenize(String piece) {
    if (piece.isEmpty()) {
      return List.of();
    }
    int length = piece.length();
    if (piece.codePointCount(0, length) > maxInputCharsPerWord) {
      return List.of(new Token(unkId, unkToken));
    }
    List<Token> out = new ArrayList<>();
    StringBuilder candidate = new StringBuilder(continuingSubwordPrefix.length() + length);
    int start = 0;
    while (start < length) {
      int end = Math.min(length, start + longestEntry);
      if (end < length && Character.isHighSurrogate(piece.charAt(end - 1))) {
        end++; // never split a surrogate pair: the bound is in chars, entries in code points
      }
      Integer found = null;
      String foundText = null;
      while (end > start) {
        candidate.setLength(0);
        if (start > 0) {
          candidate.append(continuingSubwordPrefix);
        }
        candidate.append(piece, start, end);
        String text = candidate.toString();
        found = vocab.get(text);
        if (found != null) {
          foundText = text;
          break;
        }
        end -= Character.isLowSurrogate(piece.charAt(end - 1)) && end - 2 >= start ? 2 : 1;
      }
      if (found == null) {
        return List.of(new Token(unkId, unkToken));
      }
      out.add(new Token(found, foundText));
      start = end;
    }
    return out;
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
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", TYPE);
    o.put("unk_token", unkToken);
    o.put("continuing_subword_prefix", continuingSubwordPrefix);
    o.put("max_input_chars_per_word", maxInputCharsPerWord);
    ObjectNode v = o.putObject("vocab");
    vocab.forEach(v::put);
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WordPieceModel m
        && maxInputCharsPerWord == m.maxInputCharsPerWord
        && unkToken.equals(m.unkToken)
        && continuingSubwordPrefix.equals(m.continuingSubwordPrefix)
        && vocab.equals(m.vocab);
  }

  @Override
  public int hashCode() {
    return Objects.hash(vocab, unkToken, continuingSubwordPrefix, maxInputCharsPerWord);
  }

  @Override
  public String toString() {
    return "WordPieceModel{vocab=" + vocab.size() + ", unk=" + unkToken + ", prefix="
        + continuingSubwordPrefix + ", maxInputCharsPerWord=" + maxInputCharsPerWord + "}";
  }
}
