package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.core.spi.StageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four stages as the pipeline sees them: by name, from parameters, with their counters. */
class TextStagesTest {
  @TempDir
  Path dir;

  private static String run(DocumentProcessor p, String text, Map<String, Long> counts) {
    StageContext context = (counter, amount) -> counts.merge(counter, amount, Long::sum);
    Outcome outcome = p.process(Document.of("d1", text, Map.of("source", "test")), context);
    assertThat(outcome).isInstanceOf(Outcome.Kept.class);
    Document kept = ((Outcome.Kept) outcome).document();
    assertThat(kept.metadata()).containsEntry("source", "test");
    return kept.text();
  }

  private static DocumentProcessor stage(String name, Map<String, ?> params) {
    return Plugins.get(ProcessorProvider.class, name).create(StageSpec.of(name, params));
  }

  @Test
  void everyStageIsDiscoverableByNameAndWorksWithDefaults() {
    Document doc = Document.of("d1", "The harbour reopened on Monday after a week of repairs.");
    for (String name : List.of("stopwords", "stem", "lemmatize", "spellcheck")) {
      ProcessorProvider provider = Plugins.get(ProcessorProvider.class, name);
      assertThat(provider.description()).isNotBlank();
      DocumentProcessor p = provider.create(StageSpec.of(name));
      assertThat(p.name()).isEqualTo(name);
      assertThat(p.process(doc)).isInstanceOf(Outcome.Kept.class);
    }
  }

  @Test
  void stagesTransformWordsKeepTheRestAndCount() {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    String text = "Os meninos correram para casa. Veja https://correndo.org/corrida!";
    assertThat(run(stage("stem", Map.of("language", "pt")), text, counts))
        .isEqualTo("os menin corr par cas. vej https://correndo.org/corrida!");
    assertThat(run(stage("lemmatize", Map.of("language", "pt")), text, counts))
        .isEqualTo("O menino correr para casa. Ver https://correndo.org/corrida!");
    assertThat(run(stage("stopwords", Map.of("language", "pt")), text, counts))
        .isEqualTo("meninos correram casa. Veja https://correndo.org/corrida!");
    assertThat(run(stage("spellcheck", Map.of("language", "en")),
        "We recieve mail at https://recieve.org daily.", counts))
        .isEqualTo("We receive mail at https://recieve.org daily.");
    assertThat(counts).containsEntry("stopwords_removed", 2L)
        .containsEntry("spelling_corrections", 1L)
        .containsKeys("words_stemmed", "words_lemmatized");
  }

  @Test
  void configsRoundTripThroughTheirParameters() {
    List<StageSpec> configs = List.of(
        StopWordsConfig.defaults(),
        StopWordsConfig.builder().language("pt").shipped(false).extraWords(List.of("segue"))
            .keepWords(List.of("não")).file(Path.of("stop.txt")).build(),
        StemConfig.defaults(), StemConfig.builder().language("es").build(),
        LemmatizeConfig.defaults(), LemmatizeConfig.builder().language("pt").build(),
        SpellcheckConfig.defaults(),
        SpellcheckConfig.builder().language("pt-PT").minFrequencyGap(5).minWordLength(4)
            .sentenceStart(true).alsoAccept(List.of()).build());
    Map<String, Function<Params, StageSpec>> parsers = Map.of(
        "stopwords", StopWordsConfig::fromParams, "stem", StemConfig::fromParams,
        "lemmatize", LemmatizeConfig::fromParams, "spellcheck", SpellcheckConfig::fromParams);
    for (StageSpec config : configs) {
      StageSpec back = parsers.get(config.name()).apply(Params.of(config.name(), config.params()));
      assertThat(back).as(config.toString()).isEqualTo(config);
      assertThat(back.hashCode()).isEqualTo(config.hashCode());
    }
    assertThat(SpellcheckConfig.fromParams(Params.of("spellcheck",
        Map.of("language", "pt", "minFrequencyGap", "4"))).minFrequencyGap()).isEqualTo(4);
  }

  @Test
  void unknownKeysAndBadValuesAreRejected() {
    for (String name : List.of("stopwords", "stem", "lemmatize", "spellcheck")) {
      assertThatThrownBy(() -> stage(name, Map.of("langauge", "pt")))
          .isInstanceOf(ConfigException.class).hasMessageContaining("langauge")
          .hasMessageContaining("language");
    }
    assertThatThrownBy(() -> stage("stem", Map.of("language", "klingon")))
        .hasMessageContaining("'klingon'").hasMessageContaining("pt");
    assertThatThrownBy(() -> stage("lemmatize", Map.of("language", "es")))
        .hasMessageContaining("en, pt");
    assertThatThrownBy(() -> stage("spellcheck", Map.of("minFrequencyGap", 40)))
        .hasMessageContaining("minFrequencyGap");
    assertThatThrownBy(() -> StopWordsConfig.builder().extraWords(List.of(" ")).build())
        .hasMessageContaining("extraWords");
  }

  @Test
  void aPipelineChainsTheStagesInParallelAndReportsTheirCounters() throws Exception {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      docs.add(Document.of("d" + i, "The mice recieved cheese at house number " + i + "."));
    }
    Path out = dir.resolve("out.jsonl");
    PipelineReport report = Pipeline.from(DataSource.of(docs))
        .apply(SpellcheckConfig.defaults())
        .apply(LemmatizeConfig.defaults())
        .apply(StopWordsConfig.defaults())
        .writeTo(out)
        .threads(4)
        .run();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(200);
    assertThat(Json.MAPPER.readTree(lines.get(7)).get("text").asText())
        .isEqualTo("mouse receive cheese house number 7.");
    assertThat(report.stage("spellcheck").counters()).containsEntry("spelling_corrections", 200L);
    assertThat(report.stage("lemmatize").counters()).containsEntry("words_lemmatized", 400L);
    assertThat(report.stage("stopwords").counters()).containsEntry("stopwords_removed", 400L);
  }
}
