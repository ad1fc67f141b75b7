package io.llmtrain.data.filter;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stop-word lists for the Gopher quality rule "at least two stop words": a document of natural
 * prose uses its language's commonest function words, while word lists, tables and keyword spam
 * do not. English is Gopher's own list (the one datatrove ships); the others are this project's
 * choice of each language's commonest function words, written in lower case. As in datatrove the
 * match is exact and case-sensitive: a sentence-initial "The" does not count, which is harmless
 * because every real text also has lower-case ones.
 */
public final class StopWords {
  private StopWords() {
  }

  private static final Map<String, List<String>> LISTS = new TreeMap<>(Map.of(
      "en", List.of("the", "be", "to", "of", "and", "that", "have", "with"),
      "pt", List.of("de", "que", "n\u00e3o", "para", "com", "uma", "os", "do", "da", "em"),
      "es", List.of("de", "la", "que", "el", "en", "los", "del", "las", "por", "con"),
      "fr", List.of("de", "la", "le", "et", "les", "des", "que", "une", "est", "pour"),
      "de", List.of("der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu")));

  /** ISO 639-1 codes of the languages with a list. */
  public static Set<String> languages() {
    return LISTS.keySet();
  }

  /** The list for an ISO 639-1 code. */
  public static List<String> of(String language) {
    List<String> words = LISTS.get(language);
    if (words == null) {
      throw new IllegalArgumentException("no stop-word list for language '" + language
          + "'; available: " + String.join(", ", LISTS.keySet()));
    }
    return words;
  }
}
