package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SQuAD's answer normalisation (its official evaluation script, v1.1 and v2.0): lower-case,
 * drop ASCII punctuation (Python's {@code string.punctuation}), replace the whole words a, an and
 * the with a space, and collapse whitespace. Tokens are the normalised answer split on
 * whitespace.
 */
public final class SquadNormalizer {
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final Pattern ARTICLES =
      Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private SquadNormalizer() {}

  public static String normalize(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (PUNCTUATION.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    String noArticles = ARTICLES.matcher(sb).replaceAll(" ");
    return String.join(" ", tokensOf(noArticles));
  }

  public static List<String> tokens(String s) {
    return tokensOf(normalize(s));
  }

  private static List<String> tokensOf(String s) {
    List<String> out = new ArrayList<>();
    for (String t : WHITESPACE.split(s)) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** 1 when the normalised strings are equal, else 0. */
  static double exactMatch(String hypothesis, String reference) {
    return normalize(hypothesis).equals(normalize(reference)) ? 1 : 0;
  }

  /** Token F1 of the normalised bags of words; 0 when nothing is shared (v1.1 script). */
  static double f1(String hypothesis, String reference) {
    List<String> hyp = tokens(hypothesis);
    List<String> ref = tokens(reference);
    Map<String, Integer> refCounts = new HashMap<>();
    ref.forEach(t -> refCounts.merge(t, 1, Integer::sum));
    int same = 0;
    for (String t : hyp) {
      Integer c = refCounts.get(t);
      if (c != null && c > 0) {
        same++;
        refCounts.put(t, c - 1);
      }
    }
    if (same == 0) {
      return 0;
    }
    double p = (double) same / hyp.size();
    double r = (double) same / ref.size();
    return 2 * p * r / (p + r);
  }
}
