package io.llmtrain.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsTest {

  @Test
  void findsProcessorsRegisteredInMetaInfServices() {
    ProcessorProvider p = Plugins.get(ProcessorProvider.class, "test-upper");
    assertThat(p).isInstanceOf(UpperCaseProvider.class);
    DocumentProcessor processor = p.create(StageSpec.of("test-upper"));
    Outcome out = processor.process(Document.of("1", "bom dia"));
    assertThat(((Outcome.Kept) out).document().text()).isEqualTo("BOM DIA");
  }

  @Test
  void unknownNameListsWhatIsAvailable() {
    assertThatThrownBy(() -> Plugins.get(ProcessorProvider.class, "uper"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("No ProcessorProvider named 'uper'. Available: test-min-length, test-upper");
  }

  @Test
  void emptyCategorySaysWhichModuleIsMissing() {
    assertThatThrownBy(() -> Plugins.get(StepProvider.class, "gpt", p -> false, "pretrain step"))
        .hasMessageContaining("No pretrain step named 'gpt'")
        .hasMessageContaining("on the classpath");
  }

  @Test
  void providersRejectUnknownParameters() {
    ProcessorProvider p = Plugins.get(ProcessorProvider.class, "test-min-length");
    assertThatThrownBy(() -> p.create(StageSpec.of("test-min-length", Map.of("minWords", 3))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("minWords")
        .hasMessageContaining("minChars");
  }

  @Test
  void byteDecoderFallbackIsRegistered() {
    assertThat(io.llmtrain.core.io.TextDecoding.fallback().name()).isEqualTo("windows-1252");
  }
}
