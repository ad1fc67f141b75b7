package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 400 random cases (mixed scripts, emoji, digits with separators, HTML entities, {@code
 * <skipped>}, Python-only whitespace such as U+00A0, U+3000, U+0085, U+001C, and U+200B which
 * is not whitespace) scored by sacrebleu 2.6.0, every configuration of both metrics, sentence
 * and corpus level, 1-3 references; ours must agree to 1e-6.
 */
class BleuChrfSacrebleuVectorsTest {

  private static String dec(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private static List<String> decList(String field) {
    return Arrays.stream(field.split(",", -1)).map(BleuChrfSacrebleuVectorsTest::dec).toList();
  }

  private static TextMetric metric(String name, String config) {
    String[] a = config.split(",");
    if (name.equals("bleu")) {
      return new BleuMetric(BleuTokenizer.of(a[0]), Boolean.parseBoolean(a[1]),
          BleuMetric.Smoothing.valueOf(a[2].toUpperCase().replace('-', '_')), Double.NaN);
    }
    return new ChrfMetric(Integer.parseInt(a[0]), Integer.parseInt(a[1]), 2,
        Boolean.parseBoolean(a[2]), false, false);
  }

  @Test
  void agreesWithSacrebleu() throws Exception {
    List<String> failures = new ArrayList<>();
    int checked = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/sacrebleu-2.6.0-vectors.tsv"), StandardCharsets.UTF_8))) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        TextMetric m = metric(f[0], f[1]);
        double expected = Double.parseDouble(f[3]);
        double got;
        if (f[2].equals("sentence")) {
          got = m.sentence(dec(f[4]), decList(f[5].replace(';', ','))).score();
        } else {
          List<List<String>> refs = new ArrayList<>();
          for (String stream : f[5].split(";", -1)) {
            refs.add(decList(stream));
          }
          got = m.corpus(decList(f[4]), refs).score();
        }
        checked++;
        if (Math.abs(got - expected) > 1e-6) {
          failures.add("line " + no + " " + f[0] + " " + f[1] + " " + f[2] + ": expected "
              + expected + " got " + got + " hyp=" + decList(f[4]));
        }
      }
    }
    assertThat(checked).isEqualTo(400);
    assertThat(failures).isEmpty();
  }
}
