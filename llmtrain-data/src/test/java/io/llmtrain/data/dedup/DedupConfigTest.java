package io.llmtrain.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.OrderedProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration, parameters and registration of both deduplication stages. */
class DedupConfigTest {

  private static DedupConfig exactRoundTrip(DedupConfig c) {
    return DedupConfig.fromParams(Params.of(StageSpec.of(DedupConfig.NAME, c.params())));
  }

  private static NearDedupConfig nearRoundTrip(NearDedupConfig c) {
    return NearDedupConfig.fromParams(
        Params.of(StageSpec.of(NearDedupConfig.NAME, c.params())));
  }

  @Test
  void exactDefaultsAreDocumented() {
    DedupConfig d = DedupConfig.defaults();
    assertThat(d.name()).isEqualTo("dedup");
    assertThat(d.form()).isEqualTo(DedupConfig.Normalization.NFC);
    assertThat(d.collapseWhitespace()).isTrue();
    assertThat(d.lowercase()).isFalse();
    assertThat(d.stripPunctuation()).isFalse();
    assertThat(d.rememberIds()).isFalse();
    assertThat(d.expectedDocuments()).isZero();
    assertThat(d.params()).containsExactly(
        Map.entry("form", "nfc"),
        Map.entry("collapseWhitespace", true),
        Map.entry("lowercase", false),
        Map.entry("stripPunctuation", false),
        Map.entry("rememberIds", false),
        Map.entry("expectedDocuments", 0));
  }

  @Test
  void exactConfigSurvivesParamsRoundTrip() {
    DedupConfig d = DedupConfig.defaults();
    DedupConfig custom = d.toBuilder()
        .form(DedupConfig.Normalization.NFKC)
        .collapseWhitespace(false)
        .lowercase(true)
        .stripPunctuation(true)
        .rememberIds(true)
        .expectedDocuments(1_000_000)
        .build();
    assertThat(exactRoundTrip(d)).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(exactRoundTrip(custom)).isEqualTo(custom).isNotEqualTo(d);
    assertThat(custom.toBuilder().build()).isEqualTo(custom);
  }

  @Test
  void exactParamsAcceptCommandLineStrings() {
    DedupConfig c = DedupConfig.fromParams(Params.of(StageSpec.of("dedup", Map.of(
        "form", "none", "lowercase", "yes", "expectedDocuments", "2_000"))));
    assertThat(c.form()).isEqualTo(DedupConfig.Normalization.NONE);
    assertThat(c.lowercase()).isTrue();
    assertThat(c.expectedDocuments()).isEqualTo(2000);
  }

  @Test
  void exactParamsRejectUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> DedupConfig.fromParams(Params.of(StageSpec.of("dedup",
        Map.of("lowerCase", true)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown parameter lowerCase")
        .hasMessageContaining("lowercase")
        .hasMessageContaining("collapseWhitespace");
    assertThatThrownBy(() -> DedupConfig.fromParams(Params.of(StageSpec.of("dedup",
        Map.of("form", "nfd")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nfc");
    assertThatThrownBy(() -> DedupConfig.fromParams(Params.of(StageSpec.of("dedup",
        Map.of("expectedDocuments", -5)))))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> DedupConfig.builder().expectedDocuments(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expectedDocuments");
  }

  @Test
  void nearDefaultsFollowDatatrove() {
    NearDedupConfig d = NearDedupConfig.defaults();
    assertThat(d.name()).isEqualTo("near-dedup");
    assertThat(d.shingleSize()).isEqualTo(5);
    assertThat(d.bands()).isEqualTo(14);
    assertThat(d.rows()).isEqualTo(8);
    assertThat(d.seed()).isEqualTo(1);
    assertThat(d.lowercase()).isTrue();
    assertThat(d.stripPunctuation()).isTrue();
    assertThat(d.foldAccents()).isTrue();
    assertThat(d.transitive()).isFalse();
    assertThat(d.rememberIds()).isFalse();
    assertThat(d.expectedDocuments()).isZero();
    assertThat(d.approximateThreshold()).isCloseTo(0.719, offset(1e-3));
    assertThat(d.detectionProbability(0.8)).isCloseTo(0.924, offset(1e-3));
    assertThat(d.params().keySet()).containsExactly("shingleSize", "bands", "rows", "seed",
        "lowercase", "stripPunctuation", "foldAccents", "transitive", "rememberIds",
        "expectedDocuments");
  }

  @Test
  void nearConfigSurvivesParamsRoundTrip() {
    NearDedupConfig d = NearDedupConfig.defaults();
    NearDedupConfig custom = d.toBuilder()
        .shingleSize(3)
        .bands(20)
        .rows(5)
        .seed(-1234567890123L)
        .lowercase(false)
        .stripPunctuation(false)
        .foldAccents(false)
        .transitive(true)
        .rememberIds(true)
        .expectedDocuments(5000)
        .build();
    assertThat(nearRoundTrip(d)).isEqualTo(d).hasSameHashCodeAs(d);
    assertThat(nearRoundTrip(custom)).isEqualTo(custom).isNotEqualTo(d);
    assertThat(custom.toBuilder().build()).isEqualTo(custom);
  }

  @Test
  void nearParamsRejectUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> NearDedupConfig.fromParams(Params.of(StageSpec.of("near-dedup",
        Map.of("ngram", 5)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown parameter ngram")
        .hasMessageContaining("shingleSize");
    assertThatThrownBy(() -> NearDedupConfig.fromParams(Params.of(StageSpec.of("near-dedup",
        Map.of("bands", 0)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bands");
    assertThatThrownBy(() -> NearDedupConfig.fromParams(Params.of(StageSpec.of("near-dedup",
        Map.of("bands", 512, "rows", 64)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bands * rows");
    assertThatThrownBy(() -> NearDedupConfig.builder().shingleSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("shingleSize");
  }

  @Test
  void providersAreRegisteredAndBuildFreshOrderedProcessors() {
    ProcessorProvider exact = Plugins.get(ProcessorProvider.class, "dedup");
    ProcessorProvider near = Plugins.get(ProcessorProvider.class, "near-dedup");
    assertThat(exact).isInstanceOf(DedupProvider.class);
    assertThat(near).isInstanceOf(NearDedupProvider.class);
    assertThat(exact.description()).isNotBlank();
    assertThat(near.description()).isNotBlank();

    DocumentProcessor fromSpec = exact.create(StageSpec.of("dedup", Map.of("lowercase", "true")));
    assertThat(fromSpec).isInstanceOf(OrderedProcessor.class);
    assertThat(((ExactDeduplicator) fromSpec).config().lowercase()).isTrue();
    NearDedupConfig typed = NearDedupConfig.builder().bands(10).rows(4).build();
    assertThat(((MinHashDeduplicator) near.create(typed)).config()).isSameAs(typed);

    // each processor starts empty: state is never shared between runs
    Document doc = Document.of("a", "The same words twice.");
    DocumentProcessor first = exact.create(DedupConfig.defaults());
    DocumentProcessor second = exact.create(DedupConfig.defaults());
    assertThat(first.process(doc)).isInstanceOf(Outcome.Kept.class);
    assertThat(second.process(doc)).isInstanceOf(Outcome.Kept.class);
    assertThatThrownBy(() -> near.create(StageSpec.of("near-dedup", Map.of("seeed", 3))))
        .isInstanceOf(ConfigException.class);
  }
}
