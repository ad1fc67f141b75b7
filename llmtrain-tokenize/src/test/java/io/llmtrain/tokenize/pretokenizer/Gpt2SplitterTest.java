package io.llmtrain.tokenize.pretokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Gpt2SplitterTest {
  /** Characters of every class the regex tells apart, and the tricky ones. */
  static final int[] ALPHABET = {' ', ' ', ' ', '\n', '\t', '\r', 0x0B, 0x0C, 0x85, 0xA0, 0x2003,
      0x3000, 0x1C, 'a', 'Z', 's', 't', 'r', 'e', 'v', 'm', 'l', 'd', '\'', '\'', 'é', 'ç', '日',
      0x1F600, 0x1D518, '1', '9', '٣', '½', 'Ⅻ', '!', '.', '-', '€', 0x0301, 0x200B, 0xFEFF, 0,
      0xD800};

  @Test
  void scannerSplitsExactlyAsTheRegex() throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = getClass().getResourceAsStream("/tokenize/multiscript.txt")) {
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      texts.add(all);
      texts.addAll(all.lines().toList());
    }
    Random random = new Random(42);
    for (int k = 0; k < 20_000; k++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int i = 0; i < len; i++) {
        sb.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
      }
      texts.add(sb.toString());
    }
    for (String t : texts) {
      assertThat(Gpt2Splitter.split(t)).as("split of %s", t)
          .isEqualTo(ByteLevel.splitWithRegex(t));
    }
  }
}
