package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;

/**
 * GPT-2's byte-level post-processor. In Hugging Face it only trims character offsets; ids pass
 * through unchanged, so files that name it load and encode alike.
 */
public final class ByteLevelProcessor implements PostProcessor {
  private final boolean addPrefixSpace;
  private final boolean trimOffsets;
  private final boolean useRegex;

  public ByteLevelProcessor(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    this.addPrefixSpace = addPrefixSpace;
    this.trimOffsets = trimOffsets;
    this.useRegex = useRegex;
  }

  @Override
  public String type() {
    return "ByteLevel";
  }

  @Override
  public int[] process(int[] ids) {
    return ids;
  }

  @Override
  public ObjectNode toJson() {
    return ByteLevel.json(type(), addPrefixSpace, trimOffsets, useRegex);
  }
}
