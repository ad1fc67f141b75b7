package io.llmtrain.data.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.normalize.NormalizeConfig.EmDash;
import io.llmtrain.data.normalize.NormalizeConfig.Form;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  private static TextNormalizer with(UnaryOperator<NormalizeConfig.Builder> settings) {
    return new TextNormalizer(settings.apply(NormalizeConfig.builder()).build());
  }

  private static final TextNormalizer DEFAULTS = TextNormalizer.defaults();

  @Nested
  class UnicodeForm {
    private static final String DECOMPOSED = "cafe\u0301 com pa\u0303o e ac\u0327u\u0301car";

    @Test
    void nfcComposesDecomposedAccents() {
      assertThat(DEFAULTS.normalize(DECOMPOSED)).isEqualTo("café com pão e açúcar");
    }

    @Test
    void nfcKeepsCompatibilityCharacters() {
      assertThat(DEFAULTS.normalize("ﬁnancial report for ２０２４, page ①"))
          .isEqualTo("ﬁnancial report for ２０２４, page ①");
    }

    @Test
    void nfkcFoldsLigaturesFullWidthAndCircledDigits() {
      TextNormalizer nfkc = with(b -> b.form(Form.NFKC));
      assertThat(nfkc.normalize("ﬁnancial report for ２０２４, page ①"))
          .isEqualTo("financial report for 2024, page 1");
      assertThat(nfkc.normalize(DECOMPOSED)).isEqualTo("café com pão e açúcar");
    }

    @Test
    void noneLeavesTheEncodingAlone() {
      TextNormalizer none = with(b -> b.form(Form.NONE));
      assertThat(none.normalize(DECOMPOSED)).isEqualTo(DECOMPOSED);
    }

    @Test
    void normalizedTextComesBackAsTheSameInstance() {
      String english = "In the beginning God created the heaven and the earth.\n"
          + "And the earth was without form, and void.";
      String portuguese = "No princípio criou Deus os céus e a terra.\n\nE a terra era sem forma.";
      assertThat(DEFAULTS.normalize(english)).isSameAs(english);
      assertThat(DEFAULTS.normalize(portuguese)).isSameAs(portuguese);
      assertThat(with(b -> b.form(Form.NFKC)).normalize(portuguese)).isSameAs(portuguese);
    }
  }

  @Nested
  class Punctuation {
    @Test
    void straightensQuotesAndPrimes() {
      assertThat(DEFAULTS.normalize("She said “don’t” and ‘maybe’; «Olá», disse ele, „Hallo“."))
          .isEqualTo("She said \"don't\" and 'maybe'; \"Olá\", disse ele, \"Hallo\".");
      assertThat(DEFAULTS.normalize("The board is 6′ 2″ wide; ‹oui›."))
          .isEqualTo("The board is 6' 2\" wide; 'oui'.");
    }

    @Test
    void mapsDashesEllipsisAndMinus() {
      assertThat(DEFAULTS.normalize("pages 10–12 — and then… −5 degrees ‒ a figure dash"))
          .isEqualTo("pages 10-12 - and then... -5 degrees - a figure dash");
    }

    @Test
    void emDashCanBecomeTwoHyphensOrStay() {
      String text = "Ele veio — e foi embora.";
      assertThat(with(b -> b.emDash(EmDash.DOUBLE_HYPHEN)).normalize(text))
          .isEqualTo("Ele veio -- e foi embora.");
      assertThat(with(b -> b.emDash(EmDash.KEEP)).normalize(text)).isEqualTo(text);
      assertThat(with(b -> b.emDash(EmDash.KEEP)).normalize("10–12 — ok"))
          .isEqualTo("10-12 — ok");
    }

    @Test
    void turnsUnicodeSpacesIntoAsciiSpaces() {
      TextNormalizer punctuationOnly = with(b -> b.whitespace(false));
      assertThat(punctuationOnly.normalize("R$\u00A0100 e 5\u202Fkm\u2009ao\u3000norte"))
          .isEqualTo("R$ 100 e 5 km ao norte");
    }

    @Test
    void offLeavesPunctuationAlone() {
      String text = "“Bom dia” — disse ela… ‘ok’";
      assertThat(with(b -> b.punctuation(false)).normalize(text)).isEqualTo(text);
    }
  }

  @Nested
  class Whitespace {
    @Test
    void collapsesRunsTrimsLinesAndKeepsParagraphBreaks() {
      String text = "  The  quick\tbrown   fox.  \n   It jumped.\n\n\n\n  O rato   roeu.\t\n";
      assertThat(DEFAULTS.normalize(text))
          .isEqualTo("The quick brown fox.\nIt jumped.\n\nO rato roeu.");
    }

    @Test
    void blankLinesMadeOfSpacesCountAsBlank() {
      assertThat(DEFAULTS.normalize("First paragraph.\n \t \n  \nSecond paragraph."))
          .isEqualTo("First paragraph.\n\nSecond paragraph.");
    }

    @Test
    void unifiesLineEndings() {
      assertThat(DEFAULTS.normalize("linha um\r\nlinha dois\rlinha três\u2028linha quatro"
          + "\u2029novo parágrafo\fpágina"))
          .isEqualTo("linha um\nlinha dois\nlinha três\nlinha quatro\n\nnovo parágrafo\npágina");
    }

    @Test
    void aSingleLineBreakStaysASingleLineBreak() {
      String poem = "Roses are red,\nViolets are blue.";
      assertThat(DEFAULTS.normalize(poem)).isSameAs(poem);
    }

    @Test
    void blankTextBecomesEmpty() {
      assertThat(DEFAULTS.normalize(" \n\t \u00A0\n")).isEmpty();
    }

    @Test
    void offLeavesWhitespaceAlone() {
      String text = "  two  spaces \n\n\n\nand lines  ";
      assertThat(with(b -> b.whitespace(false)).normalize(text)).isEqualTo(text);
    }
  }

  @Nested
  class Case {
    @Test
    void lowercasesWhenAsked() {
      assertThat(with(b -> b.lowercase(true)).normalize("The MINISTRY said: Ação IMEDIATA"))
          .isEqualTo("the ministry said: ação imediata");
      assertThat(DEFAULTS.normalize("The MINISTRY")).isEqualTo("The MINISTRY");
    }

    @Test
    void turkishLocaleMapsDottedAndDotlessI() {
      TextNormalizer turkish = with(b -> b.lowercase(true).locale("tr"));
      assertThat(turkish.normalize("DİYARBAKIR IŞIK İSTANBUL"))
          .isEqualTo("diyarbakır ışık istanbul");
      TextNormalizer root = with(b -> b.lowercase(true));
      assertThat(root.normalize("DIYARBAKIR")).isEqualTo("diyarbakir");
    }

    @Test
    void greekFinalSigma() {
      assertThat(with(b -> b.lowercase(true)).normalize("ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ"))
          .isEqualTo("οδος σοφοκλεους");
    }
  }

  @Nested
  class Accents {
    private final TextNormalizer stripping = with(b -> b.stripAccents(true));

    @Test
    void stripsLatinDiacritics() {
      assertThat(stripping.normalize("Ação, coração e pão; Ångström; naïve café; Ñandú"))
          .isEqualTo("Acao, coracao e pao; Angstrom; naive cafe; Nandu");
      assertThat(stripping.normalize("Tiếng Việt có dấu")).isEqualTo("Tieng Viet co dau");
    }

    @Test
    void keepsLettersWithoutDecomposition() {
      assertThat(stripping.normalize("Straße, øre, æble, œuvre, đường, Łódź, ı"))
          .isEqualTo("Straße, øre, æble, œuvre, đuong, Łodz, ı");
    }

    @Test
    void stripsGreekTonosButNotCyrillicOrIndicMarks() {
      assertThat(stripping.normalize("Καλημέρα ΐ")).isEqualTo("Καλημερα ι");
      assertThat(stripping.normalize("йогурт и ёлка")).isEqualTo("йогурт и ёлка");
      assertThat(stripping.normalize("हिन्दी")).isEqualTo("हिन्दी");
      assertThat(stripping.normalize("a ≠ b")).isEqualTo("a ≠ b");
    }

    @Test
    void stripsDecomposedInputAndRecomposesTheRest() {
      assertThat(stripping.normalize("cafe\u0301 e\u0301 bom")).isEqualTo("cafe e bom");
      TextNormalizer noForm = with(b -> b.form(Form.NONE).stripAccents(true));
      assertThat(noForm.normalize("cafe\u0301 ac\u0327a\u0303o")).isEqualTo("cafe acao");
    }

    @Test
    void strippingAfterTurkishLowercasingKeepsTheI() {
      TextNormalizer turkish = with(b -> b.lowercase(true).locale("tr").stripAccents(true));
      assertThat(turkish.normalize("İSTANBUL'DA ŞİŞLİ")).isEqualTo("istanbul'da sisli");
      TextNormalizer root = with(b -> b.lowercase(true).stripAccents(true));
      assertThat(root.normalize("İstanbul")).isEqualTo("istanbul");
    }

    @Test
    void offKeepsAccents() {
      assertThat(DEFAULTS.normalize("Ação")).isEqualTo("Ação");
    }
  }

  @Nested
  class AsProcessor {
    private final Map<String, Long> counters = new TreeMap<>();
    private final StageContext context = (name, amount) -> counters.merge(name, amount, Long::sum);

    @Test
    void returnsTheSameDocumentWhenNothingChanges() {
      Document doc = Document.of("kjv-1", "In the beginning God created the heaven and the earth.",
          Map.of("source", "kjv"));
      Outcome outcome = DEFAULTS.process(doc, context);
      assertThat(outcome).isInstanceOf(Outcome.Kept.class);
      assertThat(((Outcome.Kept) outcome).document()).isSameAs(doc);
      assertThat(counters).isEmpty();
    }

    @Test
    void countsChangedDocumentsAndEachPlaceholder() {
      TextNormalizer all = with(b -> b.placeholders(Placeholder.values()));
      Document doc = Document.of("pt-7", "Em 3 de março de 2024 a loja vendeu 1.234 livros; "
          + "veja https://loja.com.br/relatorio ou escreva a vendas@loja.com.br. "
          + "Em 04/03/2024 foram 56.", Map.of("lang", "pt"));
      Document out = ((Outcome.Kept) all.process(doc, context)).document();
      assertThat(out.text()).isEqualTo("Em [DATE] a loja vendeu [NUMBER] livros; veja [URL] "
          + "ou escreva a [EMAIL]. Em [DATE] foram [NUMBER].");
      assertThat(out.id()).isEqualTo("pt-7");
      assertThat(out.metadata()).isEqualTo(Map.of("lang", "pt"));
      assertThat(counters).containsExactlyInAnyOrderEntriesOf(Map.of(
          "changed", 1L, "placeholders_url", 1L, "placeholders_email", 1L,
          "placeholders_date", 2L, "placeholders_number", 2L));
      all.process(Document.of("2", "Nothing   to see."), context);
      assertThat(counters.get("changed")).isEqualTo(2L);
      assertThat(all.process(Document.of("3", "Nada."), context)).isNotNull();
      assertThat(counters.get("changed")).isEqualTo(2L);
    }

    @Test
    void neverRejects() {
      Outcome outcome = DEFAULTS.process(Document.of("blank", "  \n\n "));
      assertThat(((Outcome.Kept) outcome).document().text()).isEmpty();
    }
  }

  @Test
  void everythingTogether() {
    TextNormalizer all = with(b -> b.lowercase(true).stripAccents(true)
        .placeholders(Placeholder.values()));
    String text = "  “Relatório Anual” — publicado em 3 de Março de 2024…\n\n\n"
        + "Acesse HTTPS://Example.com/Relatorio.  Dúvidas: Contato@Empresa.COM.BR  \n"
        + "Receita: R$ 1.234.567,89 (+12,5%) em 2023.";
    assertThat(all.normalize(text)).isEqualTo("\"relatorio anual\" - publicado em [DATE]...\n\n"
        + "acesse [URL]. duvidas: [EMAIL]\n"
        + "receita: r$ [NUMBER] ([NUMBER]%) em [NUMBER].");
  }
}
