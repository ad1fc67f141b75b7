package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Our Porter stemming against NLTK's, which rouge-score uses. The fixture was made with NLTK
 * 3.8 (Debian's python3-nltk): {@code PorterStemmer().stem(w)} for the 6,019 most frequent
 * alphabetic words longer than three letters in the project's Markdown, a sample of Debian
 * READMEs and NLTK's own sources, plus words that exercise NLTK's departures from the original
 * algorithm.
 */
class RougeStemmerNltkTest {

  @Test
  void everyFixtureWordStemsAsNltk() throws Exception {
    PorterStem stemmer = new PorterStem();
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
        getClass().getResourceAsStream("/rouge/nltk-porter-3.8.tsv")), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t");
        n++;
        String got = stemmer.stem(f[0]);
        if (!got.equals(f[1])) {
          mismatches.add(f[0] + ": nltk " + f[1] + ", ours " + got);
        }
      }
    }
    assertThat(n).isGreaterThan(6000);
    assertThat(mismatches).isEmpty();
  }
}
