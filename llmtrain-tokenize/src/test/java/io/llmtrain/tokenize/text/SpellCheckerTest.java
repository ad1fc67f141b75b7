package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpellCheckerTest {
  private final SpellChecker en = SpellChecker.forLanguage("en");
  private final SpellChecker pt = SpellChecker.forLanguage("pt");

  @Test
  void fixesCommonEnglishTypos() {
    assertThat(en.correction("recieve")).contains("receive");
    assertThat(en.correction("langauge")).contains("language");
    assertThat(en.correction("occured")).contains("occurred");
    assertThat(en.correction("Recieve")).contains("Receive");
    SpellChecker.Result r = en.correct("I will recieve the langauge pack tomorow.");
    assertThat(r.text()).isEqualTo("I will receive the language pack tomorrow.");
    assertThat(r.corrections()).isEqualTo(3);
  }

  @Test
  void fixesPortugueseTypos() {
    assertThat(pt.correction("tambem")).contains("também");
    assertThat(pt.correction("voce")).contains("você");
    SpellChecker.Result r = pt.correct("Ele trabalahr em casa e voce tambem.");
    assertThat(r.text()).isEqualTo("Ele trabalhar em casa e você também.");
    assertThat(r.corrections()).isEqualTo(3);
  }

  @Test
  void leavesCorrectWordsAlone() {
    String en1 = "The committee will receive the report on Monday.";
    assertThat(en.correct(en1)).isEqualTo(new SpellChecker.Result(en1, 0));
    String pt1 = "A reunião do conselho foi adiada para a próxima semana.";
    assertThat(pt.correct(pt1)).isEqualTo(new SpellChecker.Result(pt1, 0));
  }

  @Test
  void neverTouchesUrlsCodeIdentifiersOrProperNouns() {
    String text = "Visit https://recieve.example.org/langauge or mail recieve@langauge.org; "
        + "call `recieve()` on recieve_buffer and recieveData, ask Recieve Smith about "
        + "langauge2 and RECIEVE.";
    SpellChecker.Result r = en.correct(text);
    assertThat(r.text()).isEqualTo(text);
    assertThat(r.corrections()).isZero();
  }

  @Test
  void capitalizedWordsAreLeftAloneUnlessAskedForAtTheStartOfASentence() {
    assertThat(en.correct("Recieve it. Then Recieve it.").corrections()).isZero();
    SpellChecker atStart =
        SpellChecker.from(SpellcheckConfig.builder().sentenceStart(true).build());
    assertThat(atStart.correct("Recieve it. Then Recieve it.").text())
        .isEqualTo("Receive it. Then Recieve it.");
  }

  @Test
  void wordsOfTheLexiconContractionsAndEnglishInPortugueseAreCorrect() {
    // "mas" is missing from the pt-BR spelling list but not from the tagging lexicon.
    String pt1 = "Eu sei, mas o sistema disse: File not found. O imã caiu.";
    assertThat(pt.correct(pt1)).isEqualTo(new SpellChecker.Result(pt1, 0));
    String en1 = "It's the people's choice, and that's what they're doing.";
    assertThat(en.correct(en1)).isEqualTo(new SpellChecker.Result(en1, 0));
    SpellChecker ptOnly = SpellChecker.from(SpellcheckConfig.builder().language("pt")
        .alsoAccept(java.util.List.of()).build());
    // English words in Portuguese text stay because English counts as correct by default.
    assertThat(pt.correct("O computer travou de novo.").corrections()).isZero();
    assertThat(ptOnly.correct("O computer travou de novo.").text())
        .isEqualTo("O computar travou de novo.");
  }

  @Test
  void accentRestorationWinsOverOtherEdits() {
    assertThat(pt.correction("idéias")).contains("ideias");
    assertThat(pt.correction("mao")).contains("mão");
    assertThat(pt.correction("nao")).contains("não");
    assertThat(pt.correct("A conclusao do biologo foi unica.").text())
        .isEqualTo("A conclusão do biólogo foi única.");
  }

  @Test
  void editsThatMakeOtherWordsOfJargonAndNamesAreNotTaken() {
    // Each is one edit from a dictionary word (van, unit, dogwood, corn, sub) but no typo.
    String text = "Wernher von Braun ran unix and cron jobs over usb, eating dogfood.";
    assertThat(en.correct(text)).isEqualTo(new SpellChecker.Result(text, 0));
    // The same edits where they are typing slips: a doubled letter, a missing one, a swap.
    assertThat(en.correct("The time alloted was a coloossal waste, a spirtual quandry.").text())
        .isEqualTo("The time allotted was a colossal waste, a spiritual quandary.");
  }

  @Test
  void shortWordsAreLeftToTheCaller() {
    // One swap from "the", but words under minWordLength (4) are not touched in running text.
    assertThat(en.correction("teh")).contains("the");
    assertThat(en.correct("I saw teh les ist.").corrections()).isZero();
    SpellChecker three = SpellChecker.from(SpellcheckConfig.builder().minWordLength(3).build());
    assertThat(three.correct("I saw teh cat.").text()).isEqualTo("I saw the cat.");
  }

  @Test
  void ambiguousTyposStay() {
    // "cas" is one edit from many common words (case, cat, can, car...): no clear winner.
    assertThat(en.correction("cas")).isEmpty();
    assertThat(en.correction("house")).isEmpty();
    assertThat(en.correction("a".repeat(5000))).isEmpty();
  }
}
