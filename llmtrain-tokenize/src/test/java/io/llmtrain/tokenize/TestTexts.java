package io.llmtrain.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The shipped multi-script fixture and hand-written edge cases. */
final class TestTexts {
  private TestTexts() {
  }

  static String fixture() {
    try (InputStream in = TestTexts.class.getResourceAsStream("/tokenize/multiscript.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> fixtureLines() {
    return fixture().lines().toList();
  }

  /** Strings that stress byte-level round trips and the regexes. */
  static final List<String> EDGE_CASES = List.of(
      "", " ", "  ", "\n", "\n\n\n", "\t \t", "a", "é", "e\u0301", "\u00A0non-breaking\u00A0",
      "ação", "ÁÉÍÓÚ ãõ ç", "日本語", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math", "🤖", "👩🏾‍💻 codes", "🇧🇷",
      "zero\u200Bwidth", "tab\tsep", "trailing spaces   ", "   leading", "a  b   c    d",
      "it's they're we've I'm you'll he'd", "IT'S SHOUTING", "x\r\ny", "123456789",
      "\u0000\u0001\u007F control", "\uFFFD replacement", "\uFEFFBOM", "<|endoftext|>",
      "text<|endoftext|>more", "<|endoftext|><|endoftext|>", "price: 1,299.99€",
      "if (a < b && c > d) { return; }", "¿Qué? ¡Sí!", "Ελληνικά", "עברית", "हिन्दी",
      "ไทย", "     \n    \n", "....!!!???", "a\u0300\u0301\u0302");
}
