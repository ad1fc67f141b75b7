package io.llmtrain.tokenize.normalizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import java.util.Objects;
import java.util.regex.Matcher;

/** Replaces every match of a literal or regex with {@code content} (e.g. ' ' to '▁'). */
public final class Replace implements Normalizer {
  private final SplitPattern pattern;
  private final String content;

  public Replace(SplitPattern pattern, String content) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.content = Objects.requireNonNull(content, "content");
  }

  public SplitPattern pattern() {
    return pattern;
  }

  public String content() {
    return content;
  }

  @Override
  public String type() {
    return "Replace";
  }

  @Override
  public String normalize(String text) {
    return pattern.pattern().matcher(text).replaceAll(Matcher.quoteReplacement(content));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    o.set("pattern", pattern.toJson());
    o.put("content", content);
    return o;
  }
}
