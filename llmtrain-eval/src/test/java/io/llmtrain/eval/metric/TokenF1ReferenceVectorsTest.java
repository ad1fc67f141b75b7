package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * 300 random answers (articles in several cases, ASCII and non-ASCII punctuation, accents, CJK,
 * a no-break space) normalised and scored by a Python transcription of the SQuAD evaluation
 * script's normalize_answer, exact_match_score and f1_score (max over references); kept in
 * {@code squad-reference-vectors.json}.
 */
class TokenF1ReferenceVectorsTest {

  @Test
  void agreesWithThePythonReference() throws Exception {
    JsonNode all;
    try (InputStream in = Objects.requireNonNull(
        getClass().getResourceAsStream("/squad-reference-vectors.json"))) {
      all = new ObjectMapper().readTree(in);
    }
    ExactMatchMetric em = new ExactMatchMetric();
    TokenF1Metric f1 = new TokenF1Metric();
    List<String> mismatches = new ArrayList<>();
    for (JsonNode v : all) {
      List<String> refs = new ArrayList<>();
      v.get("refs").forEach(r -> refs.add(r.asText()));
      String hyp = v.get("hyp").asText();
      if (!SquadNormalizer.normalize(hyp).equals(v.get("norm").asText())) {
        mismatches.add("norm " + hyp);
      }
      if (Math.abs(em.value(hyp, refs) - v.get("em").asDouble()) > 1e-12) {
        mismatches.add("em " + hyp + " " + refs);
      }
      if (Math.abs(f1.value(hyp, refs) - v.get("f1").asDouble()) > 1e-12) {
        mismatches.add("f1 " + hyp + " " + refs);
      }
    }
    assertThat(all.size()).isEqualTo(300);
    assertThat(mismatches).isEmpty();
  }
}
