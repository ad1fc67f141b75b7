package io.llmtrain.eval.metric;

import java.util.Map;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * The Porter stemmer as NLTK's {@code PorterStemmer()} (mode {@code NLTK_EXTENSIONS}, which
 * rouge-score uses) applies it, built on Snowball's original Porter algorithm from Lucene's
 * analysis-common. The NLTK departures from the original that change which words share a stem
 * are re-applied here:
 *
 * <ul>
 *   <li>the irregular forms (sky/skies, dying, lying, tying, news, innings, outings, cannings,
 *       howe, proceed, exceed, succeed);
 *   <li>four-letter {@code -ies}/{@code -ied} words keep {@code ie} (ties, died: tie, die);
 *   <li>step 1c turns a final {@code y} into {@code i} only after a consonant, so words ending in
 *       a vowel and {@code y} keep it (says, played: say, play);
 *   <li>step 2's {@code fulli → ful}, {@code lessli → less}, {@code bli → ble} and {@code logi →
 *       log} (carefully: care, possibly: possibl, analogy: analog).
 * </ul>
 *
 * Known remaining difference: NLTK changes {@code y} to {@code i} after a consonant even when
 * the stem before it has no vowel (e.g. in {@code -ed}/{@code -ing} forms such as "crying"),
 * where the original keeps it; such words are rare among those longer than three characters.
 * Input is expected in lower case. Not thread-safe; one instance per thread.
 */
final class PorterStem {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("skies", "sky"), Map.entry("sky", "sky"), Map.entry("dying", "die"),
      Map.entry("lying", "lie"), Map.entry("tying", "tie"), Map.entry("news", "news"),
      Map.entry("innings", "inning"), Map.entry("inning", "inning"),
      Map.entry("outings", "outing"), Map.entry("outing", "outing"),
      Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
      Map.entry("howe", "howe"), Map.entry("proceed", "proceed"),
      Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

  private final PorterStemmer snowball = new PorterStemmer();

  String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() == 4 && (word.endsWith("ies") || word.endsWith("ied"))) {
      return word.charAt(0) + "ie";
    }
    if (word.length() > 7 && (word.endsWith("fully") || word.endsWith("lessly"))) {
      return original(word.substring(0, word.length() - 2));
    }
    String s = original(word);
    int n = s.length();
    if (n >= 2 && s.charAt(n - 1) == 'i' && isVowel(s.charAt(n - 2))
        && word.startsWith(s.substring(0, n - 1) + "y")) {
      return s.substring(0, n - 1) + "y";
    }
    if (s.endsWith("bli") && !s.endsWith("abli") && word.endsWith("bly")) {
      return original(word.substring(0, word.length() - 1) + "e");
    }
    if (s.endsWith("logi") && n > 4) {
      return s.substring(0, n - 1);
    }
    return s;
  }

  private String original(String word) {
    snowball.setCurrent(word);
    snowball.stem();
    return snowball.getCurrent();
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  }
}
