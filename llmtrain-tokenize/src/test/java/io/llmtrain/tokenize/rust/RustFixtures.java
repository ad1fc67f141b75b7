package io.llmtrain.tokenize.rust;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Texts in several scripts and the hand-made byte-level BPE tokenizer the tests share. */
public final class RustFixtures {
  public static final String ENGLISH = "The quick brown fox jumps over the lazy dog, and the dog "
      + "sleeps in the sun.\nIn the beginning God created the heaven and the earth.";
  public static final String PORTUGUESE = "A informação não é só de quem a possui: ação, "
      + "coração, pão e maçã.\nO avô disse que a canção é bonita.";
  public static final String CJK = "東京は日本の首都です。北京是中国的首都。서울은 한국의 수도입니다.";
  public static final String EMOJI = "Family: 👨‍👩‍👧‍👦, flags 🇧🇷🇵🇹, thumbs 👍🏽 and 🎉!";

  private RustFixtures() {
  }

  /**
   * {@code tokenizers/byte-bpe.json}: GPT-2 layout (ByteLevel pre-tokenizer without prefix space,
   * ByteLevel decoder), ids 0-255 the byte alphabet in byte order, 60 merges for common English
   * and Portuguese pieces (ids 256-315), and {@code <|endoftext|>} = 316.
   */
  public static Path byteBpe() {
    try {
      return Path.of(RustFixtures.class.getResource("/tokenizers/byte-bpe.json").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
