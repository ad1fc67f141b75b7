package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;

/** Post-processors applied in turn (Llama 3: ByteLevel then TemplateProcessing). */
public final class ProcessorSequence implements PostProcessor {
  private final List<PostProcessor> processors;

  public ProcessorSequence(List<? extends PostProcessor> processors) {
    this.processors = List.copyOf(processors);
  }

  @Override
  public String type() {
    return "Sequence";
  }

  @Override
  public int[] process(int[] ids) {
    int[] out = ids;
    for (PostProcessor p : processors) {
      out = p.process(out);
    }
    return out;
  }

  @Override
  public int[] processPair(int[] first, int[] second) {
    // Hugging Face merges the pair in the first processor that adds tokens; the ones before it
    // (ByteLevel) leave ids alone, so the last template decides
    int[] out = null;
    for (PostProcessor p : processors) {
      if (!(p instanceof ByteLevelProcessor)) {
        out = out == null ? p.processPair(first, second) : p.process(out);
      }
    }
    return out == null ? PostProcessor.super.processPair(first, second) : out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    ArrayNode a = o.putArray("processors");
    processors.forEach(p -> a.add(p.toJson()));
    return o;
  }
}
