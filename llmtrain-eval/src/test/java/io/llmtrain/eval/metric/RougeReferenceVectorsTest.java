package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtrain.eval.metric.RougeMetric.Prf;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * 400 random segments (1-3 references, newlines, tabs, punctuation, non-ASCII letters, repeated
 * words, stemming on every other one) scored by an independent Python transcription of
 * rouge-score's tokenizer, n-gram, LCS, summary-level LCS and score_multi rules, with NLTK 3.8's
 * Porter stemmer and Python's own str.lower() and re; kept in {@code
 * rouge/reference-vectors.json}. Every precision, recall and F must agree to 1e-12.
 */
class RougeReferenceVectorsTest {

  @Test
  void agreesWithThePythonReference() throws Exception {
    JsonNode all;
    try (InputStream in = Objects.requireNonNull(
        getClass().getResourceAsStream("/rouge/reference-vectors.json"))) {
      all = new ObjectMapper().readTree(in);
    }
    RougeMetric plain = new RougeMetric(RougeMetric.DEFAULT_TYPES, false);
    RougeMetric stemmed = new RougeMetric(RougeMetric.DEFAULT_TYPES, true);
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    for (JsonNode v : all) {
      List<String> refs = new ArrayList<>();
      v.get("refs").forEach(r -> refs.add(r.asText()));
      RougeMetric m = v.get("stem").asBoolean() ? stemmed : plain;
      Map<String, Prf> got = m.scoreMulti(refs, v.get("hyp").asText());
      for (String type : RougeMetric.DEFAULT_TYPES) {
        JsonNode want = v.get("scores").get(type);
        Prf g = got.get(type);
        double[] ours = {g.precision(), g.recall(), g.fmeasure()};
        for (int k = 0; k < 3; k++) {
          if (Math.abs(ours[k] - want.get(k).asDouble()) > 1e-12) {
            mismatches.add(n + " " + type + " " + k + ": want " + want.get(k) + " got " + ours[k]);
          }
        }
      }
      n++;
    }
    assertThat(n).isEqualTo(400);
    assertThat(mismatches).isEmpty();
  }
}
