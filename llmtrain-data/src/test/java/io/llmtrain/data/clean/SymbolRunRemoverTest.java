package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolRunRemoverTest {
  private final SymbolRunRemover remover = SymbolRunRemover.withDefaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "What the #$%&*@!~^^ is going on here? | What the is going on here?",
      "Prices: $$$$$ cheap deals | Prices: cheap deals",
      "=-=-=-=- Chapter One =-=-=-=- | Chapter One",
      "The end ~~~~~~~ of the story | The end of the story",
      "Comprei ontem !!!!!!! e adorei | Comprei ontem e adorei",
      "Section break ********** next part | Section break next part",
      "Fale conosco >>>>>>>> agora | Fale conosco agora",
      "Nome: ____________ Data: ________ | Nome: Data:",
      "Título ───────── fim | Título fim",
  })
  void removesStandaloneRuns(String input, String expected) {
    assertThat(remover.apply(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "Wow!!!!!!! That was great. | Wow! That was great.",
      "Que legal!!!!!!!!!! Vamos. | Que legal! Vamos.",
      "Wait......... what? | Wait... what?",
      "Sério????? Não acredito. | Sério? Não acredito.",
      "Hello~~~~~. How are you? | Hello. How are you?",
      "`He said ~~~~~\"Hello\" twice` | `He said \"Hello\" twice`",
      "price%%%%%tag | price tag",
  })
  void shortensRunsAttachedToWords(String input, String expected) {
    assertThat(remover.apply(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Well... I don't know?! Maybe -- maybe not (e.g. tomorrow).",
      "It costs $1,000 or R$ 5.000,00 (about €900); 50% off!",
      "Visit https://example.com/search?q=a&&&&&b=2 or http://www.site.org/a//////b today.",
      "Write to first.last+news@example.co.uk, or to o'neil@example.com.",
      "Smile :-) or ;-) or :-( and ¯\\_(ツ)_/¯ please.",
      "Code: if (a && b || !c) { x += 1; } else { y -= 2; } // done",
      "Lisp: (defun f (x) (if (zerop x) 1 (* x (f (- x 1))))))",
      "Ela disse: \"Não sei...\"), e saiu.",
      "He wrote \"wait...\") and left.",
      "Rating: $$$ and ??? and !!! stay, three is short.",
      "Wow!!!! four marks are short of five.",
      "Ellipsis characters …… are not a run of five.",
  })
  void leavesOrdinaryPunctuationAlone(String text) {
    assertThat(remover.apply(text)).isSameAs(text);
  }

  @Test
  void minRunIsConfigurable() {
    SymbolRunRemover strict = new SymbolRunRemover(SymbolsConfig.builder().minRun(3).build());
    assertThat(strict.apply("Pricey $$$ place, yes ~~~ really"))
        .isEqualTo("Pricey place, yes really");
    assertThat(strict.apply("Well... ok")).isEqualTo("Well... ok");
    SymbolRunRemover lenient = new SymbolRunRemover(SymbolsConfig.builder().minRun(10).build());
    assertThat(lenient.apply("Cheap $$$$$ now")).isEqualTo("Cheap $$$$$ now");
  }

  @Test
  void dropsSeparatorLinesAndCountsRuns() {
    EmojiRemoverTest.Counting counts = new EmojiRemoverTest.Counting();
    String out = remover.apply("Title\n==========\nBody text here.\n-=-=-=-=-=-\nEnd", counts);
    assertThat(out).isEqualTo("Title\nBody text here.\nEnd");
    assertThat(counts.get(SymbolRunRemover.COUNTER_REMOVED)).isEqualTo(2);
  }

  @Test
  void keepsWindowsLineEndings() {
    assertThat(remover.apply("Linha um ~~~~~~\r\nLinha dois\r\n"))
        .isEqualTo("Linha um\r\nLinha dois\r\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Oi!!!!!!! ~~~~~ tudo bem???? =-=-=-=- a ~~~~~ !!!! b\n*****\nok......",
      // Deleting the middle run must not glue the outer two into a new one.
      "((     \\. :./(__ :._O_)__ and -- ~~~~~ :.",
      // A removed run that held an '@' must not change how the rest of the token is read.
      "\uFFFDT\uFFFD\u04A6\uFFFD\uFFFD\uFFFD\uFFFD~\uFFFD\u04A6\uFFFDL"
          + "\uFFFD\uFFFD\uFFFD@\uFFFD\uFFFD@x",
      "word.~~~~~ next ~~~~~(555) and ~~~~~::1 and \"quoted\"~~~~~\"next\"",
  })
  void isIdempotent(String text) {
    String once = remover.apply(text);
    assertThat(remover.apply(once)).isEqualTo(once);
  }

  @Test
  void keepsThePunctuationThatBelongsToTheWordsAround() {
    assertThat(remover.apply("The end.~~~~~ Next (~~~~~(555) 123-4567)"))
        .isEqualTo("The end. Next ((555) 123-4567)");
  }

  @Test
  void rejectsDocumentsThatWereOnlySymbols() {
    Outcome outcome = remover.process(Document.of("d", "#$%&*@!~^^\n=========="));
    assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo("symbols_only");
  }

  @Test
  void configRoundTripsAndRejectsBadParams() {
    SymbolsConfig config = SymbolsConfig.builder().minRun(7).build();
    assertThat(SymbolsConfig.fromParams(Params.of(StageSpec.of("symbols", config.params()))))
        .isEqualTo(config);
    assertThat(SymbolsConfig.fromParams(Params.of(StageSpec.of("symbols", Map.of("minRun", "4")))))
        .isEqualTo(SymbolsConfig.builder().minRun(4).build());
    assertThatThrownBy(() -> SymbolsConfig.fromParams(
        Params.of(StageSpec.of("symbols", Map.of("minRuns", 4)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("minRuns")
        .hasMessageContaining("minRun");
    assertThatThrownBy(() -> SymbolsConfig.fromParams(
        Params.of(StageSpec.of("symbols", Map.of("minRun", 1)))))
        .isInstanceOf(ConfigException.class);
  }
}
