package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Preconditions;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's template post-processor: {@code single} and {@code pair} are lists of pieces, a
 * sequence ({@code $A}, {@code $B}) or a special token, and {@code special_tokens} gives each
 * special token's ids. For example {@code single = "<s> $A </s>"}.
 */
public final class TemplateProcessing implements PostProcessor {
  /** One piece of a template: a sequence ("A"/"B") or a special token name, with its type id. */
  public record Piece(boolean special, String id, int typeId) {
    ObjectNode toJson() {
      ObjectNode inner = Json.MAPPER.createObjectNode().put("id", id).put("type_id", typeId);
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.set(special ? "SpecialToken" : "Sequence", inner);
      return o;
    }
  }

  /** A special token of a template: its name, ids and token strings. */
  public record SpecialToken(String id, int[] ids, List<String> tokens) {
    ObjectNode toJson() {
      ObjectNode o = Json.MAPPER.createObjectNode().put("id", id);
      ArrayNode a = o.putArray("ids");
      for (int i : ids) {
        a.add(i);
      }
      ArrayNode t = o.putArray("tokens");
      tokens.forEach(t::add);
      return o;
    }
  }

  private final List<Piece> single;
  private final List<Piece> pair;
  private final Map<String, SpecialToken> specialTokens;

  public TemplateProcessing(List<Piece> single, List<Piece> pair,
      Map<String, SpecialToken> specialTokens) {
    this.single = List.copyOf(single);
    this.pair = List.copyOf(pair);
    this.specialTokens = new LinkedHashMap<>(specialTokens);
    for (List<Piece> t : List.of(this.single, this.pair)) {
      for (Piece p : t) {
        Preconditions.checkArgument(!p.special() || specialTokens.containsKey(p.id()),
            "template uses special token '%s' missing from specialTokens", p.id());
      }
    }
  }

  /**
   * Parses the template syntax Hugging Face accepts ({@code "<s> $A </s>"}, {@code "$B:1"});
   * {@code tokens} maps every special token of the templates to its id.
   */
  public static TemplateProcessing of(String single, String pair, Map<String, Integer> tokens) {
    Map<String, SpecialToken> specials = new LinkedHashMap<>();
    tokens.forEach((k, v) -> specials.put(k, new SpecialToken(k, new int[] {v}, List.of(k))));
    return new TemplateProcessing(parse(single), parse(pair), specials);
  }

  static List<Piece> parse(String template) {
    List<Piece> out = new ArrayList<>();
    for (String part : template.trim().split("\\s+")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part;
      int typeId = 0;
      int colon = part.lastIndexOf(':');
      if (colon > 0 && part.substring(colon + 1).matches("\\d+")) {
        name = part.substring(0, colon);
        typeId = Integer.parseInt(part.substring(colon + 1));
      }
      if (name.startsWith("$")) {
        String seq = name.substring(1);
        if (seq.isEmpty() || seq.equals("A")) {
          out.add(new Piece(false, "A", typeId));
        } else if (seq.equals("B")) {
          out.add(new Piece(false, "B", typeId));
        } else if (seq.matches("\\d+")) {
          out.add(new Piece(false, "A", Integer.parseInt(seq)));
        } else {
          throw new IllegalArgumentException("template piece '" + part + "' is neither $A nor $B");
        }
      } else {
        out.add(new Piece(true, name, typeId));
      }
    }
    return out;
  }

  @Override
  public String type() {
    return "TemplateProcessing";
  }

  @Override
  public int[] process(int[] ids) {
    return apply(single, ids, new int[0]);
  }

  @Override
  public int[] processPair(int[] first, int[] second) {
    return apply(pair, first, second);
  }

  private int[] apply(List<Piece> template, int[] a, int[] b) {
    int n = 0;
    for (Piece p : template) {
      n += p.special() ? specialTokens.get(p.id()).ids().length : (p.id().equals("A") ? a : b).length;
    }
    int[] out = new int[n];
    int k = 0;
    for (Piece p : template) {
      int[] src = p.special() ? specialTokens.get(p.id()).ids() : (p.id().equals("A") ? a : b);
      System.arraycopy(src, 0, out, k, src.length);
      k += src.length;
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    ArrayNode s = o.putArray("single");
    single.forEach(p -> s.add(p.toJson()));
    ArrayNode p2 = o.putArray("pair");
    pair.forEach(p -> p2.add(p.toJson()));
    ObjectNode st = o.putObject("special_tokens");
    specialTokens.forEach((k, v) -> st.set(k, v.toJson()));
    return o;
  }

  static TemplateProcessing fromJson(JsonNode node, String path) {
    List<Piece> single = pieces(node, "single", path);
    List<Piece> pair = pieces(node, "pair", path);
    Map<String, SpecialToken> specials = new LinkedHashMap<>();
    ObjectNode st = JsonFields.object(JsonFields.required(node, "special_tokens", path),
        JsonFields.join(path, "special_tokens"));
    var it = st.fields();
    while (it.hasNext()) {
      var e = it.next();
      String p = JsonFields.join(path, "special_tokens") + "." + e.getKey();
      JsonNode idsNode = JsonFields.array(e.getValue(), "ids", p);
      int[] ids = new int[idsNode.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = JsonFields.integer(idsNode.get(i), JsonFields.index(p + ".ids", i));
      }
      List<String> toks = new ArrayList<>();
      JsonNode tn = JsonFields.array(e.getValue(), "tokens", p);
      for (int i = 0; i < tn.size(); i++) {
        if (!tn.get(i).isTextual()) {
          throw new TokenizerJsonException(JsonFields.index(p + ".tokens", i), "expected a string");
        }
        toks.add(tn.get(i).textValue());
      }
      specials.put(e.getKey(), new SpecialToken(JsonFields.string(e.getValue(), "id", p), ids,
          toks));
    }
    for (Piece piece : single) {
      if (piece.special() && !specials.containsKey(piece.id())) {
        throw new TokenizerJsonException(JsonFields.join(path, "special_tokens"),
            "missing the special token '" + piece.id() + "' used by the template");
      }
    }
    return new TemplateProcessing(single, pair, specials);
  }

  private static List<Piece> pieces(JsonNode node, String field, String path) {
    List<Piece> out = new ArrayList<>();
    JsonNode a = JsonFields.array(node, field, path);
    for (int i = 0; i < a.size(); i++) {
      String p = JsonFields.index(JsonFields.join(path, field), i);
      JsonNode item = JsonFields.object(a.get(i), p);
      boolean special = item.has("SpecialToken");
      String key = special ? "SpecialToken" : "Sequence";
      JsonNode inner = JsonFields.required(item, key, p);
      String ip = JsonFields.join(p, key);
      out.add(new Piece(special, JsonFields.string(inner, "id", ip),
          JsonFields.integer(inner, "type_id", ip)));
    }
    return out;
  }
}
