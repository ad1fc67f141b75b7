package io.llmtrain.data.filter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The English special cases of the word tokenizer: contractions that split into two or three
 * tokens ("don't" into "do" and "n't", "I'm" into "I" and "'m"), spelled-out forms without the
 * apostrophe that split the same way ("dont"), and abbreviations whose period must not be split
 * off ("Mr.", "e.g."). They follow the behaviour of spaCy's English tokenizer, which datatrove
 * uses to count words; the lists here are generated from the grammar of English contractions.
 *
 * <p>Looked up by character range without creating a substring: the table uses
 * {@link String#hashCode()}'s polynomial so callers can hash while they scan.
 */
final class TokenizerExceptions {
  private TokenizerExceptions() {
  }

  /** Longest key, so callers skip the lookup for longer chunks. */
  static final int MAX_LENGTH;
  private static final String[] KEYS;
  private static final int[][] PIECES;
  private static final int MASK;
  private static final int SHIFT;
  /**
   * One bit per 16-bit hash bucket that holds a key: nearly every word is not a special case, and
   * this rejects it with one load from a small array instead of probing the table.
   */
  private static final long[] MAYBE = new long[1024];

  static {
    Map<String, int[]> table = build();
    int capacity = Integer.highestOneBit(table.size() * 4);
    KEYS = new String[capacity];
    PIECES = new int[capacity][];
    MASK = capacity - 1;
    SHIFT = 32 - Integer.numberOfTrailingZeros(capacity);
    int max = 0;
    for (Map.Entry<String, int[]> e : table.entrySet()) {
      int slot = slot(e.getKey().hashCode());
      while (KEYS[slot] != null) {
        slot = (slot + 1) & MASK;
      }
      KEYS[slot] = e.getKey();
      int bucket = bucket(e.getKey().hashCode());
      MAYBE[bucket >>> 6] |= 1L << bucket;
      PIECES[slot] = e.getValue();
      max = Math.max(max, e.getKey().length());
    }
    MAX_LENGTH = max;
  }

  private static int bucket(int h) {
    return (h * 0x61C88647) >>> 16;
  }

  /** Fibonacci hashing: String hashes of similar words differ in their low bits only. */
  private static int slot(int h) {
    return (h * 0x9E3779B9) >>> SHIFT;
  }

  /**
   * The piece lengths of the special case spelled by {@code s[from, to)} (its tokens, in order),
   * or null when it is not a special case; {@code hash} is the range's {@link String#hashCode()}.
   */
  static int[] lookup(char[] s, int from, int to, int hash) {
    int len = to - from;
    int bucket = bucket(hash);
    if ((MAYBE[bucket >>> 6] & (1L << bucket)) == 0 || len > MAX_LENGTH || len == 0) {
      return null;
    }
    int slot = slot(hash);
    String key;
    while ((key = KEYS[slot]) != null) {
      if (key.length() == len && key.hashCode() == hash && matches(s, from, key)) {
        return PIECES[slot];
      }
      slot = (slot + 1) & MASK;
    }
    return null;
  }

  private static boolean matches(char[] s, int from, String key) {
    for (int i = 0, n = key.length(); i < n; i++) {
      if (s[from + i] != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---- building the table --------------------------------------------------------------------

  private static Map<String, int[]> build() {
    Map<String, int[]> t = new HashMap<>();
    // Pronouns with their contracted auxiliaries; every form also exists without the apostrophe
    // ("youre", "theyll"), which the tokenizer splits too.
    contract(t, List.of("i"), "'m", "'ma");
    contract(t, List.of("i", "you", "he", "she", "it", "we", "they"),
        "'ll", "'ll've", "'d", "'d've");
    contract(t, List.of("i", "you", "we", "they"), "'ve");
    contract(t, List.of("you", "we", "they"), "'re");
    contract(t, List.of("he", "she", "it"), "'s");
    List<String> whWords = List.of("who", "what", "when", "where", "why", "how", "there");
    contract(t, whWords, "'s", "'ll", "'ll've", "'re", "'ve", "'d", "'d've");
    contract(t, List.of("that", "this"), "'s", "'ll", "'ll've", "'d", "'d've");
    contract(t, List.of("these", "those"), "'ll", "'ll've", "'re", "'ve", "'d", "'d've");
    // Negated auxiliaries: "can't" is "ca" + "n't", "won't" is "wo" + "n't", "shan't" "sha".
    contract(t, List.of("ca", "could", "do", "does", "did", "had", "may", "might", "must", "need",
        "ought", "sha", "should", "wo", "would"), "n't", "n't've");
    contract(t, List.of("could", "might", "must", "should", "would"), "'ve");
    contract(t, List.of("ai", "are", "is", "was", "were", "have", "has", "dare"), "n't");

    // Dropped final g and clipped words stay one token, with or without the apostrophe.
    for (String w : List.of("doin", "goin", "nothin", "nuthin", "ol", "somethin", "lovin",
        "havin")) {
      for (String v : List.of(w, title(w))) {
        whole(t, v);
        whole(t, v + "'");
      }
    }
    for (String w : List.of("em", "ll", "nuff")) {
      whole(t, w);
      whole(t, "'" + w);
    }
    for (String w : List.of("'s", "'S", "\u2018s", "\u2018S", "'re", "'d", "'cause", "'Cause",
        "'cos", "'Cos", "'coz", "'Coz", "'cuz", "'Cuz", "'bout", "ma'am", "Ma'am", "o'clock",
        "O'clock", "and/or", "w/o", "'", "''", "C++")) {
      whole(t, w);
    }

    // Clock times: "5pm" is "5" + "pm", "11a.m." is "11" + "a.m.".
    for (int h = 1; h <= 12; h++) {
      for (String p : List.of("am", "a.m.", "pm", "p.m.")) {
        split(t, h + p, String.valueOf(h), p);
      }
    }
    for (String[] s : new String[][] {
        {"y'all", "y'", "all"}, {"yall", "y", "all"}, {"cannot", "can", "not"},
        {"Cannot", "Can", "not"}, {"gonna", "gon", "na"}, {"Gonna", "Gon", "na"},
        {"gotta", "got", "ta"}, {"Gotta", "Got", "ta"}, {"let's", "let", "'s"},
        {"Let's", "Let", "'s"}, {"c'mon", "c'm", "on"}, {"C'mon", "C'm", "on"},
        {"not've", "not", "'ve"}, {"notve", "not", "ve"}, {"Not've", "Not", "'ve"},
        {"Notve", "Not", "ve"}, {"how'd'y", "how", "'d", "'y"}, {"How'd'y", "How", "'d", "'y"}}) {
      split(t, s[0], java.util.Arrays.copyOfRange(s, 1, s.length));
    }

    // Abbreviations whose final period belongs to the word.
    for (String w : ("a.m. p.m. e.g. E.g. E.G. i.e. I.e. I.E. vs. v.s. co. Co. Corp. Inc. Ltd. "
        + "Bros. Messrs. Mr. Mrs. Ms. Dr. Prof. Rev. Sen. Rep. Gen. Gov. Adm. Jr. St. Mt. Ph.D. "
        + "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. "
        + "Ak. Ala. Ariz. Ark. Calif. Colo. Conn. D.C. Del. Fla. Ga. Ia. Id. Ill. Ind. Kan. Kans. "
        + "Ky. La. Mass. Md. Mich. Minn. Miss. Mo. Mont. N.C. N.D. N.H. N.J. N.M. N.Y. Neb. Nebr. "
        + "Nev. Okla. Ore. Pa. S.C. Tenn. Va. Wash. Wis.").split(" ")) {
      whole(t, w);
    }
    // A single lower-case letter with a period (list items "a.", initials in lower case).
    for (char c = 'a'; c <= 'z'; c++) {
      whole(t, c + ".");
    }
    for (String w : List.of("\u00e4.", "\u00f6.", "\u00fc.")) {
      whole(t, w);
    }
    // Temperatures: the degree sign, the scale and the period are three tokens.
    for (char u : "cfkCFK".toCharArray()) {
      split(t, "\u00b0" + u + ".", "\u00b0", String.valueOf(u), ".");
    }

    // Ordinary words that the contraction rules above would otherwise split.
    for (String w : List.of("ill", "its", "hell", "shell", "shed", "were", "well", "whore")) {
      t.remove(w);
      t.remove(title(w));
    }
    return t;
  }

  /** Adds word + suffix for each word, in lower and title case, with and without apostrophes. */
  private static void contract(Map<String, int[]> t, List<String> words, String... suffixes) {
    for (String w : words) {
      for (String v : List.of(w, title(w))) {
        for (String suffix : suffixes) {
          String[] parts = suffix.substring(1).split("'");
          // "'ll've" -> "'ll", "'ve"; "'ma" -> "'m", "a".
          String[] withApostrophe;
          if (suffix.equals("'ma")) {
            withApostrophe = new String[] {v, "'m", "a"};
          } else {
            withApostrophe = new String[parts.length + 1];
            withApostrophe[0] = v;
            for (int i = 0; i < parts.length; i++) {
              withApostrophe[i + 1] = "'" + parts[i];
            }
          }
          if (suffix.startsWith("n't")) {
            // n't is one piece; a following 've is another.
            withApostrophe = suffix.equals("n't") ? new String[] {v, "n't"}
                : new String[] {v, "n't", "'ve"};
          }
          split(t, String.join("", withApostrophe), withApostrophe);
          String[] bare = new String[withApostrophe.length];
          for (int i = 0; i < bare.length; i++) {
            bare[i] = withApostrophe[i].replace("'", "");
          }
          split(t, String.join("", bare), bare);
        }
      }
    }
  }

  private static void whole(Map<String, int[]> t, String w) {
    t.put(w, new int[] {w.length()});
  }

  private static void split(Map<String, int[]> t, String key, String... pieces) {
    int[] lengths = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      lengths[i] = pieces[i].length();
    }
    t.put(key, lengths);
  }

  private static String title(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
