package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.tokenize.text.WordTokenizer.Kind;
import io.llmtrain.tokenize.text.WordTokenizer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {

  private static List<String> words(String text) {
    return WordTokenizer.tokenize(text).stream().filter(Token::isWord).map(Token::text).toList();
  }

  private static List<String> protectedSpans(String text) {
    return WordTokenizer.tokenize(text).stream().filter(t -> t.kind() == Kind.PROTECTED)
        .map(Token::text).toList();
  }

  @Test
  void tokensRebuildTheTextExactly() {
    for (String text : List.of(
        "A reunião foi adiada — de novo!  Ninguém sabe porquê…\n\nFim.",
        "  leading and trailing spaces\t",
        "Don't panic: see https://example.org/a_b?x=1, or mail ana@example.com.",
        "Use `git commit -m \"msg\"` then ```\ncode block\n``` done; unclosed ` tick",
        "Emoji 😀 and CJK 東京 and accents: ação, coração, naïve café.",
        "")) {
      assertThat(WordTokenizer.join(WordTokenizer.tokenize(text))).isEqualTo(text);
    }
  }

  @Test
  void wordsKeepInnerApostrophesAndAccentsButSplitAtHyphensAndPunctuation() {
    assertThat(words("Don't stop, d'água guarda-chuva (ação).")).containsExactly(
        "Don't", "stop", "d'água", "guarda", "chuva", "ação");
    assertThat(words("'quoted' words")).containsExactly("quoted", "words");
  }

  @Test
  void urlsAddressesPathsAndCodeAreProtectedWithoutTheirSentencePunctuation() {
    String text = "See https://example.org/docs, www.example.com. Mail ana@example.com! "
        + "Edit pom.xml or src/main/App.java, call `recieve()` and my_var; it costs 3.50 today.";
    assertThat(protectedSpans(text)).containsExactly("https://example.org/docs",
        "www.example.com", "ana@example.com", "pom.xml", "src/main/App.java", "`recieve()`",
        "my_var");
    assertThat(words(text)).contains("See", "Mail", "Edit", "or", "call", "and", "costs", "3",
        "50", "today");
  }

  @Test
  void backtickSpansCloseOnTheirLineUnlessFenced() {
    assertThat(protectedSpans("``Old quotes,'' he said.\nAnd ``more''.")).isEmpty();
    assertThat(words("``Old quotes,'' he said.\nAnd ``more''."))
        .containsExactly("Old", "quotes", "he", "said", "And", "more");
    assertThat(protectedSpans("Run:\n```\nmvn test\n```\nthen `ls -la`."))
        .containsExactly("```\nmvn test\n```", "`ls -la`");
  }

  @Test
  void identifiersAreRecognized() {
    assertThat(WordTokenizer.looksLikeIdentifier("camelCase")).isTrue();
    assertThat(WordTokenizer.looksLikeIdentifier("utf8")).isTrue();
    assertThat(WordTokenizer.looksLikeIdentifier("Receive")).isFalse();
    assertThat(WordTokenizer.looksLikeIdentifier("NASA")).isFalse();
  }
}
