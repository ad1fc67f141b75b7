package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.data.filter.GopherRepetitionConfig.NGramLimit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterConfigTest {

  static Stream<Arguments> configs() {
    return Stream.of(
        Arguments.of(GopherQualityConfig.defaults(),
            (Function<Params, StageSpec>) GopherQualityConfig::fromParams),
        Arguments.of(GopherQualityConfig.builder().minWords(20).maxWords(5000)
            .minMeanWordLength(2.5).maxMeanWordLength(12).maxSymbolWordRatio(0.2)
            .maxBulletLineRatio(0.5).maxEllipsisLineRatio(0).minAlphaWordRatio(0.7)
            .minStopWords(3).stopWordLanguages(List.of("pt", "es")).stopWords(List.of("ao"))
            .build(), (Function<Params, StageSpec>) GopherQualityConfig::fromParams),
        Arguments.of(GopherRepetitionConfig.defaults(),
            (Function<Params, StageSpec>) GopherRepetitionConfig::fromParams),
        Arguments.of(GopherRepetitionConfig.builder().maxDupLineFraction(0.25)
            .maxDupParagraphFraction(0).maxDupLineCharFraction(0.15)
            .maxDupParagraphCharFraction(0.1)
            .topNGramCharFractions(List.of(new NGramLimit(3, 0.25)))
            .dupNGramCharFractions(List.of(new NGramLimit(7, 0.05), new NGramLimit(6, 0.125)))
            .build(), (Function<Params, StageSpec>) GopherRepetitionConfig::fromParams),
        Arguments.of(C4Config.defaults(), (Function<Params, StageSpec>) C4Config::fromParams),
        Arguments.of(C4Config.builder().removeCitations(false)
            .dropLinesWithoutTerminalPunctuation(false).minWordsPerLine(0).maxWordLength(80)
            .rejectLoremIpsum(false).dropJavascriptLines(false).rejectCurlyBracket(false)
            .dropPolicyLines(false).minSentences(2).build(),
            (Function<Params, StageSpec>) C4Config::fromParams),
        Arguments.of(QualityConfig.defaults(),
            (Function<Params, StageSpec>) QualityConfig::fromParams),
        Arguments.of(QualityConfig.builder().gopherRepetitionEnabled(false)
            .gopherQuality(GopherQualityConfig.builder().stopWordLanguages(List.of("en", "pt"))
                .build())
            .c4(C4Config.builder().minSentences(3).build()).build(),
            (Function<Params, StageSpec>) QualityConfig::fromParams),
        Arguments.of(LanguageConfig.of("en", "pt"),
            (Function<Params, StageSpec>) LanguageConfig::fromParams),
        Arguments.of(LanguageConfig.builder().languages(List.of("pt")).candidates(
            List.of("pt", "es", "it")).threshold(0.8).maxChars(0).lowAccuracyMode(false).build(),
            (Function<Params, StageSpec>) LanguageConfig::fromParams));
  }

  @ParameterizedTest
  @MethodSource("configs")
  void roundTripsThroughItsParameters(StageSpec config, Function<Params, StageSpec> reader) {
    StageSpec back = reader.apply(Params.of(StageSpec.of(config.name(), config.params())));
    assertThat(back).isEqualTo(config);
    assertThat(back.hashCode()).isEqualTo(config.hashCode());
    assertThat(back.params()).isEqualTo(config.params());
  }

  @ParameterizedTest
  @MethodSource("configs")
  void rejectsUnknownParametersNamingTheKnownOnes(StageSpec config,
      Function<Params, StageSpec> reader) {
    Map<String, Object> params = new HashMap<>(config.params());
    params.put("minWrods", 10);
    assertThatThrownBy(() -> reader.apply(Params.of(StageSpec.of(config.name(), params))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("minWrods")
        .hasMessageContaining(config.params().keySet().iterator().next());
  }

  @Test
  void everyFilterIsRegisteredByName() {
    Map<String, String> sample = Map.of(
        "gopher-quality", Texts.english(5),
        "gopher-repetition", Texts.english(5),
        "c4", Texts.english(5),
        "quality", Texts.english(5),
        "language", Texts.english(5));
    for (Map.Entry<String, String> e : sample.entrySet()) {
      ProcessorProvider provider = Plugins.get(ProcessorProvider.class, e.getKey());
      assertThat(provider.description()).isNotBlank();
      Map<String, Object> params = e.getKey().equals("language")
          ? Map.of("languages", "en,pt") : Map.of();
      DocumentProcessor p = provider.create(StageSpec.of(e.getKey(), params));
      assertThat(p.name()).isEqualTo(e.getKey());
      assertThat(p.process(Document.of("d", e.getValue()))).isInstanceOf(Outcome.Kept.class);
    }
  }

  @Test
  void readsValuesGivenAsStrings() {
    GopherQualityConfig c = GopherQualityConfig.fromParams(Params.of(StageSpec.of(
        "gopher-quality", Map.of("minWords", "40", "maxSymbolWordRatio", "0.2",
            "stopWordLanguages", "en, pt"))));
    assertThat(c.minWords()).isEqualTo(40);
    assertThat(c.maxSymbolWordRatio()).isEqualTo(0.2);
    assertThat(c.stopWordLanguages()).containsExactly("en", "pt");
    GopherRepetitionConfig r = GopherRepetitionConfig.fromParams(Params.of(StageSpec.of(
        "gopher-repetition", Map.of("topNGramCharFractions", "2:0.25, 3:0.2"))));
    assertThat(r.topNGramCharFractions())
        .containsExactly(new NGramLimit(2, 0.25), new NGramLimit(3, 0.2));
  }

  @Test
  void reportsInvalidValuesAsConfigurationErrors() {
    assertThatThrownBy(() -> GopherQualityConfig.fromParams(Params.of(StageSpec.of(
        "gopher-quality", Map.of("stopWordLanguages", "en,xx")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'xx'");
    assertThatThrownBy(() -> GopherQualityConfig.fromParams(Params.of(StageSpec.of(
        "gopher-quality", Map.of("minWords", 200, "maxWords", 100)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("minWords");
    assertThatThrownBy(() -> GopherRepetitionConfig.fromParams(Params.of(StageSpec.of(
        "gopher-repetition", Map.of("dupNGramCharFractions", "five:0.1")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("n:fraction");
    assertThatThrownBy(() -> C4Config.fromParams(Params.of(StageSpec.of("c4",
        Map.of("minSentences", -1))))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> LanguageConfig.fromParams(Params.of(StageSpec.of("language",
        Map.of())))).isInstanceOf(ConfigException.class).hasMessageContaining("required");
    assertThatThrownBy(() -> QualityConfig.fromParams(Params.of(StageSpec.of("quality",
        Map.of("c4.minSentence", 3))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("c4.minSentence").hasMessageContaining("c4.minSentences");
  }
}
