package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageFilterTest {
  private static final LanguageFilter ALL_FIVE =
      new LanguageFilter(LanguageConfig.of("en", "pt", "es", "fr", "de"));
  private static final LanguageFilter EN_PT = new LanguageFilter(LanguageConfig.of("en", "pt"));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en|The library opens at nine in the morning and closes late on Fridays, so students "
          + "often stay to finish their work.",
      "pt|A biblioteca abre às nove da manhã e fecha tarde às sextas-feiras, por isso os "
          + "estudantes ficam muitas vezes para terminar os trabalhos.",
      "es|La biblioteca abre a las nueve de la mañana y cierra tarde los viernes, así que los "
          + "estudiantes suelen quedarse para terminar sus trabajos.",
      "fr|La bibliothèque ouvre à neuf heures du matin et ferme tard le vendredi, alors les "
          + "étudiants restent souvent pour finir leurs devoirs.",
      "de|Die Bibliothek öffnet um neun Uhr morgens und schließt freitags spät, deshalb bleiben "
          + "die Studenten oft, um ihre Arbeit zu beenden."})
  void identifiesTheFiveLanguagesAndRecordsThemAsMetadata(String language, String text) {
    Outcome out = ALL_FIVE.process(Document.of("d", text));
    Document kept = ((Outcome.Kept) out).document();
    assertThat(kept.metadata()).containsEntry("language", language);
    assertThat((Double) kept.metadata().get("language_score")).isGreaterThan(0.95);
    assertThat(kept.text()).isEqualTo(text);
  }

  @Test
  void rejectsOtherLanguagesWithTheDetectedOneInTheDetail() {
    Outcome out = EN_PT.process(Document.of("fr", "La bibliothèque ouvre à neuf heures du "
        + "matin et ferme tard le vendredi, alors les étudiants restent souvent."));
    Outcome.Rejected r = (Outcome.Rejected) out;
    assertThat(r.reason()).isEqualTo("language_other");
    assertThat(r.detail()).startsWith("fr 0.9").endsWith("; wanted en, pt");
  }

  @Test
  void rejectsTextMixingTwoLanguagesAsLowConfidence() {
    String mixed = "The library opens at nine. A biblioteca fecha tarde às sextas.";
    LanguageFilter.Detection d = EN_PT.detect(mixed);
    assertThat(d.score()).isBetween(0.3, 0.65);
    Outcome.Rejected r = (Outcome.Rejected) EN_PT.process(Document.of("m", mixed));
    assertThat(r.reason()).isIn("language_low_confidence", "language_other");
    // With a lower threshold the same text is kept, like datatrove's language_threshold.
    LanguageFilter lenient = new LanguageFilter(LanguageConfig.builder()
        .languages(List.of("en", "pt")).threshold(0.3).build());
    assertThat(lenient.process(Document.of("m", mixed))).isInstanceOf(Outcome.Kept.class);
  }

  @Test
  void textWithoutLettersIsLowConfidence() {
    Outcome.Rejected r = (Outcome.Rejected) EN_PT.process(Document.of("n", "12345 !!! ???"));
    assertThat(r.reason()).isEqualTo("language_low_confidence");
    assertThat(r.detail()).contains("no language detected");
  }

  @Test
  void scoresAreAProbabilityDistributionOverTheCandidates() {
    LanguageFilter.Detection d = ALL_FIVE.detect("Os estudantes ficam muitas vezes na "
        + "biblioteca para terminar os trabalhos de casa.");
    assertThat(d.language()).isEqualTo("pt");
    assertThat(d.scores().values().stream().mapToDouble(Double::doubleValue).sum())
        .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(d.scores().keySet()).isSubsetOf("en", "pt", "es", "fr", "de");
  }

  @Test
  void classifiesOnlyTheConfiguredPrefix() {
    String english = Texts.english(2) + " ";
    String portuguese = Texts.portuguese(10);
    LanguageFilter prefixOnly = new LanguageFilter(LanguageConfig.builder()
        .languages(List.of("en", "pt")).maxChars(english.length()).build());
    assertThat(prefixOnly.detect(english + portuguese).language()).isEqualTo("en");
    LanguageFilter whole = new LanguageFilter(LanguageConfig.builder()
        .languages(List.of("en", "pt")).maxChars(0).build());
    assertThat(whole.detect(english + portuguese).language()).isEqualTo("pt");
    // The cut moves back to whitespace when that loses at most a tenth of the prefix.
    assertThat(LanguageFilter.prefix("uma frase bastante comprida", 19))
        .isEqualTo("uma frase bastante");
    assertThat(LanguageFilter.prefix("abcdefghijklmnopqrstuvwxyz", 10)).isEqualTo("abcdefghij");
    assertThat(LanguageFilter.prefix("curta", 10)).isEqualTo("curta");
  }

  @Test
  void validatesItsConfiguration() {
    assertThatThrownBy(() -> LanguageConfig.builder().build())
        .hasMessageContaining("'languages' is required");
    assertThatThrownBy(() -> LanguageConfig.of("xx")).hasMessageContaining("'xx'");
    assertThatThrownBy(() -> LanguageConfig.of("it"))
        .hasMessageContaining("not among the candidates");
    LanguageConfig italian = LanguageConfig.builder().languages(List.of("it"))
        .candidates(List.of("it", "en", "pt")).build();
    Outcome out = new LanguageFilter(italian).process(Document.of("it", "La biblioteca apre "
        + "alle nove del mattino e chiude tardi il venerdì, quindi gli studenti restano spesso."));
    assertThat(((Outcome.Kept) out).document().metadata()).containsEntry("language", "it");
  }
}
