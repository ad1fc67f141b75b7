package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OffensiveFilterTest {
  private final OffensiveFilter filter = OffensiveFilter.withDefaults();
  private final OffensiveFilter masker = new OffensiveFilter(
      OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "What the fuck is this shit? | What the **** is this ****?",
      "He's a complete asshole, honestly. | He's a complete ****, honestly.",
      "Stop being such a motherfucking idiot. | Stop being such a **** idiot.",
      "That son of a bitch lied. | That **** **** **** **** lied.",
      "PORRA, que merda foi essa? | ****, que **** foi essa?",
      "Aquele otário me enganou de novo. | Aquele **** me enganou de novo.",
      "Caralho, o ônibus atrasou! | ****, o ônibus atrasou!",
      "Vai tomar no cu, seu babaca. | **** **** **** ****, seu ****.",
      "Foda-se essa reunião. | ****-se essa reunião.",
  })
  void masksWholeWordsInEnglishAndPortuguese(String input, String expected) {
    assertThat(masker.mask(input)).isEqualTo(expected);
  }

  @Test
  void ignoresCaseAndAccents() {
    assertThat(filter.stats("OTÁRIO, Otario e otário").offensiveWords()).isEqualTo(3);
    assertThat(filter.stats("PoRrA e porrá").offensiveWords()).isEqualTo(2);
    assertThat(filter.stats("FUCK, Fuck and fUcK").offensiveWords()).isEqualTo(3);
  }

  @Test
  void ignoresInvisibleCharactersInsideWords() {
    // A soft hyphen (U+00AD) or zero-width space inside a word does not hide it.
    assertThat(filter.stats("sh\u00ADit and fu\u200Bck").offensiveWords()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The Scunthorpe assessment was passed by the class at Essex and Sussex.",
      "A cocktail in the cockpit of the Hancock; Dickens wrote classic passages.",
      "The therapist's analysis of the grape harvest in Penistone was a success.",
      "Arsenal won; the shiitake risotto and the Matsushita button were fine.",
      "Moses made the ark of shittim wood; Jesus rode an ass into Jerusalem.",
      "The cock crew twice, and he wept; the document cites a bassist.",
      "Niger and Nigeria are neighbours; a niggardly budget; a titmouse and a blue tit.",
      "O computador da disputa ficou na repartição; a reputação do deputado caiu.",
      "O pica-pau bicou o tronco; a abelha pica; a bola rola; o pinto piou.",
      "O cágado atravessou a estrada, a piranha nadou e o corno inglês tocou.",
      "Cu is the symbol for copper; the cumulative curriculum; a cum laude degree.",
      "O escroto é anatomia; a rapariga lisboeta estudou; o caralhinho não existe.",
  })
  void avoidsScunthorpeProblems(String text) {
    assertThat(filter.stats(text).offensiveWords()).isZero();
    assertThat(masker.mask(text)).isSameAs(text);
  }

  @Test
  void rejectsAboveTheRatioAndKeepsBelow() {
    EmojiRemoverTest.Counting counts = new EmojiRemoverTest.Counting();
    Document rude = Document.of("rude", "This fucking product is shit and the support is crap.");
    Outcome outcome = filter.process(rude, counts);
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    assertThat(rejected.reason()).isEqualTo("offensive_ratio");
    assertThat(rejected.detail()).contains("3 offensive of 10 words");
    assertThat(counts.get(OffensiveFilter.COUNTER_WORDS)).isEqualTo(3);

    // One mild word in 120 words is under 1 %.
    String longText = "The committee met on Tuesday to review the budget. ".repeat(12)
        + "Damn, it was long.";
    Document mostlyFine = Document.of("fine", longText);
    assertThat(((Outcome.Kept) filter.process(mostlyFine)).document()).isSameAs(mostlyFine);
    assertThat(filter.isOffensive(longText)).isFalse();
  }

  @Test
  void ratioThresholdIsConfigurable() {
    OffensiveFilter strict = new OffensiveFilter(OffensiveConfig.builder().maxRatio(0).build());
    OffensiveFilter lax = new OffensiveFilter(OffensiveConfig.builder().maxRatio(0.5).build());
    String text = "Que merda de dia, choveu a tarde toda e perdi o ônibus.";
    assertThat(strict.isOffensive(text)).isTrue();
    assertThat(lax.isOffensive(text)).isFalse();
  }

  @Test
  void phrasesCountOnce() {
    assertThat(filter.stats("filho da puta").offensiveWords()).isEqualTo(1);
    assertThat(filter.stats("filho da puta").totalWords()).isEqualTo(3);
  }

  @Test
  void languagesExtraWordsAndAllowListAreConfigurable() {
    OffensiveFilter englishOnly = new OffensiveFilter(
        OffensiveConfig.builder().languages(List.of("en")).build());
    assertThat(englishOnly.stats("porra, shit").offensiveWords()).isEqualTo(1);

    OffensiveFilter custom = new OffensiveFilter(OffensiveConfig.builder()
        .mode(OffensiveConfig.Mode.MASK).mask("[censored]")
        .extraWords(List.of("frak*", "gorram")).allow(List.of("damn", "bastard")).build());
    assertThat(custom.mask("Frakking gorram toaster, damn that bastard, shit."))
        .isEqualTo("[censored] [censored] toaster, damn that bastard, [censored].");
  }

  @Test
  void allowEntriesOverrideWildcards() {
    OffensiveFilter withAllow = new OffensiveFilter(OffensiveConfig.builder()
        .extraWords(List.of("[allow] fuckfest")).build());
    assertThat(withAllow.stats("fuckfest fuckery").offensiveWords()).isEqualTo(1);
  }

  @Test
  void extraListFilesAreRead(@TempDir Path dir) throws IOException {
    Path list = dir.resolve("extra.txt");
    Files.writeString(list, "# project words\nsmeg*\n\n[allow] smegma\ngit de merda\n",
        StandardCharsets.UTF_8);
    OffensiveFilter withFile = new OffensiveFilter(OffensiveConfig.builder()
        .extraFiles(List.of(list.toString())).languages(List.of()).build());
    assertThat(withFile.stats("smeg smeghead smegma").offensiveWords()).isEqualTo(2);
    assertThat(withFile.stats("git de merda; merda").offensiveWords()).isEqualTo(1);
    assertThatThrownBy(() -> new OffensiveFilter(OffensiveConfig.builder()
        .extraFiles(List.of(dir.resolve("missing.txt").toString())).build()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.txt");
  }

  @Test
  void maskingIsIdempotentAndUnchangedTextIsTheSameInstance() {
    String once = masker.mask("Puta que pariu, que porra é essa, caralho?");
    assertThat(once).isEqualTo("**** **** ****, que **** é essa, ****?");
    assertThat(masker.mask(once)).isSameAs(once);
    Document clean = Document.of("d", "A perfectly polite sentence.");
    assertThat(((Outcome.Kept) masker.process(clean)).document()).isSameAs(clean);
  }

  @Test
  void configRoundTripsAndRejectsBadParams() {
    OffensiveConfig config = OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK)
        .maxRatio(0.05).mask("#").languages(List.of("pt")).extraWords(List.of("frak*"))
        .extraFiles(List.of("/tmp/words.txt")).allow(List.of("damn")).build();
    assertThat(OffensiveConfig.fromParams(Params.of(StageSpec.of("offensive", config.params()))))
        .isEqualTo(config);
    assertThat(OffensiveConfig.fromParams(Params.of(StageSpec.of("offensive",
        Map.of("mode", "mask", "allow", "damn, crap", "maxRatio", "0.02")))))
        .isEqualTo(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK)
            .allow(List.of("damn", "crap")).maxRatio(0.02).build());
    assertThatThrownBy(() -> OffensiveConfig.fromParams(Params.of(StageSpec.of("offensive",
        Map.of("ratio", 0.1))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ratio").hasMessageContaining("maxRatio");
    assertThatThrownBy(() -> OffensiveConfig.fromParams(Params.of(StageSpec.of("offensive",
        Map.of("languages", "en, fr"))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("fr");
    assertThatThrownBy(() -> OffensiveConfig.fromParams(Params.of(StageSpec.of("offensive",
        Map.of("maxRatio", 2))))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new OffensiveFilter(OffensiveConfig.builder()
        .mode(OffensiveConfig.Mode.MASK).mask("shit").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
