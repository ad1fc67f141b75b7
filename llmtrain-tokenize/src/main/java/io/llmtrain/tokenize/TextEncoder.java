package io.llmtrain.tokenize;

import java.util.ArrayList;
import java.util.List;

/**
 * Text to token ids and back: what the token-dataset writer and the trainers downstream need
 * from a tokenizer. Two implementations share it: the pure-Java {@code Tokenizer} (the reference,
 * and the fallback where the native library is missing) and the Hugging Face Rust encoder through
 * DJL (the fast path). Both must give the same ids for the same {@code tokenizer.json}.
 * Thread-safe.
 */
public interface TextEncoder {

  /** The ids of {@code text}, with the special tokens the post-processor adds when asked. */
  int[] encode(String text, boolean addSpecialTokens);

  /** Text of {@code ids}; special tokens are left out when {@code skipSpecialTokens}. */
  String decode(int[] ids, boolean skipSpecialTokens);

  int vocabSize();

  /** Id of a vocabulary entry or added token, or -1. */
  int tokenToId(String token);

  /** Encodes many texts; implementations may batch or parallelize. Order is kept. */
  default List<int[]> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    List<int[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(encode(t, addSpecialTokens));
    }
    return out;
  }
}
