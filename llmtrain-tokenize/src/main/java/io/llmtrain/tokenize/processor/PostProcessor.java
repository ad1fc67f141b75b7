package io.llmtrain.tokenize.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Last step of encoding: adds special tokens around an encoded sequence (BOS/EOS, [CLS]/[SEP]).
 * Mirrors the {@code post_processor} object of a Hugging Face {@code tokenizer.json}.
 */
public interface PostProcessor {

  String type();

  /** The ids of a single sequence with the special tokens this processor adds. */
  int[] process(int[] ids);

  /** The ids of a pair of sequences (question and context, say) with the special tokens added. */
  default int[] processPair(int[] first, int[] second) {
    int[] a = process(first);
    int[] out = java.util.Arrays.copyOf(a, a.length + second.length);
    System.arraycopy(second, 0, out, a.length, second.length);
    return out;
  }

  ObjectNode toJson();
}
