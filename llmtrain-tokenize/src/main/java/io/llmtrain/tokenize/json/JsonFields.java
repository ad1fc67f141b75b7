package io.llmtrain.tokenize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, path-aware reads of {@code tokenizer.json} objects: every failure names the JSON path of
 * the field, so a corrupt file is diagnosed without a debugger.
 */
public final class JsonFields {
  private JsonFields() {
  }

  public static ObjectNode object(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new TokenizerJsonException(path, "expected an object, got " + describe(node));
    }
    return (ObjectNode) node;
  }

  public static JsonNode required(JsonNode obj, String field, String path) {
    JsonNode v = object(obj, path).get(field);
    if (v == null) {
      throw new TokenizerJsonException(join(path, field), "missing");
    }
    return v;
  }

  public static String string(JsonNode obj, String field, String path) {
    JsonNode v = required(obj, field, path);
    if (!v.isTextual()) {
      throw new TokenizerJsonException(join(path, field), "expected a string, got " + describe(v));
    }
    return v.textValue();
  }

  /** A string that may be absent or null. */
  public static String optString(JsonNode obj, String field, String path) {
    JsonNode v = object(obj, path).get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new TokenizerJsonException(join(path, field), "expected a string or null, got "
          + describe(v));
    }
    return v.textValue();
  }

  public static boolean bool(JsonNode obj, String field, String path) {
    JsonNode v = required(obj, field, path);
    if (!v.isBoolean()) {
      throw new TokenizerJsonException(join(path, field), "expected true or false, got "
          + describe(v));
    }
    return v.booleanValue();
  }

  /** A boolean that may be absent, with the default Hugging Face uses then. */
  public static boolean optBool(JsonNode obj, String field, String path, boolean defaultValue) {
    JsonNode v = object(obj, path).get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    return bool(obj, field, path);
  }

  /** A boolean that may be null (tri-state, as BertNormalizer's strip_accents). */
  public static Boolean optBoolean(JsonNode obj, String field, String path) {
    JsonNode v = object(obj, path).get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return bool(obj, field, path);
  }

  public static int integer(JsonNode obj, String field, String path) {
    return integer(required(obj, field, path), join(path, field));
  }

  public static int integer(JsonNode v, String path) {
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new TokenizerJsonException(path, "expected an integer, got " + describe(v));
    }
    return v.intValue();
  }

  public static ArrayNode array(JsonNode obj, String field, String path) {
    JsonNode v = required(obj, field, path);
    if (!v.isArray()) {
      throw new TokenizerJsonException(join(path, field), "expected an array, got " + describe(v));
    }
    return (ArrayNode) v;
  }

  public static String join(String path, String field) {
    return path == null || path.isEmpty() ? field : path + "." + field;
  }

  public static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    String s = v.toString();
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + (s.length() > 60 ? s.substring(0, 60) + "..." : s);
  }
}
