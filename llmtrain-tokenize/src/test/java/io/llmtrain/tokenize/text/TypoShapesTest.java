package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypoShapesTest {

  @Test
  void typingSlipsAreRecognized() {
    assertThat(TypoShapes.isTypoOf("recieve", "receive")).isTrue();     // swap
    assertThat(TypoShapes.isTypoOf("teh", "the")).isTrue();             // swap
    assertThat(TypoShapes.isTypoOf("alloted", "allotted")).isTrue();    // double typed single
    assertThat(TypoShapes.isTypoOf("coloossal", "colossal")).isTrue();  // single typed double
    assertThat(TypoShapes.isTypoOf("spirtual", "spiritual")).isTrue();  // letter left out
    assertThat(TypoShapes.isTypoOf("definately", "definitely")).isTrue(); // vowel for vowel
    assertThat(TypoShapes.isTypoOf("tranferido", "transferido")).isTrue();
    assertThat(TypoShapes.sameLetters("conclusao", "conclusão")).isTrue();
  }

  @Test
  void editsBetweenDifferentWordsAreNot() {
    assertThat(TypoShapes.isTypoOf("von", "van")).isFalse();        // vowel, short word
    assertThat(TypoShapes.isTypoOf("von", "on")).isFalse();         // letter dropped, not doubled
    assertThat(TypoShapes.isTypoOf("unix", "unit")).isFalse();      // consonant
    assertThat(TypoShapes.isTypoOf("dogfood", "dogwood")).isFalse();
    assertThat(TypoShapes.isTypoOf("rath", "wrath")).isFalse();     // first letter
    assertThat(TypoShapes.isTypoOf("mao", "não")).isFalse();
    assertThat(TypoShapes.sameLetters("mao", "não")).isFalse();
  }
}
