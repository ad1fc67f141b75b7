package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiRemoverTest {
  private final EmojiRemover remover = EmojiRemover.withDefaults();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "Great job on the release 🎉 team | Great job on the release team",
      "We landed in Lisbon ✈️ this morning | We landed in Lisbon this morning",
      "Bom dia! 😀😀😀 | Bom dia!",
      "Adorei o presente 🥰, obrigada | Adorei o presente, obrigada",
      "🔥 Hot deals this week | Hot deals this week",
      "See you soon 👋 | See you soon",
      "Obrigado ❤️ | Obrigado",
  })
  void removesSingleEmojiAndTidiesSpaces(String input, String expected) {
    assertThat(remover.apply(input)).isEqualTo(expected);
  }

  @Test
  void removesSkinToneSequencesAsOneUnit() {
    Counting counts = new Counting();
    String out = remover.apply("Nice work 👍🏽 and welcome 👋🏿 aboard", counts);
    assertThat(out).isEqualTo("Nice work and welcome aboard");
    assertThat(counts.get(EmojiRemover.COUNTER_REMOVED)).isEqualTo(2);
  }

  @Test
  void removesZwjFamiliesAndProfessionsWhole() {
    Counting counts = new Counting();
    String out = remover.apply(
        "A família 👨‍👩‍👧‍👦 viajou com a astronauta 👩🏽‍🚀 e o bombeiro 🧑‍🚒.", counts);
    assertThat(out).isEqualTo("A família viajou com a astronauta e o bombeiro.");
    assertThat(out).doesNotContain("\u200D");
    assertThat(counts.get(EmojiRemover.COUNTER_REMOVED)).isEqualTo(3);
  }

  @Test
  void removesFlagsIncludingTagSequences() {
    Counting counts = new Counting();
    String out = remover.apply("Brasil 🇧🇷 x Portugal 🇵🇹 e a Escócia 🏴󠁧󠁢󠁳󠁣󠁴󠁿 também", counts);
    assertThat(out).isEqualTo("Brasil x Portugal e a Escócia também");
    assertThat(out.codePoints().filter(cp -> cp >= 0xE0000).count()).isZero();
    assertThat(counts.get(EmojiRemover.COUNTER_REMOVED)).isEqualTo(3);
  }

  @Test
  void removesRainbowFlagAndHeartOnFire() {
    assertThat(remover.apply("Pride 🏳️‍🌈 parade, love ❤️‍🔥 story"))
        .isEqualTo("Pride parade, love story");
  }

  @Test
  void removesKeycapsButKeepsPlainDigitsHashAndStar() {
    assertThat(remover.apply("Press 1️⃣ for sales or #️⃣ to repeat; call 555 and dial # or *."))
        .isEqualTo("Press for sales or to repeat; call 555 and dial # or *.");
    assertThat(remover.apply("Keycap without selector 3⃣ too"))
        .isEqualTo("Keycap without selector too");
  }

  @Test
  void keepsTypographicSignsInText() {
    String legal = "© 2024 Acme Ltd. Acme® and Widget™ are marks ↔ see ‼ notes";
    assertThat(remover.apply(legal)).isSameAs(legal);
  }

  @Test
  void removesTypographicSignsWrittenAsEmoji() {
    assertThat(remover.apply("Copyright ©️ sign as emoji")).isEqualTo("Copyright sign as emoji");
  }

  @Test
  void removesTextStylePictographsUnlessDisabled() {
    assertThat(remover.apply("I ♥ NY and ☺ smiles")).isEqualTo("I NY and smiles");
    EmojiRemover keepText = new EmojiRemover(EmojiConfig.builder().textSymbols(false).build());
    assertThat(keepText.apply("I ♥ NY and ☺ smiles 😀")).isEqualTo("I ♥ NY and ☺ smiles");
  }

  @Test
  void insertsSpaceWhereWordsWouldFuse() {
    assertThat(remover.apply("I❤️Lisboa")).isEqualTo("I Lisboa");
    assertThat(remover.apply("fim🎉.")).isEqualTo("fim.");
  }

  @Test
  void dropsLinesThatHeldOnlyEmoji() {
    assertThat(remover.apply("Parabéns!\n🎉🎉🎉\nFelicidades")).isEqualTo("Parabéns!\nFelicidades");
    assertThat(remover.apply("Thanks\n🙏")).isEqualTo("Thanks");
  }

  @Test
  void replaceModeCollapsesAdjacentEmoji() {
    EmojiRemover replacer = new EmojiRemover(EmojiConfig.builder()
        .mode(EmojiConfig.Mode.REPLACE).replacement("<emoji>").build());
    Counting counts = new Counting();
    assertThat(replacer.apply("Happy birthday 🎂🎉🎈 Ana 🙂", counts))
        .isEqualTo("Happy birthday <emoji> Ana <emoji>");
    assertThat(counts.get(EmojiRemover.COUNTER_REMOVED)).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Plain English prose, with (brackets), quotes \"like this\" and numbers 1, 2, 3.",
      "Português com acentuação: ação, coração, pão, avó, à tarde; #1 e 2*3.",
      "Math: x ≤ y → z, 5 × 3 = 15, 20 °C, ½ cup, §4 and ¶2.",
      "日本語のテキストと中文文本。",
  })
  void leavesTextWithoutEmojiUntouched(String text) {
    assertThat(remover.apply(text)).isSameAs(text);
  }

  @Test
  void isIdempotent() {
    String once = remover.apply("Oi 👋🏻 tudo bem? 🇧🇷🇧🇷 Família 👨‍👩‍👧 ok!!!🎉!!! 1️⃣");
    assertThat(remover.apply(once)).isEqualTo(once);
  }

  @Test
  void rejectsDocumentsThatWereOnlyEmoji() {
    Outcome outcome = remover.process(Document.of("d1", "🎉🎉 🥳"));
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo("emoji_only");
    Document unchanged = Document.of("d2", "no emoji here");
    assertThat(((Outcome.Kept) remover.process(unchanged)).document()).isSameAs(unchanged);
  }

  @Test
  void configRoundTripsThroughParams() {
    EmojiConfig config = EmojiConfig.builder().mode(EmojiConfig.Mode.REPLACE)
        .replacement(" ").textSymbols(false).build();
    assertThat(EmojiConfig.fromParams(Params.of(StageSpec.of("emoji", config.params()))))
        .isEqualTo(config);
    assertThat(EmojiConfig.fromParams(Params.of(StageSpec.of("emoji", Map.of()))))
        .isEqualTo(EmojiConfig.defaults());
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> EmojiConfig.fromParams(
        Params.of(StageSpec.of("emoji", Map.of("modee", "remove")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("modee")
        .hasMessageContaining("textSymbols");
    assertThatThrownBy(() -> EmojiConfig.fromParams(
        Params.of(StageSpec.of("emoji", Map.of("mode", "delete")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("remove, replace");
    assertThatThrownBy(() -> EmojiConfig.builder().mode(EmojiConfig.Mode.REPLACE)
        .replacement("😀").build()).isInstanceOf(IllegalArgumentException.class);
  }

  /** Collects counters, for asserting what a stage counted. */
  static final class Counting implements io.llmtrain.core.spi.StageContext {
    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    @Override
    public void count(String counter, long amount) {
      counts.merge(counter, amount, Long::sum);
    }

    long get(String counter) {
      return counts.getOrDefault(counter, 0L);
    }

    Map<String, Long> all() {
      return counts;
    }
  }
}
