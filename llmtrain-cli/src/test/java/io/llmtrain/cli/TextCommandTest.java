package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code llmtrain text ...} as a filter from standard input to standard output. */
class TextCommandTest {
  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  @Test
  void stemWritesWordTabStem() {
    assertThat(console.runWithInput("correndo\ncorreu\ncorrida\n", "text", "stem", "--lang",
        "pt")).isZero();
    assertThat(console.out()).isEqualTo("correndo\tcorr\ncorreu\tcorr\ncorrida\tcorr\n");
  }

  @Test
  void lemmatizeWritesWordTabLemmaAndKeepsUnknownWords() {
    assertThat(console.runWithInput("ran\nmice\n\nflibbertigibbetish\n", "text", "lemmatize",
        "--lang", "en"))
        .isZero();
    assertThat(console.out()).isEqualTo(
        "ran\trun\nmice\tmouse\n\nflibbertigibbetish\tflibbertigibbetish\n");
    assertThat(console.runWithInput("correndo\ncorreu\n", "text", "lemmatize", "--lang",
        "pt")).isZero();
    assertThat(console.out()).isEqualTo("correndo\tcorrer\ncorreu\tcorrer\n");
  }

  @Test
  void stopwordsWritesEachLineWithoutItsStopWords() {
    assertThat(console.runWithInput("O menino correu para a escola.\nEles não foram.\n",
        "text", "stopwords", "--lang", "pt", "--keep", "não")).isZero();
    assertThat(console.out()).isEqualTo("menino correu escola.\nnão.\n");
  }

  @Test
  void spellFixesTyposAndReportsTheCount() {
    assertThat(console.runWithInput("I will recieve it at https://recieve.org\n", "text", "spell",
        "--lang", "en"))
        .isZero();
    assertThat(console.out()).isEqualTo("I will receive it at https://recieve.org\n");
    assertThat(console.err()).contains("spelling corrections: 1");
    assertThat(console.runWithInput("A conclusao foi unica.\nO computer travou.\n", "text",
        "spell", "--lang", "pt"))
        .isZero();
    assertThat(console.out()).isEqualTo("A conclusão foi única.\nO computer travou.\n");
  }

  @Test
  void unknownLanguageOrMissingSubcommandIsAUsageError() {
    assertThat(console.runWithInput("x\n", "text", "lemmatize", "--lang", "es")).isEqualTo(2);
    assertThat(console.err()).contains("'es'").contains("en, pt");
    assertThat(console.runWithInput("", "text")).isEqualTo(2);
    assertThat(console.runWithInput("", "text", "stem")).isEqualTo(2);
    assertThat(console.err()).contains("--lang");
  }
}
