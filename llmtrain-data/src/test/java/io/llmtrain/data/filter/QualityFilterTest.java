package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityFilterTest {
  private final QualityFilter filter = new QualityFilter();

  private static final String ARTICLE = String.join("\n",
      "Home | History | Visit us",
      String.join(" ", Texts.ENGLISH.subList(0, 4)),
      "Photo: the mill in 1920",
      String.join(" ", Texts.ENGLISH.subList(4, 8)),
      String.join(" ", Texts.ENGLISH.subList(8, 12)),
      "Share on social media");

  @Test
  void keepsAnArticleAndDropsItsNavigationLines() {
    Outcome out = filter.process(Document.of("a", ARTICLE));
    assertThat(((Outcome.Kept) out).document().text()).isEqualTo(String.join("\n",
        String.join(" ", Texts.ENGLISH.subList(0, 4)),
        String.join(" ", Texts.ENGLISH.subList(4, 8)),
        String.join(" ", Texts.ENGLISH.subList(8, 12))));
  }

  @Test
  void runsRepetitionThenQualityThenC4() {
    // Repeated lines and no terminal punctuation: the repetition rule reports first.
    String repetitive = String.join("\n", java.util.Collections.nCopies(20,
        "buy now cheap watches best prices"));
    assertThat(((Outcome.Rejected) filter.process(Document.of("r", repetitive))).reason())
        .isEqualTo("gopher_dup_line_frac");
    // Too short for Gopher and for C4: the Gopher quality rule reports first.
    Outcome shortText = filter.process(Document.of("s", Texts.english(2)));
    assertThat(((Outcome.Rejected) shortText).reason()).isEqualTo("gopher_too_few_words");
    // Good for Gopher but with only four sentences in punctuated lines: C4 reports.
    String fourSentences = Texts.english(4) + "\n" + String.join(" ", List.of(
        "mill river grain miller autumn wheat share payment children stones rumble spring",
        "travellers shade elms wife bread people miles summers water work road trade valley"));
    assertThat(((Outcome.Rejected) filter.process(Document.of("c", fourSentences))).reason())
        .isEqualTo("c4_too_few_sentences");
  }

  @Test
  void portugueseCorpusNeedsPortugueseStopWords() {
    Document doc = Document.of("pt", String.join("\n", Texts.PORTUGUESE));
    assertThat(((Outcome.Rejected) filter.process(doc)).reason())
        .isEqualTo("gopher_too_few_stop_words");
    QualityConfig pt = QualityConfig.builder().gopherQuality(GopherQualityConfig.builder()
        .stopWordLanguages(List.of("en", "pt")).build()).build();
    Outcome out = new QualityFilter(pt).process(doc);
    assertThat(((Outcome.Kept) out).document()).isSameAs(doc);
  }

  @Test
  void eachFilterCanBeSwitchedOff() {
    QualityFilter noC4 = new QualityFilter(QualityConfig.builder().c4Enabled(false).build());
    Document doc = Document.of("a", ARTICLE);
    assertThat(((Outcome.Kept) noC4.process(doc)).document()).isSameAs(doc);
    QualityFilter c4Only = new QualityFilter(QualityConfig.builder()
        .gopherQualityEnabled(false).gopherRepetitionEnabled(false).build());
    Outcome out = c4Only.process(Document.of("short", Texts.english(5)));
    assertThat(out).isInstanceOf(Outcome.Kept.class);
  }

  @Test
  void agreesWithTheThreeFiltersRunOneAfterTheOther() {
    GopherRepetitionFilter repetition = new GopherRepetitionFilter();
    GopherQualityFilter quality = new GopherQualityFilter();
    C4QualityFilter c4 = new C4QualityFilter();
    for (String text : List.of(ARTICLE, Texts.english(12), String.join("\n", Texts.ENGLISH),
        String.join("\n\n", Texts.PORTUGUESE), Texts.english(3))) {
      Document doc = Document.of("d", text);
      Outcome expected = repetition.process(doc);
      if (expected instanceof Outcome.Kept) {
        expected = quality.process(doc);
      }
      if (expected instanceof Outcome.Kept) {
        expected = c4.process(doc);
      }
      assertThat(filter.process(doc)).as(text).isEqualTo(expected);
    }
  }

  @Test
  void readsPrefixedParameters() {
    QualityConfig c = QualityConfig.fromParams(Params.of(StageSpec.of("quality", Map.of(
        "gopherQuality.stopWordLanguages", "en,pt",
        "gopherRepetition.maxDupLineFraction", "0.5",
        "c4.enabled", "false"))));
    assertThat(c.gopherQuality().stopWordLanguages()).containsExactly("en", "pt");
    assertThat(c.gopherRepetition().maxDupLineFraction()).isEqualTo(0.5);
    assertThat(c.c4Enabled()).isFalse();
    assertThat(c.gopherQualityEnabled()).isTrue();
  }
}
