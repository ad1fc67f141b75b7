package io.llmtrain.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.ByteDecoder;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every provider this module lists in META-INF/services can be found by its name, builds with
 * its default configuration, and handles a real document; the names the pipeline's shortcut
 * methods ask for all resolve.
 */
class PluginDiscoveryTest {

  private static List<String> listed(String service) throws IOException {
    try (InputStream in = PluginDiscoveryTest.class.getResourceAsStream(
        "/META-INF/services/" + service)) {
      assertThat(in).as("services file for %s", service).isNotNull();
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.trim());
        }
      }
      return names;
    }
  }

  @Test
  void everyListedProcessorIsDiscoverableByNameAndWorksWithDefaults() throws Exception {
    List<String> classes = listed(ProcessorProvider.class.getName());
    assertThat(classes).hasSizeGreaterThanOrEqualTo(12);
    Document doc = Document.of("d1", "The harbour reopened on Monday after a week of repairs. "
        + "A reunião do conselho foi adiada para a próxima semana.");
    for (String className : classes) {
      ProcessorProvider provider = (ProcessorProvider) Class.forName(className)
          .getDeclaredConstructor().newInstance();
      ProcessorProvider found = Plugins.get(ProcessorProvider.class, provider.name());
      assertThat(found).as(provider.name()).isInstanceOf(provider.getClass());
      assertThat(found.description()).as("description of %s", provider.name()).isNotBlank();
      StageSpec spec = provider.name().equals("language")
          ? StageSpec.of("language", Map.of("languages", List.of("en", "pt")))
          : StageSpec.of(provider.name());
      DocumentProcessor p = found.create(spec);
      assertThat(p.name()).isEqualTo(provider.name());
      assertThat(p.process(doc)).isInstanceOfAny(Outcome.Kept.class, Outcome.Rejected.class);
    }
  }

  @Test
  void thePipelineShortcutsFindTheirStages() {
    for (String name : List.of("html", "email", "extract", "repair", "clean", "normalize",
        "quality", "language", "dedup", "near-dedup")) {
      assertThat(Plugins.all(ProcessorProvider.class)).containsKey(name);
    }
  }

  @Test
  void charsetDetectionReplacesTheCoreFallback() throws IOException {
    assertThat(listed(ByteDecoder.class.getName())).isNotEmpty();
    assertThat(io.llmtrain.core.io.TextDecoding.fallback().name()).isEqualTo("icu");
  }
}
