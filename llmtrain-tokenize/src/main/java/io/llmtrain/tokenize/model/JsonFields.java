package io.llmtrain.tokenize.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading {@code tokenizer.json} model fields with errors that name the field. */
final class JsonFields {
  private JsonFields() {
  }

  static IllegalArgumentException bad(String model, String field, String problem) {
    return new IllegalArgumentException(model + " model field '" + field + "' " + problem);
  }

  static void checkType(JsonNode node, String model) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(model + " model must be a JSON object, got "
          + (node == null ? "nothing" : node.getNodeType()));
    }
    JsonNode type = node.get("type");
    // Hugging Face accepts a model without "type" when its fields identify it.
    if (type != null && !type.isNull() && !model.equals(type.asText())) {
      throw bad(model, "type", "must be \"" + model + "\", got " + type);
    }
  }

  static String string(JsonNode node, String model, String field, String defaultValue) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isTextual()) {
      throw bad(model, field, "must be a string, got " + v);
    }
    return v.textValue();
  }

  static int integer(JsonNode node, String model, String field, int defaultValue, int min) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
      throw bad(model, field, "must be an integer of at least " + min + ", got " + v);
    }
    return v.intValue();
  }

  static boolean bool(JsonNode node, String model, String field, boolean defaultValue) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      throw bad(model, field, "must be true or false, got " + v);
    }
    return v.booleanValue();
  }
}
