package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class C4QualityFilterTest {
  private final C4QualityFilter filter = new C4QualityFilter();

  private Outcome run(String text) {
    return filter.process(Document.of("page", text));
  }

  private String kept(String text) {
    Outcome out = run(text);
    assertThat(out).as(text).isInstanceOf(Outcome.Kept.class);
    return ((Outcome.Kept) out).document().text();
  }

  private Outcome.Rejected rejected(String text) {
    Outcome out = run(text);
    assertThat(out).as(text).isInstanceOf(Outcome.Rejected.class);
    return (Outcome.Rejected) out;
  }

  @Test
  void dropsBoilerplateLinesAndKeepsTheProse() {
    String page = String.join("\n",
        "Home | News | Contact",
        "The old mill stood beside the river for many years.",
        "Read more.",
        "Farmers brought their grain to the miller every autumn.[1]",
        "Please enable JavaScript to view the comments.",
        "He ground the wheat and kept a share as payment.",
        "By using this site you agree to our Terms of Use.",
        "",
        "Children liked to watch the heavy stones turn and rumble!",
        "   When the river froze, was the wheel stopped?   ",
        "Share this page",
        "We use cookies to improve your experience.",
        "Travellers often said: \"It is the finest bread in the valley.\"");
    Map<String, Long> counters = new ConcurrentHashMap<>();
    StageContext context = (name, n) -> counters.merge(name, n, Long::sum);
    Outcome out = filter.process(Document.of("page", page), context);
    assertThat(((Outcome.Kept) out).document().text()).isEqualTo(String.join("\n",
        "The old mill stood beside the river for many years.",
        "Farmers brought their grain to the miller every autumn.",
        "He ground the wheat and kept a share as payment.",
        "Children liked to watch the heavy stones turn and rumble!",
        "When the river froze, was the wheel stopped?",
        "Travellers often said: \"It is the finest bread in the valley.\""));
    assertThat(counters).containsEntry("c4_lines_dropped_no_terminal_punctuation", 3L)
        .containsEntry("c4_lines_dropped_too_few_words", 1L)
        .containsEntry("c4_lines_dropped_javascript", 1L)
        .containsEntry("c4_lines_dropped_policy", 2L);
  }

  @Test
  void returnsTheSameDocumentWhenNothingIsDropped() {
    Document doc = Document.of("mill", String.join("\n", Texts.ENGLISH.subList(0, 5)));
    Outcome out = filter.process(doc);
    assertThat(((Outcome.Kept) out).document()).isSameAs(doc);
  }

  @Test
  void needsFiveSentencesInTheKeptLines() {
    String five = String.join("\n", Texts.PORTUGUESE.subList(0, 5));
    assertThat(kept(five)).isEqualTo(five);
    String four = String.join("\n", Texts.PORTUGUESE.subList(0, 4)) + "\nFim";
    assertThat(rejected(four).reason()).isEqualTo("c4_too_few_sentences");
    assertThat(rejected(four).detail()).isEqualTo("4 sentences in kept lines < 5");
    // Several sentences on one line count separately.
    assertThat(kept(Texts.english(5))).isEqualTo(Texts.english(5));
  }

  @Test
  void countsSentencesAsSpacysSentencizer() {
    // Abbreviations keep their period, so this line is one sentence; the other four lines
    // bring the count to five.
    String abbreviations = "Mr. Brown and Dr. Green met at 5 p.m. in St. Louis.";
    String text = abbreviations + "\n" + String.join("\n", Texts.ENGLISH.subList(0, 4));
    assertThat(kept(text)).isEqualTo(text);
    String three = abbreviations + "\n" + String.join("\n", Texts.ENGLISH.subList(0, 3));
    assertThat(rejected(three).detail()).isEqualTo("4 sentences in kept lines < 5");
    // "Wait!!! Really?" is two sentences: a run of terminal marks ends one sentence.
    String exclaimed = "Wait!!! Really? Yes, truly. Fine then. Go home now.";
    assertThat(kept(exclaimed)).isEqualTo(exclaimed);
  }

  @Test
  void loremIpsumRejectsOnlyWhenItsLineSurvivesTheEarlierRules() {
    String prose = String.join("\n", Texts.ENGLISH.subList(0, 5));
    Outcome.Rejected r = rejected(prose + "\nLorem ipsum dolor sit amet, consectetur.");
    assertThat(r.reason()).isEqualTo("c4_lorem_ipsum");
    // Without final punctuation the line is dropped first, as in datatrove.
    assertThat(kept(prose + "\nLorem ipsum dolor sit amet")).isEqualTo(prose);
  }

  @Test
  void curlyBracketRejectsOnlyWhenItsLineSurvivesTheEarlierRules() {
    String prose = String.join("\n", Texts.ENGLISH.subList(0, 5));
    assertThat(rejected(prose + "\nWrite {name} where the name should go.").reason())
        .isEqualTo("c4_curly_bracket");
    assertThat(kept("function init() {\n" + prose + "\n}")).isEqualTo(prose);
    // A JavaScript line is dropped before its bracket is looked at.
    assertThat(kept(prose + "\nThe javascript object {a: 1} is small.")).isEqualTo(prose);
  }

  @Test
  void removesCitationMarksBeforeCheckingTheEnd() {
    String text = String.join("\n", Texts.ENGLISH.subList(0, 4))
        + "\nThe mill was rebuilt in 1850 after a fire.[12][citation needed]";
    assertThat(kept(text)).endsWith("\nThe mill was rebuilt in 1850 after a fire.");
    // A mark after the period leaves a line ending in a space, which is dropped.
    String trailing = String.join("\n", Texts.ENGLISH.subList(0, 5))
        + "\nIt burned down again in 1900. [3]";
    assertThat(kept(trailing)).isEqualTo(String.join("\n", Texts.ENGLISH.subList(0, 5)));
    String marks = "a[1]b[]c[edit]d[x]e[\u0663]f"; // U+0663 is an Arabic-Indic digit
    assertThat(C4QualityFilter.removeCitations(marks, 0, marks.length())).isEqualTo("abcd[x]ef");
  }

  @Test
  void dropsLinesWithAWordLongerThanTheLimit() {
    String prose = String.join("\n", Texts.ENGLISH.subList(0, 5));
    String longWord = "Encoded data: " + "A".repeat(1001) + " follows.";
    assertThat(kept(prose + "\n" + longWord)).isEqualTo(prose);
    String atLimit = "Encoded data: " + "A".repeat(1000) + " follows.";
    assertThat(kept(prose + "\n" + atLimit)).endsWith(atLimit);
  }

  @Test
  void anEllipsisIsNotAnEnding() {
    String prose = String.join("\n", Texts.ENGLISH.subList(0, 5));
    assertThat(kept(prose + "\nAnd then the story went on...")).isEqualTo(prose);
    assertThat(kept(prose + "\nAnd then the story went on\u2026")).isEqualTo(prose);
  }

  @Test
  void joinsWindowsLineBreaksWithNewlines() {
    String windows = String.join("\r\n", Texts.PORTUGUESE.subList(0, 5)) + "\r\n";
    assertThat(kept(windows)).isEqualTo(String.join("\n", Texts.PORTUGUESE.subList(0, 5)));
  }

  @Test
  void rulesCanBeSwitchedOff() {
    C4QualityFilter lenient = new C4QualityFilter(C4Config.builder()
        .dropLinesWithoutTerminalPunctuation(false).minSentences(0).rejectCurlyBracket(false)
        .build());
    String text = "Início | Notícias | Contacto\nVeja a {lista} completa aqui";
    Outcome out = lenient.process(Document.of("p", text));
    assertThat(((Outcome.Kept) out).document().text()).isEqualTo(text);
  }
}
