package io.llmtrain.data.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MojibakeTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  /** What a program that reads UTF-8 as Windows-1252 shows (Java maps undefined bytes to U+FFFD). */
  private static String asWindows1252(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), CP1252);
  }

  /** What a program that reads UTF-8 as ISO-8859-1 shows (C1 controls where quotes should be). */
  private static String asLatin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  @Test
  void repairsTheClassicExamples() {
    assertThat(Mojibake.fix("CafÃ©")).isEqualTo("Café");
    assertThat(Mojibake.fix("nÃ£o")).isEqualTo("não");
    assertThat(Mojibake.fix("aÃ§Ã£o")).isEqualTo("ação");
    assertThat(Mojibake.fix("â€œquotedâ€\u009d")).isEqualTo("\u201Cquoted\u201D");
    assertThat(Mojibake.fix("Itâ€™s")).isEqualTo("It\u2019s");
  }

  @Test
  void repairsWholeParagraphsInPortugueseFrenchGermanAndEnglish() {
    String[] originals = {
        "A educação pública no Brasil enfrenta desafios históricos, mas também há avanços: em São"
            + " Paulo, as matrículas começam em março e não haverá cobrança de taxas.",
        "À noite, é possível ver as estrelas; o avô já não sai de casa às três.",
        "Où êtes-vous allé cet été ? Ça m’a fait plaisir de vous voir à Noël.",
        "Größere Änderungen für Straßen in München, sagte der Bürgermeister.",
        "She said \u201Cit\u2019s fine\u201D \u2013 and left\u2026 for the caf\u00E9 \u2014 "
            + "\u20AC5 for a coffee\u2122.",
        "Привет, как дела?", "Zażółć gęślą jaźń", "日本語テキスト", "emoji 😀 ok"};
    for (String original : originals) {
      assertThat(Mojibake.fix(asWindows1252(original))).as(original).isEqualTo(original);
      assertThat(Mojibake.fix(asLatin1(original))).as(original).isEqualTo(original);
    }
  }

  @Test
  void repairsUpperCaseWordsInsideWords() {
    assertThat(Mojibake.fix(asWindows1252("AÇÃO E REAÇÃO"))).isEqualTo("AÇÃO E REAÇÃO");
    assertThat(Mojibake.fix(asWindows1252("SÃO PAULO"))).isEqualTo("SÃO PAULO");
    assertThat(Mojibake.fix(asWindows1252("É verdade"))).isEqualTo("É verdade");
  }

  @Test
  void repairsStandaloneWordsLikePortugueseE() {
    assertThat(Mojibake.fix(asWindows1252("Ele é bom e só quer paz."))).isEqualTo(
        "Ele é bom e só quer paz.");
    assertThat(Mojibake.fix(asWindows1252("Vou à praia."))).isEqualTo("Vou à praia.");
  }

  @Test
  void repairsDoubleEncoding() {
    String twice = asWindows1252(asWindows1252("Café e ação"));
    assertThat(twice).isEqualTo("CafÃƒÂ© e aÃƒÂ§ÃƒÂ£o");
    assertThat(Mojibake.fix(twice)).isEqualTo("Café e ação");
  }

  @Test
  void repairsDoubleEncodingThroughLatin1WhoseMiddleLayerIsC1Controls() {
    String twice = asLatin1(asLatin1("Here\u2019s the thing"));
    assertThat(twice).startsWith("HereÃ¢Â\u0080Â\u0099s");
    assertThat(Mojibake.fix(twice)).isEqualTo("Here\u2019s the thing");
  }

  @Test
  void repairsOnlyTheBrokenPartOfMixedText() {
    String mixed = "Texto correto: ação. Texto quebrado: " + asWindows1252("coração");
    assertThat(Mojibake.fix(mixed)).isEqualTo("Texto correto: ação. Texto quebrado: coração");
  }

  @Test
  void repairsTheRightQuoteWhoseLastByteWasLost() {
    assertThat(Mojibake.fix("â€œOláâ€\uFFFD")).isEqualTo("\u201COlá\u201D");
  }

  @Test
  void repairsFlattenedNoBreakSpacesOnlyWhenTheTextHasOtherMojibake() {
    // "à" is C3 A0; the no-break space became an ordinary one on the way.
    assertThat(Mojibake.fix("Ele nÃ£o vai Ã  praia")).isEqualTo("Ele não vai à praia");
    assertThat(Mojibake.fix("10Â km e nÃ£o mais")).isEqualTo("10 km e não mais");
    assertThat(Mojibake.fix("A letra Ã é a sétima")).isEqualTo("A letra Ã é a sétima");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "NÃO", "AÇÃO", "À noite", "Ângela", "ÂMBITO", "Âmbito", "SÃO PAULO", "IRMÃ", "MAÇÃ",
      "Não há ação sem reação.", "Ô, meu Deus!", "Ó mar salgado", "Ça va ? Où ça ?",
      "Ærø og Åbenrå", "Straße", "Größe", "ÖL", "Élan", "Ñandú",
      // A word in capitals ending in Ã right before closing punctuation reads like mojibake.
      "Ela disse “IRMÔ e saiu.", "«AMANHû, respondeu.", "O CAPITÃ… voltou.",
      "A MAÇÖ – disse ele.", "Ele gritou “SÓ” e correu.", "Ela disse «SÓ» e correu.",
      // A capital letter on its own in quotes.
      "der Buchstabe „Ä“ und „Ö“", "A palavra “É” é um verbo.",
      // Lower-case letters before two punctuation marks.
      "Foi assim que ficou o café…” e ela riu.", "Ele disse que é…” e parou.",
      "3×4 = 12 e 10÷2 = 5", "preço: 5€ ou £4", "© 2024 Editora Ática",
      "Página 1 de 3 · Próxima »", "Temperatura: 25°C, 80% de umidade",
      "Ex-libris ® e marcas™"})
  void leavesCorrectTextAlone(String correct) {
    assertThat(Mojibake.fix(correct)).isSameAs(correct);
  }

  @Test
  void repairsAmbiguousSequencesWhenTheDocumentHasUnambiguousOnes() {
    // "SÓ" becomes "SÃ“": alone that could be a capitalised word ending in Ã before a quote, but
    // next to "nÃ£o" it is clearly mojibake.
    String broken = asWindows1252("Ele disse SÓ e não mais.");
    assertThat(broken).isEqualTo("Ele disse SÃ“ e nÃ£o mais.");
    assertThat(Mojibake.fix(broken)).isEqualTo("Ele disse SÓ e não mais.");
  }

  @Test
  void countsRepairedSequences() {
    int[] fixed = new int[1];
    Mojibake.fix("aÃ§Ã£o e â€œnÃ£oâ€\u009d", fixed);
    assertThat(fixed[0]).isEqualTo(5);
  }
}
