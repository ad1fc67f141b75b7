package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordMatcherTest {

  private static WordMatcher offensiveLike() {
    WordMatcher.Builder b = WordMatcher.builder();
    for (String w : List.of("fuck*", "shit", "filho da puta", "puta", "vai tomar no cu",
        "otário", "son of a bitch", "bitch", "cunt*")) {
      b.add(w, false, 0, "test");
    }
    b.add("[allow]", false, 0, "test");
    b.add("fuckfest", true, 0, "test");
    return b.build();
  }

  private static WordMatcher containsLike() {
    WordMatcher.Builder b = WordMatcher.builder().anchorOnLongestWord();
    for (String w : List.of("click here", "you are receiving this email", "all rights reserved",
        "todos os direitos reservados", "sent from my iphone", "unsubscribe")) {
      b.add(w, false, 0, "test");
    }
    return b.build();
  }

  private static List<String> run(WordMatcher.Union union, String text, boolean exact) {
    List<String> seen = new ArrayList<>();
    WordMatcher.Sink[] sinks = new WordMatcher.Sink[union.matchers.length];
    for (int k = 0; k < sinks.length; k++) {
      int layer = k;
      sinks[k] = (e, s, t) -> seen.add(layer + ":" + s + "-" + t + ":" + e.words.length);
    }
    WordMatcher.Layers layers = new WordMatcher.Layers(union, sinks);
    char[] chars = text.toCharArray();
    int words = exact ? layers.scanExactly(chars, text, 0, text.length())
        : layers.scan(chars, text, 0, text.length());
    seen.add("words=" + words + " census=" + layers.census());
    return seen;
  }

  @Test
  void fastScanAgreesWithExactScanOnRandomText() {
    WordMatcher.Union union = new WordMatcher.Union(List.of(containsLike(), offensiveLike()),
        List.of("read more", "home", "leia mais"));
    String[] vocabulary = {"fuck", "FUCKING", "fuckfest", "shit", "Shiitake", "filho", "da",
        "puta", "disputa", "vai", "tomar", "no", "cu", "Otário", "otario", "son", "of", "a",
        "bitch", "cunts", "Scunthorpe", "click", "here", "you", "are", "receiving", "this",
        "email", "all", "rights", "reserved", "todos", "os", "direitos", "reservados", "sent",
        "from", "my", "iPhone", "read", "more", "home", "leia", "mais", "the", "and", "ação",
        "coração", "sh\u00ADit", "fu\u0301ck", "𝐟𝐮𝐜𝐤", "日本語", "x86", "2024"};
    String[] separators = {" ", " ", " ", "  ", "-", "'", ", ", ". ", "\t", "!", "\u00A0", "",
        "😀", " 😀 ", "—"};
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(25);
      for (int w = 0; w < n; w++) {
        b.append(vocabulary[random.nextInt(vocabulary.length)]);
        b.append(separators[random.nextInt(separators.length)]);
      }
      String text = b.toString();
      assertThat(run(union, text, false)).as(text).isEqualTo(run(union, text, true));
    }
  }

  @Test
  void anchoredPhrasesMatchAroundTheirLongestWord() {
    List<String> found = new ArrayList<>();
    String text = "Hi, you are receiving this email because...";
    containsLike().scan(text, 0, text.length(), (e, s, t) -> found.add(text.substring(s, t)));
    assertThat(found).containsExactly("you are receiving this email");
    found.clear();
    String other = "they are receiving this email";
    containsLike().scan(other, 0, other.length(), (e, s, t) -> found.add(other.substring(s, t)));
    assertThat(found).isEmpty();
  }

  @Test
  void longestMatchWinsAndAllowEntriesWinTies() {
    List<String> found = new ArrayList<>();
    String text = "filho da puta, fuckfest, fucking";
    offensiveLike().scan(text, 0, text.length(), (e, s, t) -> found.add(text.substring(s, t)));
    assertThat(found).containsExactly("filho da puta", "fucking");
  }

  @Test
  void phrasesDoNotCrossPunctuationOrLineBreaks() {
    List<String> found = new ArrayList<>();
    String text = "filho da\nputa, filho. da puta";
    offensiveLike().scan(text, 0, text.length(), (e, s, t) -> found.add(text.substring(s, t)));
    assertThat(found).containsExactly("puta", "puta");
  }

  @Test
  void wildcardsOnlyAfterOneWord() {
    assertThatThrownBy(() -> WordMatcher.builder().add("son of*", false, 0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single word");
    assertThat(WordMatcher.builder().add("  -- ", false, 0, "x")).isFalse();
  }
}
