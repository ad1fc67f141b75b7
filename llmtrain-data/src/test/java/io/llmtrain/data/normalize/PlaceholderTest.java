package io.llmtrain.data.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.data.normalize.NormalizeConfig.Form;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderTest {
  private static TextNormalizer only(Placeholder... kinds) {
    return new TextNormalizer(NormalizeConfig.builder().placeholders(kinds).build());
  }

  private static final TextNormalizer DATES = only(Placeholder.DATE);
  private static final TextNormalizer NUMBERS = only(Placeholder.NUMBER);
  private static final TextNormalizer URLS = only(Placeholder.URL);
  private static final TextNormalizer EMAILS = only(Placeholder.EMAIL);
  private static final TextNormalizer ALL = only(Placeholder.values());

  @Nested
  class Dates {
    @ParameterizedTest
    @ValueSource(strings = {
        "2024-03-12", "2024-03-12T10:15:00Z", "2024-03-12T10:15", "2024-03-12T10:15:00.250+01:00",
        "2024-03-12T10:15:00-0300", "2024/03/12", "12/03/2024", "3/12/2024", "12-03-2024",
        "12.03.2024", "3 de março de 2024", "3 de Março de 2024", "3 de marco de 2024",
        "1º de janeiro de 2024", "1° de janeiro de 2024", "15 de dezembro de 1999",
        "3 de mar. de 2024", "March 3, 2024", "March 3rd, 2024", "3 March 2024",
        "3rd of March 2024", "Mar. 3, 2024", "Sept. 21, 2023", "december 25 2023",
        "3 de marzo de 2024", "3 de marzo del 2024", "1er mars 2024", "14 juillet 1789",
        "3. März 2024", "3 Maerz 2024", "25 dicembre 2023"})
    void recognizesEveryListedForm(String date) {
      assertThat(DATES.normalize("Reunião marcada para " + date + ", como combinado."))
          .isEqualTo("Reunião marcada para [DATE], como combinado.");
      assertThat(DATES.normalize(date)).isEqualTo("[DATE]");
      assertThat(DATES.normalize("(" + date + ")")).isEqualTo("([DATE])");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10:30", "1.2.3", "v2024-03-12", "2024-13-01", "2024-02-32", "32/03/2024", "13/13/2024",
        "12/03/24", "12/03-2024", "12/03/2024/7", "3 de março", "March 2024", "3 Marchx 2024",
        "March 3, 24", "555-1234", "+55 11 98765-4321", "192.168.0.1", "1,234,567",
        "2024-03-12T", "Ge1:1", "3 may be 2024"})
    void leavesNonDatesAlone(String text) {
      String sentence = "O valor " + text + " aparece aqui.";
      assertThat(DATES.normalize(sentence)).isSameAs(sentence);
    }

    @Test
    void worksInRunningEnglishAndPortuguese() {
      assertThat(DATES.normalize("The treaty was signed on March 3, 2024 and ratified on "
          + "2024-06-01; the next review is due 01/12/2025."))
          .isEqualTo("The treaty was signed on [DATE] and ratified on [DATE]; the next review "
              + "is due [DATE].");
      assertThat(DATES.normalize("A lei entrou em vigor em 1º de janeiro de 2024 e foi "
          + "alterada em 15.08.2024."))
          .isEqualTo("A lei entrou em vigor em [DATE] e foi alterada em [DATE].");
    }

    @Test
    void withNumbersOnTheTimeStaysNumbers() {
      assertThat(ALL.normalize("Chegada em 12/03/2024 às 10:30."))
          .isEqualTo("Chegada em [DATE] às [NUMBER]:[NUMBER].");
    }

    @Test
    void survivesNfkcOrdinalsAndAccentStripping() {
      TextNormalizer nfkc = new TextNormalizer(NormalizeConfig.builder().form(Form.NFKC)
          .stripAccents(true).placeholders(Placeholder.DATE).build());
      assertThat(nfkc.normalize("Desde 1º de março de 2024.")).isEqualTo("Desde [DATE].");
    }
  }

  @Nested
  class Numbers {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "There were 42 apples.|There were [NUMBER] apples.",
        "Pi is about 3.14159.|Pi is about [NUMBER].",
        "Custa 3,50 reais.|Custa [NUMBER] reais.",
        "Population: 1,234,567 people.|Population: [NUMBER] people.",
        "População: 1.234.567 pessoas.|População: [NUMBER] pessoas.",
        "Total R$ 1.234.567,89 e US$ 1,234,567.89.|Total R$ [NUMBER] e US$ [NUMBER].",
        "Growth of 12.5% this year.|Growth of [NUMBER]% this year.",
        "From -5 to +3 degrees.|From [NUMBER] to [NUMBER] degrees.",
        "Temperatura (−2 °C).|Temperatura ([NUMBER] °C).",
        "See pages 5-10.|See pages [NUMBER]-[NUMBER].",
        "John 3:16 says|John [NUMBER]:[NUMBER] says",
        "Ligue 555-1234.|Ligue [NUMBER]-[NUMBER].",
        "Score 3/4 only|Score [NUMBER]/[NUMBER] only",
        "In 2023, sales fell.|In [NUMBER], sales fell.",
        "Só 0,5% dos casos|Só [NUMBER]% dos casos",
    })
    void replacesStandAloneNumbers(String text, String expected) {
      assertThat(NUMBERS.normalize(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "an mp3 file", "the COVID-19 pandemic", "the 2nd place", "a 10km race",
        "version 1.2.3 and v2.0", "host 192.168.0.1", "H2O and CO2", "Ge1:1 In the beginning",
        "file_2024.txt", "Indian 12,34,567 grouping", "٣ apples", "１２３ full width"})
    void leavesDigitsInsideWordsVersionsAndOtherScriptsAlone(String text) {
      assertThat(NUMBERS.normalize(text)).isSameAs(text);
    }

    @Test
    void aDashBetweenWordsIsNotASign() {
      assertThat(NUMBERS.normalize("valores 5 -3 e 5-3 e x-3"))
          .isEqualTo("valores [NUMBER] [NUMBER] e [NUMBER]-[NUMBER] e x-3");
    }
  }

  @Nested
  class Urls {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "see https://example.com/a.|see [URL].",
        "see https://example.com/a?b=1&c=2, then|see [URL], then",
        "(http://example.org/path)|([URL])",
        "https://en.wikipedia.org/wiki/Java_(programming_language)|[URL]",
        "Go to www.example.com.br/página!|Go to [URL]!",
        "Try WWW.EXAMPLE.COM or Www.Exemplo.pt.|Try [URL] or [URL].",
        "ftp://files.example.net/pub/file.tar.gz is old|[URL] is old",
        "HTTPS://EXAMPLE.COM:8080/x#frag?|[URL]?",
        "\"https://example.com\"|\"[URL]\"",
        "<https://example.com/a>|<[URL]>",
    })
    void replacesUrlsAndKeepsSentencePunctuation(String text, String expected) {
      assertThat(URLS.normalize(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "the www. prefix", "www.example without a domain", "mailto:ana@example.com",
        "xhttps://example.com", "file://tmp/x", "ana@www.example.com", "a://b"})
    void leavesNonUrlsAlone(String text) {
      assertThat(URLS.normalize(text)).isSameAs(text);
    }

    @Test
    void curlyQuotesAroundAUrlAreStraightenedFirst() {
      assertThat(URLS.normalize("Leia “https://exemplo.com.br/artigo” hoje."))
          .isEqualTo("Leia \"[URL]\" hoje.");
    }
  }

  @Nested
  class Emails {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Write to ana.souza@example.com.br.|Write to [EMAIL].",
        "Contact: JOHN.DOE+news@Example.org, please|Contact: [EMAIL], please",
        "mailto:suporte@empresa.com.br|mailto:[EMAIL]",
        "<maria_silva@sub.dominio.pt>|<[EMAIL]>",
        "josé@exemplo.com.br|[EMAIL]",
        "ana@example.com.5|[EMAIL].5",
    })
    void replacesAddresses(String text, String expected) {
      assertThat(EMAILS.normalize(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "follow @llmtrain", "a@b", "name@localhost", "x@y.c", "ana.@example.com",
        "user@example..com", "price @ 5 each"})
    void leavesNonAddressesAlone(String text) {
      assertThat(EMAILS.normalize(text)).isSameAs(text);
    }

    @Test
    void urlsComeFirstAndKeepTheirAddresses() {
      assertThat(ALL.normalize("https://example.com/u/ana@example.com and ana@example.com"))
          .isEqualTo("[URL] and [EMAIL]");
    }
  }

  @Test
  void tokensStayUpperCaseWithLowercasing() {
    TextNormalizer lower = new TextNormalizer(NormalizeConfig.builder().lowercase(true)
        .placeholders(Placeholder.values()).build());
    String once = lower.normalize("On March 3, 2024 WE paid $1,200 to Ana@Example.com "
        + "via HTTPS://Pay.Example.com/Invoice.");
    assertThat(once).isEqualTo("on [DATE] we paid $[NUMBER] to [EMAIL] via [URL].");
    assertThat(lower.normalize(once)).isSameAs(once);
  }

  @Test
  void offMeansUntouched() {
    String text = "Em 3 de março de 2024, 42 pessoas visitaram https://x.com.br e a@b.com.";
    assertThat(TextNormalizer.defaults().normalize(text)).isSameAs(text);
    assertThat(DATES.normalize(text))
        .isEqualTo("Em [DATE], 42 pessoas visitaram https://x.com.br e a@b.com.");
    assertThat(NUMBERS.normalize(text))
        .isEqualTo("Em [NUMBER] de março de [NUMBER], [NUMBER] pessoas visitaram "
            + "https://x.com.br e a@b.com.");
  }
}
