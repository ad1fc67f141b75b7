package io.llmtrain.tokenize.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LemmatizerTest {
  private final Lemmatizer pt = Lemmatizer.forLanguage("pt");
  private final Lemmatizer en = Lemmatizer.forLanguage("en");

  @Test
  void theRequiredExamples() {
    assertThat(pt.lemma("correndo")).isEqualTo("correr");
    assertThat(pt.lemma("correu")).isEqualTo("correr");
    assertThat(en.lemma("ran")).isEqualTo("run");
    assertThat(en.lemma("mice")).isEqualTo("mouse");
  }

  @Test
  void unknownWordsComeBackUnchanged() {
    assertThat(pt.lemma("blorfantes")).isEqualTo("blorfantes");
    assertThat(en.lemma("Zyxquart")).isEqualTo("Zyxquart");
    assertThat(en.lemma("")).isEmpty();
  }

  @Test
  void ambiguousFormsGetTheMoreCommonLemmaThenTheVerb() {
    assertThat(pt.lemma("casas")).isEqualTo("casa");
    assertThat(pt.lemma("foi")).isEqualTo("ser");
    assertThat(pt.lemma("são")).isEqualTo("ser");
    assertThat(pt.lemma("feito")).isEqualTo("fazer");
    assertThat(pt.lemma("livros")).isEqualTo("livro");
    assertThat(en.lemma("running")).isEqualTo("run");
    assertThat(en.lemma("geese")).isEqualTo("goose");
    assertThat(en.lemma("was")).isEqualTo("be");
    assertThat(en.analyses("saw")).extracting(Lemmatizer.Analysis::lemma).contains("saw", "see");
    assertThat(en.lemma("saw")).isEqualTo("see");
  }

  @Test
  void portugueseContractionsAreTheirOwnLemma() {
    // The lexicon's lemmas for these are pairs such as "de:o" and "de:ele".
    assertThat(pt.lemma("da")).isEqualTo("da");
    assertThat(pt.lemma("dele")).isEqualTo("dele");
    assertThat(pt.lemma("Nesta")).isEqualTo("Nesta");
  }

  @Test
  void caseOfTheWordIsKept() {
    assertThat(pt.lemma("Correu")).isEqualTo("Correr");
    assertThat(en.lemma("Mice")).isEqualTo("Mouse");
    assertThat(en.lemma("Paris")).isEqualTo("Paris");
  }

  @Test
  void unsupportedLanguageListsTheSupportedOnes() {
    assertThatThrownBy(() -> Lemmatizer.forLanguage("es"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'es'").hasMessageContaining("en, pt");
  }
}
