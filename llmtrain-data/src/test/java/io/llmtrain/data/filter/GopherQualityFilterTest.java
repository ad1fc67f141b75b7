package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
  private final GopherQualityFilter filter = new GopherQualityFilter();

  private static void assertPasses(GopherQualityFilter f, String text) {
    assertThat(f.check(text)).as(text).isEmpty();
  }

  private static Outcome.Rejected assertFails(GopherQualityFilter f, String text, String reason) {
    Optional<Outcome.Rejected> r = f.check(text);
    assertThat(r).as(text).isPresent();
    assertThat(r.get().reason()).isEqualTo(reason);
    return r.get();
  }

  @Test
  void keepsOrdinaryEnglishProseAndReturnsTheSameDocument() {
    Document doc = Document.of("mill", Texts.english(12));
    Outcome out = filter.process(doc);
    assertThat(out).isInstanceOf(Outcome.Kept.class);
    assertThat(((Outcome.Kept) out).document()).isSameAs(doc);
  }

  @Test
  void needsFiftyWordsNotCountingPunctuation() {
    // Five sentences of ten words: 50 words (and 5 periods, which are not words).
    String fifty = Texts.english(5);
    assertPasses(filter, fifty);
    String fortyNine = fifty.replace("old mill", "mill");
    assertThat(assertFails(filter, fortyNine, "gopher_too_few_words").detail())
        .isEqualTo("49 words < 50");
  }

  @Test
  void rejectsMoreWordsThanTheMaximum() {
    GopherQualityFilter f = new GopherQualityFilter(
        GopherQualityConfig.builder().maxWords(60).build());
    assertPasses(f, Texts.english(6));
    assertThat(assertFails(f, Texts.english(6) + " Many came back.", "gopher_too_many_words")
        .detail()).isEqualTo("63 words > 60");
  }

  @Test
  void wordCountShortcutNeverRejectsWhatTheExactRuleKeeps() {
    // Texts made to sit around the limit, with punctuation-only chunks, contractions, hyphens
    // and digits: whenever the shortcut rejects, the exact count is over the limit as well.
    List<String> pieces = List.of("mill", "--", "don't", "well-known", "1843", "...", "(see",
        "below)", "#", "água", "é", "—", "x2", "a.m.", "&", "São", "Paulo's");
    java.util.Random random = new java.util.Random(7);
    int shortcutRejected = 0;
    for (int trial = 0; trial < 400; trial++) {
      int max = 5 + random.nextInt(40);
      GopherQualityFilter f = new GopherQualityFilter(
          GopherQualityConfig.builder().minWords(0).maxWords(max).build());
      StringBuilder text = new StringBuilder();
      int chunks = max - 10 + random.nextInt(30);
      for (int i = 0; i < chunks; i++) {
        text.append(pieces.get(random.nextInt(pieces.size())))
            .append(random.nextInt(5) == 0 ? "\n" : " ");
      }
      Optional<Outcome.Rejected> quick = f.tooManyWords(text.toString(), 0);
      try (TextAnalysis analysis = TextAnalysis.open(text.toString())) {
        if (quick.isPresent()) {
          shortcutRejected++;
          assertThat(analysis.nonSymbolWords()).as(text.toString()).isGreaterThan(max);
        }
      }
    }
    assertThat(shortcutRejected).isGreaterThan(50);
  }

  @Test
  void hugeTextsAreRejectedForTheirLengthWithoutTokenizing() {
    // 1.3 million characters, ~240,000 words: over the 100,000-word limit.
    String huge = String.join("\n", Collections.nCopies(2000, Texts.english(12)));
    assertThat(huge.length()).isGreaterThan(GopherQualityFilter.SHORTCUT_MIN_CHARS);
    assertThat(assertFails(filter, huge, "gopher_too_many_words").detail())
        .isEqualTo("more than 100000 words");
    // In the composite it comes before the repetition rules, which would otherwise need
    // n-gram tables for all of it.
    assertThat(((Outcome.Rejected) new QualityFilter().process(Document.of("h", huge))).reason())
        .isEqualTo("gopher_too_many_words");
  }

  @Test
  void meanWordLengthOfExactlyThreePassesAndJustBelowFails() {
    List<String> sentences = new ArrayList<>(List.of(
        "The cat and the dog ran off for the day.",
        "Her son saw the red fox dig for its den.",
        "Tom had one big hat and one new toy box.",
        "You may not see the owl yet you can too.",
        "Our old cow ate hay all day and was fat."));
    assertPasses(filter, String.join(" ", sentences));
    sentences.set(4, "Our old cow ate hay all day and is fat.");
    assertThat(assertFails(filter, String.join(" ", sentences), "gopher_mean_word_too_short")
        .detail()).isEqualTo("mean word length 2.98 < 3");
  }

  @Test
  void meanWordLengthOfExactlyTenPassesAndJustAboveFails() {
    List<String> tenLetters = List.of("government", "management", "population", "university",
        "experience", "technology", "television", "conference", "background", "difference",
        "leadership", "investment", "historical", "scientific", "understand", "particular",
        "collection", "industrial", "friendship", "instrument", "democratic", "revolution",
        "commercial", "successful");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 46; i++) {
      words.add(tenLetters.get(i % tenLetters.size()));
    }
    words.addAll(List.of("the", "and", "telecommunication", "internationalized"));
    words.forEach(w -> assertThat(w.length()).isIn(3, 10, 17));
    // (46 * 10 + 3 + 3 + 17 + 17) / 50 = 10
    assertPasses(filter, String.join(" ", words) + ".");
    words.set(0, "governments");
    assertThat(assertFails(filter, String.join(" ", words) + ".", "gopher_mean_word_too_long")
        .detail()).isEqualTo("mean word length 10.02 > 10");
  }

  @Test
  void hashesPerWordAtMostOneTenth() {
    // 55 tokens (50 words, 5 periods); each "#tag" adds two tokens and one '#'.
    String base = Texts.english(5);
    String six = base + "\n#mill #river #bread #farm #wheat #elms";
    assertPasses(filter, six); // 6 / 67
    String seven = six + " #fair";
    assertThat(assertFails(filter, seven, "gopher_symbol_ratio").detail())
        .isEqualTo("'#' per word 0.1014 > 0.1"); // 7 / 69
  }

  @Test
  void ellipsesPerWordAtMostOneTenth() {
    // Each " …" adds one token and one ellipsis to the 55 tokens of five sentences.
    String base = Texts.english(5);
    String six = base.replace(" beside", " … beside").replace(" brought", " … brought")
        .replace(" ground", " … ground").replace(" liked", " … liked")
        .replace(" froze", " … froze").replace(" wheel", " … wheel");
    assertPasses(filter, six); // 6 / 61
    String seven = six.replace(" kept", " ... kept");
    assertThat(assertFails(filter, seven, "gopher_symbol_ratio").detail())
        .isEqualTo("ellipses per word 0.1129 > 0.1"); // 7 / 62
  }

  @Test
  void bulletLinesAtMostNinetyPercent() {
    List<String> lines = new ArrayList<>();
    lines.add(Texts.ENGLISH.get(0));
    for (int i = 1; i < 10; i++) {
      lines.add("- " + Texts.ENGLISH.get(i));
    }
    assertPasses(filter, String.join("\n", lines)); // 9 of 10
    lines.set(0, "\u2022 " + Texts.ENGLISH.get(0));
    assertThat(assertFails(filter, String.join("\n", lines), "gopher_bullet_lines").detail())
        .isEqualTo("share of bullet lines 1 > 0.9");
  }

  @Test
  void linesEndingInAnEllipsisAtMostThirtyPercent() {
    List<String> lines = new ArrayList<>(Texts.ENGLISH.subList(0, 10));
    for (int i = 0; i < 3; i++) {
      lines.set(i, lines.get(i).replace(".", "..."));
    }
    assertPasses(filter, String.join("\n", lines)); // 3 of 10
    lines.set(3, lines.get(3).replace(".", "\u2026  "));
    assertThat(assertFails(filter, String.join("\n", lines), "gopher_ellipsis_lines").detail())
        .isEqualTo("share of lines ending in an ellipsis 0.4 > 0.3");
  }

  @Test
  void eightyPercentOfWordsMustHaveALetter() {
    // 50 of 55 tokens have a letter; each year adds a token without one.
    String base = Texts.english(5);
    String seven = base + "\n1850 1871 1890 1902 1915 1921 1934";
    assertPasses(filter, seven); // 50 / 62
    String eight = seven + " 1948";
    assertThat(assertFails(filter, eight, "gopher_too_few_alpha_words").detail())
        .isEqualTo("share of words with a letter 0.7937 < 0.8"); // 50 / 63
  }

  @Test
  void needsTwoDistinctStopWords() {
    String two = String.join(" ",
        "Snow fell on quiet hills while wolves crossed frozen lakes.",
        "Hunters waited in cabins near bright fires all night long.",
        "Old songs filled every room as children slept under furs.",
        "By morning deep drifts covered roads fences barns sheds too.",
        "Then the sun rose and everyone went outside laughing happily.");
    assertPasses(filter, two); // "the" and "and"
    String one = two.replace("rose and", "rose so");
    assertThat(assertFails(filter, one, "gopher_too_few_stop_words").detail())
        .isEqualTo("1 distinct stop words < 2");
    // As in datatrove the match is case-sensitive: a capitalised "And" is not counted.
    assertFails(filter, two.replace("rose and", "rose. And"), "gopher_too_few_stop_words");
  }

  @Test
  void portugueseNeedsPortugueseStopWords() {
    String text = Texts.portuguese(10);
    assertThat(assertFails(filter, text, "gopher_too_few_stop_words").detail())
        .isEqualTo("0 distinct stop words < 2");
    GopherQualityFilter bilingual = new GopherQualityFilter(GopherQualityConfig.builder()
        .stopWordLanguages(List.of("en", "pt")).build());
    assertPasses(bilingual, text);
    assertPasses(bilingual, Texts.english(12));
    // Extra words may be configured too.
    GopherQualityFilter extra = new GopherQualityFilter(GopherQualityConfig.builder()
        .stopWords(List.of("o", "ao")).build());
    assertPasses(extra, text);
  }

  @Test
  void rulesSetToZeroAreSwitchedOff() {
    GopherQualityFilter off = new GopherQualityFilter(GopherQualityConfig.builder()
        .minWords(0).minStopWords(0).minMeanWordLength(0).build());
    assertPasses(off, "ok");
    assertPasses(off, "");
    assertFails(filter, "", "gopher_too_few_words");
  }

  @Test
  void checksRulesInDatatrovesOrder() {
    // Too few words and too many hashes: the word count is checked first.
    assertFails(filter, "#a #b #c", "gopher_too_few_words");
    // Bullets and non-alphabetic tokens: bullets first.
    List<String> lines = new ArrayList<>(Collections.nCopies(10,
        "- 1850 1871 1890 1902 1915 1921 1934 1948 1950 1960 1970"));
    assertFails(filter, String.join("\n", lines), "gopher_bullet_lines");
  }
}
