package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
  private static List<String> tokens(String text) {
    WordTokenizer.Tokens t = WordTokenizer.tokenize(text);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.count; i++) {
      out.add(t.token(i));
    }
    return out;
  }

  @Test
  void splitsPunctuationOffWordsAsSpacyDoes() {
    assertThat(tokens("Hello, world. (Really!) \"Yes\"; no..."))
        .containsExactly("Hello", ",", "world", ".", "(", "Really", "!", ")", "\"", "Yes", "\"",
            ";", "no", "...");
  }

  @Test
  void splitsEnglishContractionsIntoTheirPieces() {
    assertThat(tokens("I don't think it's what you're after, and we can't stay."))
        .containsExactly("I", "do", "n't", "think", "it", "'s", "what", "you", "'re", "after",
            ",", "and", "we", "ca", "n't", "stay", ".");
    assertThat(tokens("dont gonna cannot")).containsExactly("do", "nt", "gon", "na", "can", "not");
    // Ordinary words that look like contractions stay whole.
    assertThat(tokens("Well, its shell were ill.")).containsExactly("Well", ",", "its", "shell",
        "were", "ill", ".");
  }

  @Test
  void splitsPossessivesAndKeepsAbbreviations() {
    assertThat(tokens("Mr. Smith's car, e.g. the U.S. one, left at 5pm."))
        .containsExactly("Mr.", "Smith", "'s", "car", ",", "e.g.", "the", "U.S.", "one", ",",
            "left", "at", "5", "pm", ".");
  }

  @Test
  void splitsHyphenatedWordsButNotNegativeNumbers() {
    assertThat(tokens("a well-known state-of-the-art tool costs -5 or 3-4 euros"))
        .containsExactly("a", "well", "-", "known", "state", "-", "of", "-", "the", "-", "art",
            "tool", "costs", "-5", "or", "3", "-", "4", "euros");
  }

  @Test
  void keepsUrlsAndEmailAddressesWhole() {
    assertThat(tokens("See www.example.com/a-b/c?x=1, or write to ana.silva@example.org."))
        .containsExactly("See", "www.example.com/a-b/c?x=1", ",", "or", "write", "to",
            "ana.silva@example.org", ".");
  }

  @Test
  void splitsUnitsAndCurrencyFromNumbers() {
    assertThat(tokens("It cost $20 for 10km, or 20US$ and 100%."))
        .containsExactly("It", "cost", "$", "20", "for", "10", "km", ",", "or", "20", "US$", "and",
            "100", "%", ".");
  }

  @Test
  void tokenizesPortugueseProse() {
    assertThat(tokens("Não sei, disse ela: «Vamos à praia amanhã?» — Talvez."))
        .containsExactly("Não", "sei", ",", "disse", "ela", ":", "«", "Vamos", "à", "praia",
            "amanhã", "?", "»", "—", "Talvez", ".");
  }

  @Test
  void everyKindOfWhitespaceSeparatesAndNoTokenIsBlank() {
    assertThat(tokens(" um\u00a0dois\tthree\r\nquatro\u2028five  ")).containsExactly("um", "dois",
        "three", "quatro", "five");
    assertThat(tokens("")).isEmpty();
  }

  @Test
  void splitsAPeriodBetweenSentencesWrittenWithoutASpace() {
    assertThat(tokens("end.Next")).containsExactly("end", ".", "Next");
  }

  @Test
  void recordsTheHashOfEveryToken() {
    WordTokenizer.Tokens t = WordTokenizer.tokenize("Olá, mundo! it's fine");
    for (int i = 0; i < t.count; i++) {
      assertThat(t.hash[i]).as(t.token(i)).isEqualTo(t.token(i).hashCode());
    }
  }
}
