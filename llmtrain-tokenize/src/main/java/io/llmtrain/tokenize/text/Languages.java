package io.llmtrain.tokenize.text;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Language-code handling shared by the preprocessing tools. */
final class Languages {
  private Languages() {
  }

  /** Lower-case with '-' as separator: {@code pt_BR} and {@code PT-br} become {@code pt-br}. */
  static String normalize(String language) {
    if (language == null) {
      throw new IllegalArgumentException("language must not be null");
    }
    return language.trim().replace('_', '-').toLowerCase(Locale.ROOT);
  }

  /** The error for a language a tool does not have, naming the ones it does. */
  static IllegalArgumentException unsupported(String tool, String language, Set<String> supported) {
    return new IllegalArgumentException("No " + tool + " for language '" + language
        + "'. Supported: " + String.join(", ", new TreeSet<>(supported)));
  }

  /** Lower-cases with the rules of the word's language (Turkish dotless i, for instance). */
  static Locale locale(String language) {
    return Locale.forLanguageTag(language);
  }

  /** Whether the first code point is upper case and every other letter is lower case. */
  static boolean isCapitalized(String word) {
    if (word.isEmpty() || !Character.isUpperCase(word.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(word.codePointAt(0)); i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (Character.isUpperCase(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Whether no letter is upper case. */
  static boolean isLowerCase(String word) {
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** {@code word} with its first code point upper-cased. */
  static String capitalize(String word, Locale locale) {
    if (word.isEmpty()) {
      return word;
    }
    int first = Character.charCount(word.codePointAt(0));
    return word.substring(0, first).toUpperCase(locale) + word.substring(first);
  }
}
