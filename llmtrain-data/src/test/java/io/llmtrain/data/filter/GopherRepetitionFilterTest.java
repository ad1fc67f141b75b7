package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.data.filter.GopherRepetitionConfig.NGramLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GopherRepetitionFilterTest {
  private final GopherRepetitionFilter filter = new GopherRepetitionFilter();

  /** Only the line and paragraph rules, to look at them in isolation. */
  private final GopherRepetitionFilter linesOnly = new GopherRepetitionFilter(
      GopherRepetitionConfig.builder().topNGramCharFractions(List.of())
          .dupNGramCharFractions(List.of()).build());

  private static GopherRepetitionFilter ngramsOnly(List<NGramLimit> top, List<NGramLimit> dup) {
    return new GopherRepetitionFilter(GopherRepetitionConfig.builder()
        .maxDupLineFraction(0).maxDupParagraphFraction(0).maxDupLineCharFraction(0)
        .maxDupParagraphCharFraction(0).topNGramCharFractions(top).dupNGramCharFractions(dup)
        .build());
  }

  private static Outcome.Rejected assertFails(GopherRepetitionFilter f, String text,
      String reason) {
    Optional<Outcome.Rejected> r = f.check(text);
    assertThat(r).as(text).isPresent();
    assertThat(r.get().reason()).isEqualTo(reason);
    return r.get();
  }

  @Test
  void keepsOrdinaryProseInBothLanguages() {
    Document en = Document.of("en", String.join("\n\n", Texts.ENGLISH));
    assertThat(((Outcome.Kept) filter.process(en)).document()).isSameAs(en);
    assertThat(filter.check(String.join("\n", Texts.PORTUGUESE))).isEmpty();
  }

  @Test
  void repeatedParagraphsAtMostThirtyPercent() {
    // Seven unique paragraphs and "Amen." four times: 3 repeats of 10.
    List<String> paragraphs = new ArrayList<>(Texts.ENGLISH.subList(0, 6));
    for (int i = 0; i < 4; i++) {
      paragraphs.add("Amen.");
    }
    assertThat(filter.check(String.join("\n\n", paragraphs))).isEmpty();
    paragraphs.set(5, "Amen.");
    assertThat(assertFails(filter, String.join("\n\n", paragraphs), "gopher_dup_para_frac")
        .detail()).isEqualTo("repeated paragraphs 4/10 = 0.4 > 0.3");
  }

  @Test
  void charactersInRepeatedParagraphsAtMostTwentyPercent() {
    String repeated = Texts.PORTUGUESE.get(0); // 53 characters
    List<String> paragraphs = new ArrayList<>(Texts.PORTUGUESE.subList(1, 5));
    paragraphs.add(repeated);
    paragraphs.add(repeated);
    String text = String.join("\n\n", paragraphs);
    double fraction = (double) repeated.length() / text.length();
    assertThat(fraction).isBetween(0.15, 0.2);
    assertThat(linesOnly.check(text)).isEmpty();
    // Shorter unique paragraphs make the repeat weigh more.
    paragraphs.set(0, "Era assim.");
    paragraphs.set(1, "Sim.");
    String heavier = String.join("\n\n", paragraphs);
    assertThat((double) repeated.length() / heavier.length()).isBetween(0.2, 0.3);
    assertFails(linesOnly, heavier, "gopher_dup_para_char_frac");
  }

  @Test
  void repeatedLinesAtMostThirtyPercentAndTwentyPercentOfCharacters() {
    List<String> lines = new ArrayList<>(Texts.ENGLISH.subList(0, 6));
    for (int i = 0; i < 4; i++) {
      lines.add("Amen.");
    }
    // One paragraph, so only the line rules see the repeats.
    assertThat(filter.check(String.join("\n", lines))).isEmpty();
    lines.set(5, "Amen.");
    assertThat(assertFails(filter, String.join("\n", lines), "gopher_dup_line_frac").detail())
        .isEqualTo("repeated lines 4/10 = 0.4 > 0.3");

    // Character share, by exact lengths: a 20-character line repeated once (one line in four)
    // in a 100-character text is 0.2 and passes; in a 99-character text it fails.
    String twenty = "A fresh loaf, baked.";
    assertThat(twenty).hasSize(20);
    String exact = twenty + "\n" + twenty + "\n" + "x".repeat(28) + "\n" + "y".repeat(28);
    assertThat(exact).hasSize(99);
    assertThat(linesOnly.check(exact + "y")).isEmpty();
    assertThat(assertFails(linesOnly, exact, "gopher_dup_line_char_frac").detail())
        .isEqualTo("characters in repeated lines 0.202 > 0.2");
  }

  @Test
  void splitsLinesAndParagraphsAsPythonsReSplitDoes() {
    // re.split("\n+") keeps an empty first and last line; two empty ones repeat once.
    GopherRepetitionFilter.Segments lines = GopherRepetitionFilter.lines("\nab\n\ncd\n");
    assertThat(lines.count).isEqualTo(4);
    assertThat(lines.duplicates("\nab\n\ncd\n")).containsExactly(1, 0);
    // Paragraphs come from the stripped text, split at two or more '\n'.
    String text = "  one\ntwo\n\n\nthree\n\n";
    GopherRepetitionFilter.Segments paragraphs = GopherRepetitionFilter.paragraphs(text);
    assertThat(paragraphs.count).isEqualTo(2);
    assertThat(text.substring(paragraphs.start[0], paragraphs.end[0])).isEqualTo("one\ntwo");
    assertThat(text.substring(paragraphs.start[1], paragraphs.end[1])).isEqualTo("three");
  }

  @Test
  void topNGramCharactersAsDatatroveCountsThem() {
    // Bigrams "the cat", "cat and", "and the" each occur twice; the first wins the tie:
    // 7 characters x 2 = 14 of 31.
    String text = "the cat and the cat and the dog";
    assertFails(ngramsOnly(List.of(new NGramLimit(2, 0.45)), List.of()), text, "gopher_top_2_gram");
    assertThat(ngramsOnly(List.of(new NGramLimit(2, 0.46)), List.of()).check(text)).isEmpty();
    // Trigram "the cat and" twice: 22 of 31.
    assertFails(ngramsOnly(List.of(new NGramLimit(3, 0.70)), List.of()), text, "gopher_top_3_gram");
    assertThat(ngramsOnly(List.of(new NGramLimit(3, 0.71)), List.of()).check(text)).isEmpty();
  }

  @Test
  void topNGramCountsTheFirstNGramWhenNothingRepeats() {
    // No repeats: the top 4-gram is the first one, "o rato roeu a" (13 of 37 characters).
    String text = "o rato roeu a rolha da garrafa do rei";
    assertFails(ngramsOnly(List.of(new NGramLimit(4, 0.35)), List.of()), text, "gopher_top_4_gram");
    assertThat(ngramsOnly(List.of(new NGramLimit(4, 0.36)), List.of()).check(text)).isEmpty();
    // A text shorter than n has no n-grams and is not checked.
    assertThat(filter.check("curto")).isEmpty();
  }

  @Test
  void duplicateNGramCharactersSkipPastEachRepeatAsDatatroveDoes() {
    // datatrove's find_all_duplicate gives 15 characters for 5-grams and 6 for 6-grams here
    // (the text is 41 characters long).
    String text = "a b c d e a b c d e f a b c d e a b c d e";
    assertFails(ngramsOnly(List.of(), List.of(new NGramLimit(5, 0.36))), text, "gopher_dup_5_gram");
    assertThat(ngramsOnly(List.of(), List.of(new NGramLimit(5, 0.37))).check(text)).isEmpty();
    assertFails(ngramsOnly(List.of(), List.of(new NGramLimit(6, 0.14))), text, "gopher_dup_6_gram");
    assertThat(ngramsOnly(List.of(), List.of(new NGramLimit(6, 0.15))).check(text)).isEmpty();
  }

  @Test
  void nGramMeasuresMatchDatatroveOnPortuguese() {
    // Values from datatrove's functions on the same words.
    TextAnalysis a = new TextAnalysis("o gato e o cão e o gato e o rato e o gato e o cão");
    NGramStats s = new NGramStats(a, 10);
    assertThat(new long[] {s.topChars(2), s.topChars(3), s.topChars(4)})
        .containsExactly(15, 24, 30);
    assertThat(s.duplicateChars(5)).isEqualTo(8);
    assertThat(s.duplicateChars(6)).isZero();
    NGramStats counting = new NGramStats(new TextAnalysis(
        "one two three four five one two three four five one two three four five six"), 10);
    assertThat(new long[] {counting.duplicateChars(5), counting.duplicateChars(6),
        counting.duplicateChars(7), counting.duplicateChars(10)}).containsExactly(38, 22, 25, 38);
  }

  @Test
  void repeatedBoilerplateIsRejectedWithDefaults() {
    String spam = "Buy cheap watches now. Buy cheap watches now. Buy cheap watches now. "
        + Texts.english(3);
    assertThat(filter.check(spam)).isPresent();
    assertThat(filter.check(spam).get().reason()).startsWith("gopher_");
  }
}
