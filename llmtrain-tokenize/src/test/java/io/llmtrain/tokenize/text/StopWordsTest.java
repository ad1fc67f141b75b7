package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopWordsTest {
  @TempDir
  Path dir;

  @Test
  void portugueseSentenceKeepsItsContentWordsAndPunctuation() {
    StopWords pt = StopWords.forLanguage("pt");
    assertThat(pt.remove("O menino correu para a escola, mas não chegou a tempo."))
        .isEqualTo("menino correu escola, chegou tempo.");
  }

  @Test
  void englishSentenceKeepsItsContentWordsAndPunctuation() {
    StopWords en = StopWords.forLanguage("en");
    // "then" is on the Snowball list too; the line break stays.
    assertThat(en.remove("The cat sat on the mat (and it was happy).\nThen it slept."))
        .isEqualTo("cat sat mat (happy).\nslept.");
    assertThat(en.isStopWord("THE")).isTrue();
    assertThat(en.isStopWord("cat")).isFalse();
    assertThat(en.remove("I don’t know, and you don't either.")).isEqualTo("know, either.");
  }

  @Test
  void spanishListIsShipped() {
    assertThat(StopWords.forLanguage("es").remove("El perro de la casa es grande"))
        .isEqualTo("perro casa grande");
  }

  @Test
  void listsCombineShippedExtraKeptAndFileWords() throws Exception {
    Path file = dir.resolve("stop.txt");
    Files.writeString(file, "# project words\nrelatório | report\nanexo\n",
        StandardCharsets.UTF_8);
    StopWords sw = StopWords.from(StopWordsConfig.builder().language("pt")
        .extraWords(List.of("Segue")).keepWords(List.of("não")).file(file).build());
    assertThat(sw.remove("Segue o relatório em anexo, não o rascunho."))
        .isEqualTo("não rascunho.");
    assertThat(StopWords.from(StopWordsConfig.builder().language("pt").shipped(false)
        .extraWords(List.of("rascunho")).build()).words()).containsExactly("rascunho");
  }

  @Test
  void urlsAndCodeAreNeverRemoved() {
    assertThat(StopWords.forLanguage("en").remove("see `the end` at https://x.org/the/a"))
        .isEqualTo("see `the end` https://x.org/the/a");
  }

  @Test
  void badLanguageOrFileIsRefusedClearly() {
    assertThatThrownBy(() -> StopWords.forLanguage("zz"))
        .hasMessageContaining("'zz'").hasMessageContaining("en, es");
    assertThatThrownBy(() -> StopWords.from(StopWordsConfig.builder()
        .file(dir.resolve("missing.txt")).build()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("missing.txt");
  }
}
