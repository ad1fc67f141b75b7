package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.Objects;

/** BERT's {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]}. */
public class BertProcessing implements PostProcessor {
  protected final String sepToken;
  protected final int sepId;
  protected final String clsToken;
  protected final int clsId;

  public BertProcessing(String sepToken, int sepId, String clsToken, int clsId) {
    this.sepToken = Objects.requireNonNull(sepToken, "sepToken");
    this.sepId = sepId;
    this.clsToken = Objects.requireNonNull(clsToken, "clsToken");
    this.clsId = clsId;
  }

  @Override
  public String type() {
    return "BertProcessing";
  }

  @Override
  public int[] process(int[] ids) {
    int[] out = new int[ids.length + 2];
    out[0] = clsId;
    System.arraycopy(ids, 0, out, 1, ids.length);
    out[out.length - 1] = sepId;
    return out;
  }

  @Override
  public int[] processPair(int[] first, int[] second) {
    int[] a = process(first);
    int[] out = java.util.Arrays.copyOf(a, a.length + second.length + 1);
    System.arraycopy(second, 0, out, a.length, second.length);
    out[out.length - 1] = sepId;
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type());
    o.putArray("sep").add(sepToken).add(sepId);
    o.putArray("cls").add(clsToken).add(clsId);
    return o;
  }
}
