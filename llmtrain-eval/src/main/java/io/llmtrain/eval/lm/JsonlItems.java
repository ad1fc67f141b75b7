package io.llmtrain.eval.lm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads evaluation items, one JSON object a line (blank lines skipped), blaming file and line. */
final class JsonlItems {
  private JsonlItems() {
  }

  /** Turns one line's object into an item, throwing {@link InputException} for a bad field. */
  interface Parser<T> {
    T parse(JsonNode object, String file, long line);
  }

  static <T> List<T> read(Path file, Parser<T> parser) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file", null);
    }
    List<T> items = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long number = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InputException(file.toString(), number, null, "invalid JSON: "
              + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
          throw new InputException(file.toString(), number, null, "expected a JSON object");
        }
        items.add(parser.parse(n, file.toString(), number));
      }
    }
    if (items.isEmpty()) {
      throw new InputException(file.toString(), "has no items", null);
    }
    return items;
  }

  static String string(JsonNode n, String field, String file, long line) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new InputException(file, line, field, v == null ? "missing" : "must be a string");
    }
    return v.asText();
  }

  /** A non-empty list of strings. */
  static List<String> strings(JsonNode n, String field, String file, long line) {
    JsonNode v = n.get(field);
    if (v == null) {
      throw new InputException(file, line, field, "missing");
    }
    if (!v.isArray() || v.isEmpty()) {
      throw new InputException(file, line, field, "must be a non-empty list of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new InputException(file, line, field, "element " + i + " is not a string");
      }
      out.add(v.get(i).asText());
    }
    return List.copyOf(out);
  }
}
