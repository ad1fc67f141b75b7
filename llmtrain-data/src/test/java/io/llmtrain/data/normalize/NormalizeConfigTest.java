package io.llmtrain.data.normalize;

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
import io.llmtrain.data.normalize.NormalizeConfig.EmDash;
import io.llmtrain.data.normalize.NormalizeConfig.Form;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormalizeConfigTest {

  private static NormalizeConfig roundTrip(NormalizeConfig config) {
    return NormalizeConfig.fromParams(Params.of(StageSpec.of("normalize", config.params())));
  }

  @Test
  void defaultsStandardizeFormPunctuationAndWhitespaceOnly() {
    NormalizeConfig c = NormalizeConfig.defaults();
    assertThat(c.form()).isEqualTo(Form.NFC);
    assertThat(c.lowercase()).isFalse();
    assertThat(c.locale()).isEqualTo(Locale.ROOT);
    assertThat(c.stripAccents()).isFalse();
    assertThat(c.punctuation()).isTrue();
    assertThat(c.emDash()).isEqualTo(EmDash.HYPHEN);
    assertThat(c.whitespace()).isTrue();
    assertThat(c.placeholders()).isEmpty();
    assertThat(c.params()).containsExactly(
        Map.entry("form", "nfc"), Map.entry("lowercase", false), Map.entry("locale", "und"),
        Map.entry("stripAccents", false), Map.entry("punctuation", true),
        Map.entry("emDash", "hyphen"), Map.entry("whitespace", true),
        Map.entry("placeholders", List.of()));
    assertThat(NormalizeConfig.fromParams(Params.of(StageSpec.of("normalize")))).isEqualTo(c);
  }

  @Test
  void everyOptionSurvivesTheParameterRoundTrip() {
    NormalizeConfig custom = NormalizeConfig.builder()
        .form(Form.NFKC)
        .lowercase(true)
        .locale("tr")
        .stripAccents(true)
        .punctuation(true)
        .emDash(EmDash.DOUBLE_HYPHEN)
        .whitespace(false)
        .placeholders(Placeholder.NUMBER, Placeholder.URL)
        .build();
    assertThat(roundTrip(custom)).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(custom.params().get("placeholders")).isEqualTo(List.of("url", "number"));
    assertThat(custom.params().get("emDash")).isEqualTo("double-hyphen");
    assertThat(roundTrip(NormalizeConfig.defaults())).isEqualTo(NormalizeConfig.defaults());
    assertThat(custom.toBuilder().build()).isEqualTo(custom);
    assertThat(custom.toBuilder().lowercase(false).build()).isNotEqualTo(custom);
  }

  @Test
  void readsStringValuesAsTheCommandLineGivesThem() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("form", "NFKC");
    params.put("lowercase", "yes");
    params.put("locale", "pt_BR");
    params.put("stripAccents", "true");
    params.put("emDash", "keep");
    params.put("placeholders", "url, EMAIL,date");
    NormalizeConfig c = NormalizeConfig.fromParams(Params.of("normalize", params));
    assertThat(c.form()).isEqualTo(Form.NFKC);
    assertThat(c.lowercase()).isTrue();
    assertThat(c.locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
    assertThat(c.stripAccents()).isTrue();
    assertThat(c.emDash()).isEqualTo(EmDash.KEEP);
    assertThat(c.placeholders())
        .containsExactly(Placeholder.URL, Placeholder.EMAIL, Placeholder.DATE);
  }

  @Test
  void rejectsUnknownKeysAndListsTheKnownOnes() {
    assertThatThrownBy(() -> NormalizeConfig.fromParams(
        Params.of(StageSpec.of("normalize", Map.of("lowerCase", true)))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("lowerCase")
        .hasMessageContaining("lowercase")
        .hasMessageContaining("placeholders")
        .hasMessageContaining("stripAccents");
  }

  @Test
  void rejectsInvalidValuesWithTheKeyInTheMessage() {
    assertThatThrownBy(() -> NormalizeConfig.fromParams(
        Params.of(StageSpec.of("normalize", Map.of("form", "nfd")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("form")
        .hasMessageContaining("nfkc");
    assertThatThrownBy(() -> NormalizeConfig.fromParams(
        Params.of(StageSpec.of("normalize", Map.of("placeholders", List.of("url", "phone"))))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("phone")
        .hasMessageContaining("url, email, date, number");
    assertThatThrownBy(() -> NormalizeConfig.fromParams(
        Params.of(StageSpec.of("normalize", Map.of("locale", "not a locale!")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("locale")
        .hasMessageContaining("not a locale!");
    assertThatThrownBy(() -> NormalizeConfig.fromParams(
        Params.of(StageSpec.of("normalize", Map.of("whitespace", "sometimes")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("whitespace");
  }

  @Test
  void rootLocaleHasSeveralSpellings() {
    assertThat(NormalizeConfig.builder().locale("root").build().locale()).isEqualTo(Locale.ROOT);
    assertThat(NormalizeConfig.builder().locale("").build().locale()).isEqualTo(Locale.ROOT);
    assertThat(NormalizeConfig.builder().locale("und").build().locale()).isEqualTo(Locale.ROOT);
    assertThatThrownBy(() -> NormalizeConfig.builder().locale("en_US_x_!"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void providerIsRegisteredAndUsesTypedOrGenericSpecs() {
    ProcessorProvider provider = Plugins.get(ProcessorProvider.class, "normalize");
    assertThat(provider).isInstanceOf(NormalizeProvider.class);
    assertThat(provider.description()).isNotBlank();

    NormalizeConfig typed = NormalizeConfig.builder().lowercase(true).build();
    DocumentProcessor fromTyped = provider.create(typed);
    assertThat(fromTyped.name()).isEqualTo("normalize");
    assertThat(((TextNormalizer) fromTyped).config()).isSameAs(typed);

    DocumentProcessor fromMap = provider.create(StageSpec.of("normalize",
        Map.of("lowercase", true, "placeholders", List.of("email"))));
    Outcome outcome = fromMap.process(
        Document.of("1", "Escreva para   Maria.Silva@Empresa.com.br  hoje."));
    assertThat(((Outcome.Kept) outcome).document().text())
        .isEqualTo("escreva para [EMAIL] hoje.");

    assertThatThrownBy(() -> provider.create(StageSpec.of("normalize", Map.of("nfc", true))))
        .isInstanceOf(ConfigException.class);
  }
}
