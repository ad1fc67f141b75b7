package io.llmtrain.tokenize.decoder;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Preconditions;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;

/** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters. */
public final class Strip extends ChainDecoder {
  private final char content;
  private final int start;
  private final int stop;

  public Strip(char content, int start, int stop) {
    Preconditions.checkArgument(start >= 0, "start must be >= 0, got %s", start);
    Preconditions.checkArgument(stop >= 0, "stop must be >= 0, got %s", stop);
    this.content = content;
    this.start = start;
    this.stop = stop;
  }

  @Override
  public String type() {
    return "Strip";
  }

  @Override
  public List<String> decodeChain(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      int a = 0;
      while (a < start && a < t.length() && t.charAt(a) == content) {
        a++;
      }
      int b = t.length();
      int removed = 0;
      while (removed < stop && b > a && t.charAt(b - 1) == content) {
        b--;
        removed++;
      }
      out.add(t.substring(a, b));
    }
    return out;
  }

  @Override
  public ObjectNode toJson() {
    return Json.MAPPER.createObjectNode().put("type", type())
        .put("content", String.valueOf(content)).put("start", start).put("stop", stop);
  }
}
