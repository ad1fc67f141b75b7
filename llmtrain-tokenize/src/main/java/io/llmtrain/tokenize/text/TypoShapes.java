package io.llmtrain.tokenize.text;

import java.text.Normalizer;

/**
 * Whether one word could be a typing slip for another: the edits people make when typing a word
 * they know, as opposed to the edits that lead from an unknown but real word (a name, jargon) to
 * a dictionary word.
 */
final class TypoShapes {
  private static final String VOWELS = "aeiouy";
  /**
   * A vowel changed or a letter left out turns short real words into other words too easily
   * ("von": "van", "bian": "bean", "hoser": "hosier"); such slips are trusted from this length.
   */
  static final int MIN_LENGTH_FOR_LOOSE_EDITS = 7;

  private TypoShapes() {
  }

  /** Whether the two words differ at most in case and accents ("nao", "não"). */
  static boolean sameLetters(String a, String b) {
    return fold(a).equals(fold(b));
  }

  /**
   * True when, ignoring case and accents, {@code typed} is {@code intended} with two adjacent
   * letters swapped, a double letter typed single or a single one typed double, or, in words of
   * at least {@link #MIN_LENGTH_FOR_LOOSE_EDITS} letters and not at the first letter, one letter
   * left out or one vowel replaced by another.
   */
  static boolean isTypoOf(String typed, String intended) {
    String a = fold(typed);
    String b = fold(intended);
    if (a.equals(b)) {
      return true;
    }
    int la = a.length();
    int lb = b.length();
    int prefix = 0;
    while (prefix < Math.min(la, lb) && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    if (la == lb) {
      int end = la;
      while (end > prefix && a.charAt(end - 1) == b.charAt(end - 1)) {
        end--;
      }
      int span = end - prefix;
      if (span == 1) {
        return la >= MIN_LENGTH_FOR_LOOSE_EDITS && prefix > 0
            && isVowel(a.charAt(prefix)) && isVowel(b.charAt(prefix));
      }
      return span == 2 && a.charAt(prefix) == b.charAt(prefix + 1)
          && a.charAt(prefix + 1) == b.charAt(prefix);
    }
    if (lb == la + 1) {
      // A letter of the intended word was left out: a double letter typed once, or any letter
      // but the first in a long enough word.
      if (!a.regionMatches(prefix, b, prefix + 1, la - prefix)) {
        return false;
      }
      char missing = b.charAt(prefix);
      boolean wasDouble = (prefix > 0 && b.charAt(prefix - 1) == missing)
          || (prefix + 1 < lb && b.charAt(prefix + 1) == missing);
      return wasDouble || (prefix > 0 && la >= MIN_LENGTH_FOR_LOOSE_EDITS);
    }
    if (la == lb + 1) {
      // A letter was typed twice: the extra one repeats its neighbour.
      if (!b.regionMatches(prefix, a, prefix + 1, lb - prefix)) {
        return false;
      }
      char extra = a.charAt(prefix);
      return (prefix > 0 && a.charAt(prefix - 1) == extra)
          || (prefix + 1 < la && a.charAt(prefix + 1) == extra);
    }
    return false;
  }

  private static boolean isVowel(char c) {
    return VOWELS.indexOf(c) >= 0;
  }

  /** Lower case without combining marks, so accent slips compare equal. */
  private static String fold(String word) {
    String decomposed = Normalizer.normalize(word.toLowerCase(java.util.Locale.ROOT),
        Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
