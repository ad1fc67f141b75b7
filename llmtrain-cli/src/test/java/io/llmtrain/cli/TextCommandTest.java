package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code llmtrain text ...} as a filter from standard input to standard output. */
class TextCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;
  private InputStream oldIn;

  @BeforeEach
  void captureConsole() {
    oldOut = System.out;
    oldErr = System.err;
    oldIn = System.in;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(oldOut);
    System.setErr(oldErr);
    System.setIn(oldIn);
  }

  private int run(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return Main.commandLine()
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void stemWritesWordTabStem() {
    assertThat(run("correndo\ncorreu\ncorrida\n", "text", "stem", "--lang", "pt")).isZero();
    assertThat(stdout()).isEqualTo("correndo\tcorr\ncorreu\tcorr\ncorrida\tcorr\n");
  }

  @Test
  void lemmatizeWritesWordTabLemmaAndKeepsUnknownWords() {
    assertThat(run("ran\nmice\n\nflibbertigibbetish\n", "text", "lemmatize", "--lang", "en"))
        .isZero();
    assertThat(stdout()).isEqualTo(
        "ran\trun\nmice\tmouse\n\nflibbertigibbetish\tflibbertigibbetish\n");
    out.reset();
    assertThat(run("correndo\ncorreu\n", "text", "lemmatize", "--lang", "pt")).isZero();
    assertThat(stdout()).isEqualTo("correndo\tcorrer\ncorreu\tcorrer\n");
  }

  @Test
  void stopwordsWritesEachLineWithoutItsStopWords() {
    assertThat(run("O menino correu para a escola.\nEles não foram.\n",
        "text", "stopwords", "--lang", "pt", "--keep", "não")).isZero();
    assertThat(stdout()).isEqualTo("menino correu escola.\nnão.\n");
  }

  @Test
  void spellFixesTyposAndReportsTheCount() {
    assertThat(run("I will recieve it at https://recieve.org\n", "text", "spell", "--lang", "en"))
        .isZero();
    assertThat(stdout()).isEqualTo("I will receive it at https://recieve.org\n");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("spelling corrections: 1");
    out.reset();
    assertThat(run("A conclusao foi unica.\nO computer travou.\n", "text", "spell", "--lang", "pt"))
        .isZero();
    assertThat(stdout()).isEqualTo("A conclusão foi única.\nO computer travou.\n");
  }

  @Test
  void unknownLanguageOrMissingSubcommandIsAUsageError() {
    assertThat(run("x\n", "text", "lemmatize", "--lang", "es")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'es'").contains("en, pt");
    assertThat(run("", "text")).isEqualTo(2);
    assertThat(run("", "text", "stem")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--lang");
  }
}
