package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** RoBERTa's {@code <s> A </s>} and {@code <s> A </s></s> B </s>}. */
public final class RobertaProcessing extends BertProcessing {
  private final boolean trimOffsets;
  private final boolean addPrefixSpace;

  public RobertaProcessing(String sepToken, int sepId, String clsToken, int clsId,
      boolean trimOffsets, boolean addPrefixSpace) {
    super(sepToken, sepId, clsToken, clsId);
    this.trimOffsets = trimOffsets;
    this.addPrefixSpace = addPrefixSpace;
  }

  @Override
  public String type() {
    return "RobertaProcessing";
  }

  @Override
  public int[] processPair(int[] first, int[] second) {
    int[] a = process(first);
    int[] out = java.util.Arrays.copyOf(a, a.length + second.length + 2);
    out[a.length] = sepId;
    System.arraycopy(second, 0, out, a.length + 1, second.length);
    out[out.length - 1] = sepId;
    return out;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode o = super.toJson();
    o.put("trim_offsets", trimOffsets);
    o.put("add_prefix_space", addPrefixSpace);
    return o;
  }
}
