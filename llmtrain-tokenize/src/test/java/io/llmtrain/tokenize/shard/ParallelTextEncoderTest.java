package io.llmtrain.tokenize.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.tokenize.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParallelTextEncoderTest {
  /** One id per character, the character's value; refuses texts containing '!'. */
  static final TextEncoder CHARS = new TextEncoder() {
    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
      if (text.contains("!")) {
        throw new IllegalArgumentException("no '!' please: " + text);
      }
      return text.chars().toArray();
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
      return new String(ids, 0, ids.length);
    }

    @Override
    public int vocabSize() {
      return 0x10000;
    }

    @Override
    public int tokenToId(String token) {
      return token.length() == 1 ? token.charAt(0) : -1;
    }
  };

  @Test
  void unevenTextsComeBackInOrder() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      texts.add("t" + i + "x".repeat((i * 7919) % 3000));
    }
    try (ParallelTextEncoder p = ParallelTextEncoder.of(CHARS, 3)) {
      List<int[]> ids = p.encodeBatch(texts, false);
      assertThat(ids).hasSize(texts.size());
      for (int i = 0; i < texts.size(); i++) {
        assertThat(p.decode(ids.get(i), false)).isEqualTo(texts.get(i));
      }
    }
  }

  @Test
  void aFailingTextFailsTheBatchWithItsOwnException() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add(i == 137 ? "bad!" : "ok " + i);
    }
    try (ParallelTextEncoder p = ParallelTextEncoder.of(CHARS, 2)) {
      assertThatThrownBy(() -> p.encodeBatch(texts, false))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad!");
    }
    assertThatThrownBy(() -> ParallelTextEncoder.of(CHARS, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
  }
}
