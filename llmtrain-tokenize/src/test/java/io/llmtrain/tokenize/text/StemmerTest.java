package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StemmerTest {

  @Test
  void portugueseFormsOfCorrerShareTheStemCorr() {
    Stemmer pt = Stemmer.forLanguage("pt");
    assertThat(List.of("correndo", "correu", "corrida").stream().map(pt::stem))
        .containsOnly("corr");
    assertThat(pt.stem("meninas")).isEqualTo(pt.stem("menino"));
  }

  @Test
  void englishAndSpanishStemmersAreTheSnowballOnes() {
    Stemmer en = Stemmer.forLanguage("en");
    assertThat(en.stem("running")).isEqualTo("run");
    assertThat(en.stem("connections")).isEqualTo("connect");
    assertThat(en.stem("Generously")).isEqualTo("generous");
    Stemmer es = Stemmer.forLanguage("es");
    assertThat(es.stem("corriendo")).isEqualTo("corr");
    assertThat(es.stem("canciones")).isEqualTo(es.stem("canción"));
  }

  @Test
  void regionsAreIgnoredAndOtherSnowballLanguagesComeForFree() {
    assertThat(Stemmer.forLanguage("pt-BR").stem("correndo")).isEqualTo("corr");
    assertThat(Stemmer.forLanguage("fr").stem("continuellement")).isEqualTo("continuel");
    assertThat(Stemmer.supportedLanguages()).contains("pt", "en", "es", "de", "ru")
        .hasSizeGreaterThan(20);
  }

  @Test
  void unknownLanguageListsTheSupportedOnes() {
    assertThatThrownBy(() -> Stemmer.forLanguage("xx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'xx'").hasMessageContaining("en, es");
  }

  @Test
  void manyThreadsGetTheSameStemsAsOne() {
    Stemmer pt = Stemmer.forLanguage("pt");
    List<String> words = List.of("correndo", "casas", "felicidade", "trabalhadores", "livros",
        "rapidamente", "cantaríamos", "nações");
    List<String> expected = words.stream().map(pt::stem).toList();
    ConcurrentHashMap<Integer, Boolean> mismatches = new ConcurrentHashMap<>();
    IntStream.range(0, 20_000).parallel().forEach(i -> {
      int k = i % words.size();
      if (!pt.stem(words.get(k)).equals(expected.get(k))) {
        mismatches.put(i, true);
      }
    });
    assertThat(mismatches).isEmpty();
  }
}
