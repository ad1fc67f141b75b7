package io.llmtrain.data.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.data.normalize.NormalizeConfig.EmDash;
import io.llmtrain.data.normalize.NormalizeConfig.Form;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * normalize(normalize(x)) == normalize(x), for every combination of switches, over seeded random
 * mixtures of English and Portuguese sentences, dates, numbers, addresses, odd punctuation and
 * whitespace, and over random concatenations of small pieces glued without spaces, which is where
 * the boundaries between placeholders are tested hardest.
 */
class IdempotenceTest {
  /** Texts per configuration and kind; raise with -Didempotence.samples=5000 for a deep run. */
  private static final int SAMPLES = Integer.getInteger("idempotence.samples", 150);

  private static final String[] SENTENCES = {
      "The committee met on Tuesday and approved the budget.",
      "She said, “I'll be there by noon” — but she wasn't.",
      "O relatório foi entregue à diretoria na quinta-feira.",
      "A reunião começou às 10:30 e terminou ao meio-dia…",
      "Ångström units measure wavelengths; naïve café owners don't care.",
      "Ação, coração, pão e feijão são palavras comuns em português.",
      "DIYARBAKIR and İSTANBUL are cities; IŞIK means light.",
      "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ is a street in Athens.",
      "Prices rose 12.5% in 2023, to $1,234,567.89 (R$ 1.234.567,89).",
      "Temperatures fell to -5 °C and rose to +3 by noon; see pages 5-10.",
      "Version 1.2.3 of the mp3 tool fixed COVID-19 reports on 192.168.0.1.",
      "Write to ana.souza@example.com.br or to JOHN.DOE@Example.org.",
      "Visit https://example.com/a?b=c&d=e. Or www.exemplo.com.br/página, or (http://x.org/y).",
      "See https://en.wikipedia.org/wiki/Java_(programming_language) for details.",
      "It happened on 2024-03-12T10:15:00Z, on 12/03/2024 and on 12.03.2024.",
      "Chegou em 3 de março de 2024; partiu em 1º de janeiro de 2025.",
      "Signed March 3, 2024, filed Mar. 4, 2024 and published 5 April 2024.",
      "Le 1er mars 2024, am 3. März 2024, el 3 de marzo del 2024.",
      "Straße, øre, æble, đường, łódź and ß stay letters.",
      "«Bonjour», ‹salut›, „Hallo“, ‚hallo‘ and 〝quote〞.",
      "Two\u00A0words, thin\u2009space, ideographic\u3000space.",
      "Line one\u2028line two\u2029next paragraph.",
      "ﬁnancial ﬂows of ２０２４ and ① ½ x² ㎏.",
      "e\u0301 a\u0300 n\u0303 decomposed and \u0301 a lone mark.",
      "Καλημέρα, ΐ and ά with tonos; й and ё in Cyrillic.",
      "हिन्दी text and עִבְרִית with marks.",
      "Emoji 😀 next to 5😀 and 😀5.",
      "[URL] [EMAIL] [DATE] [NUMBER] [url] [Date] are already tokens.",
  };

  private static final String[] PIECES = {
      "12/03/2024", "2024-03-12", "2024-03-12T10:15:00Z", "12.03.2024", "3 de março de 2024",
      "March 3, 2024", "Mar. 3, 2024", "3 March 2024", "1º de janeiro de 2024", "10:30",
      "1.2.3", "1,234,567", "1.234,56", "3,5", "-5", "+3", "−2", "12.5%", "5-10", "mp3",
      "COVID-19", "2nd", "ana@example.com", "a@b", "@", "https://example.com/a.", "www.x.org",
      "www.", "http://", "://", "(", ")", "[", "]", "[NUMBER]", "[URL]", "[DATE]", "[EMAIL]",
      ".", ",", ":", "/", "-", "_", "'", "\"", " ", "  ", "\t", "\n", "\n\n\n", "\r\n", "\u00A0",
      "\u2028", "\u2029", "—", "–", "…", "“", "”", "’", "«", "»", "İ", "I", "ı", "Σ", "ς",
      "e", "\u0301", "\u0307", "é", "ß", "ﬁ", "２", "①", "½", "0", "7", "99", "2024", "de",
      "março", "MARÇO", "Mar", "T", "Z", "x", "ação", "À", "😀", "\uD835\uDFCE", "MAIO", "3",
      " de ", "x@y.co", "mailto:", "ftp://", "HTTP://", "Www.", "º", "°", "st", "er", "o",
      "\u0308", "ǅ", "ﬀ", "ΐ", "\u0345", "\u00A8", "\u2033", "\u2034", "\uFE58", "\u2E3A",
      "‥", "Ⅻ", "\u200B", "\u000B", "\f", "\u0085", "\uFF0D", "\uFF0E", "+", "%", "$",
  };

  static Stream<Arguments> configurations() {
    List<Arguments> configs = new ArrayList<>();
    List<EnumSet<Placeholder>> placeholderSets = List.of(EnumSet.noneOf(Placeholder.class),
        EnumSet.allOf(Placeholder.class), EnumSet.of(Placeholder.DATE),
        EnumSet.of(Placeholder.NUMBER), EnumSet.of(Placeholder.URL, Placeholder.EMAIL));
    for (Form form : Form.values()) {
      for (int switches = 0; switches < 16; switches++) {
        for (EnumSet<Placeholder> kinds : placeholderSets) {
          boolean lowercase = (switches & 1) != 0;
          configs.add(Arguments.of(NormalizeConfig.builder()
              .form(form)
              .lowercase(lowercase)
              .locale(lowercase && (switches & 8) != 0 ? "tr" : "und")
              .stripAccents((switches & 2) != 0)
              .punctuation((switches & 4) != 0)
              .emDash((switches & 4) != 0 && (switches & 8) != 0 ? EmDash.DOUBLE_HYPHEN
                  : EmDash.HYPHEN)
              .whitespace((switches & 8) != 0 || (switches & 2) != 0)
              .placeholders(kinds)
              .build()));
        }
      }
    }
    return configs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void normalizingTwiceChangesNothing(NormalizeConfig config) {
    TextNormalizer normalizer = new TextNormalizer(config);
    Random random = new Random(config.hashCode());
    for (int k = 0; k < SAMPLES; k++) {
      assertIdempotent(normalizer, sentences(random));
      assertIdempotent(normalizer, glued(random));
    }
  }

  private static void assertIdempotent(TextNormalizer normalizer, String text) {
    String once = normalizer.normalize(text);
    String twice = normalizer.normalize(once);
    assertThat(twice)
        .as("normalizing twice changed the text; input <%s>, once <%s>", escape(text),
            escape(once))
        .isEqualTo(once);
    assertThat(normalizer.normalize(once)).isSameAs(once);
  }

  private static String sentences(Random random) {
    StringBuilder sb = new StringBuilder();
    int count = 1 + random.nextInt(6);
    for (int k = 0; k < count; k++) {
      sb.append(SENTENCES[random.nextInt(SENTENCES.length)]);
      sb.append(switch (random.nextInt(6)) {
        case 0 -> "\n\n";
        case 1 -> "  \n \n\n ";
        case 2 -> "\t";
        case 3 -> "\r\n";
        default -> " ";
      });
    }
    return sb.toString();
  }

  private static String glued(Random random) {
    StringBuilder sb = new StringBuilder();
    int count = 1 + random.nextInt(12);
    for (int k = 0; k < count; k++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c >= 0x20 && c < 0x7F) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04X", (int) c));
      }
    }
    return sb.toString();
  }
}
