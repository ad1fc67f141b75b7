package io.llmtrain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentTest {

  @Test
  void metadataIsCopiedAndUnmodifiable() {
    Map<String, Object> meta = new HashMap<>();
    meta.put("lang", "pt");
    Document d = Document.of("a", "Bom dia, Lisboa.", meta);
    meta.put("lang", "en");
    assertThat(d.metadata()).containsEntry("lang", "pt");
    assertThatThrownBy(() -> d.metadata().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withTextReturnsSameInstanceWhenUnchanged() {
    Document d = Document.of("a", "The harbour was quiet.");
    assertThat(d.withText("The harbour was quiet.")).isSameAs(d);
    Document changed = d.withText("the harbour was quiet.");
    assertThat(changed.text()).isEqualTo("the harbour was quiet.");
    assertThat(changed.id()).isEqualTo("a");
    assertThat(d.text()).isEqualTo("The harbour was quiet.");
  }

  @Test
  void withMetadataKeepsOrderAndOriginal() {
    Document d = Document.of("a", "x", Map.of("source", "f.txt")).withMetadata("lang", "en");
    assertThat(d.metadata().keySet()).containsExactly("source", "lang");
    assertThat(Document.of("a", "x").withMetadata("k", 1).metadata()).containsEntry("k", 1);
  }

  @Test
  void rejectsNullsAndEmptyIdsBlamingTheCaller() {
    assertThatThrownBy(() -> Document.of("", "x")).hasMessageContaining("id");
    assertThatThrownBy(() -> Document.of("a", null)).hasMessageContaining("text");
  }
}
