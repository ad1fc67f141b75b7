package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.JsonFields;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code pattern} of Split, Replace: a literal ({@code {"String": ...}}) or a regular
 * expression ({@code {"Regex": ...}}). Regexes compile with Unicode character classes, because
 * Oniguruma (what Hugging Face uses) reads {@code \s}, {@code \w} and {@code \d} as Unicode
 * classes; Java's backtracking engine then gives the same leftmost matches for the GPT-2 and
 * GPT-4/Llama 3 patterns, lookaheads such as {@code \s+(?!\S)} included.
 */
public final class SplitPattern {
  private final String source;
  private final boolean regex;
  private final Pattern compiled;

  private SplitPattern(String source, boolean regex) {
    this.source = Objects.requireNonNull(source, "pattern");
    this.regex = regex;
    this.compiled = regex
        ? Pattern.compile(source, Pattern.UNICODE_CHARACTER_CLASS)
        : Pattern.compile(Pattern.quote(source));
  }

  public static SplitPattern literal(String s) {
    return new SplitPattern(s, false);
  }

  public static SplitPattern regex(String r) {
    return new SplitPattern(r, true);
  }

  public Pattern pattern() {
    return compiled;
  }

  public boolean isRegex() {
    return regex;
  }

  public String source() {
    return source;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put(regex ? "Regex" : "String", source);
    return o;
  }

  public static SplitPattern fromJson(JsonNode node, String path) {
    ObjectNode o = JsonFields.object(node, path);
    if (o.has("Regex")) {
      String r = JsonFields.string(o, "Regex", path);
      try {
        return regex(r);
      } catch (PatternSyntaxException e) {
        throw new TokenizerJsonException(JsonFields.join(path, "Regex"),
            "not a valid regular expression: " + e.getDescription());
      }
    }
    if (o.has("String")) {
      return literal(JsonFields.string(o, "String", path));
    }
    throw new TokenizerJsonException(path, "expected {\"String\": ...} or {\"Regex\": ...}");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SplitPattern p && p.regex == regex && p.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + (regex ? 1 : 0);
  }
}
