package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;
import java.util.Objects;

/**
 * Splits at the matches of a pattern with a {@link SplitBehavior}; {@code invert} splits at the
 * non-matches instead. Llama 3 and GPT-4 style files use it with {@link #GPT4_PATTERN}.
 */
public final class Split implements PreTokenizer {
  /** The cl100k (GPT-4) pattern that Llama 3's tokenizer.json carries. */
  public static final String GPT4_PATTERN =
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}|"
          + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

  private final SplitPattern pattern;
  private final SplitBehavior behavior;
  private final boolean invert;

  public Split(SplitPattern pattern, SplitBehavior behavior, boolean invert) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.behavior = Objects.requireNonNull(behavior, "behavior");
    this.invert = invert;
  }

  /** The Llama 3 / GPT-4 pre-split: the cl100k regex, matches isolated. */
  public static Split gpt4() {
    return new Split(SplitPattern.regex(GPT4_PATTERN), SplitBehavior.Isolated, false);
  }

  @Override
  public String type() {
    return "Split";
  }

  @Override
  public List<String> split(String normalized) {
    return behavior.split(normalized, pattern.pattern(), invert);
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    o.set("pattern", pattern.toJson());
    o.put("behavior", behavior.name());
    o.put("invert", invert);
    return o;
  }
}
