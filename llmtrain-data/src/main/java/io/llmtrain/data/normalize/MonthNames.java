package io.llmtrain.data.normalize;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Month names for written dates: English, Portuguese, Spanish, French, German and Italian, full
 * and abbreviated, each also without its accents (the accent-stripping step may run first, and
 * people type "marco" for "março"). Matching ignores case.
 */
final class MonthNames {
  private static final List<String> ENGLISH_FULL = List.of("january", "february", "march",
      "april", "may", "june", "july", "august", "september", "october", "november", "december");
  private static final List<String> ENGLISH_SHORT = List.of("jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec");
  private static final List<String> OTHER_FULL = List.of(
      // Portuguese
      "janeiro", "fevereiro", "março", "marco", "abril", "maio", "junho", "julho", "agosto",
      "setembro", "outubro", "novembro", "dezembro",
      // Spanish
      "enero", "febrero", "marzo", "mayo", "junio", "julio", "septiembre", "setiembre", "octubre",
      "noviembre", "diciembre",
      // French
      "janvier", "février", "fevrier", "mars", "avril", "mai", "juin", "juillet", "août", "aout",
      "septembre", "octobre", "décembre", "decembre",
      // German
      "januar", "jänner", "janner", "februar", "märz", "marz", "maerz", "juni", "juli",
      "oktober", "dezember",
      // Italian
      "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
      "dicembre");
  private static final List<String> OTHER_SHORT = List.of(
      // Portuguese
      "fev", "abr", "mai", "ago", "set", "out", "dez",
      // Spanish
      "ene", "dic",
      // French
      "janv", "févr", "fevr", "avr", "juil", "déc",
      // German
      "mär", "okt");

  private static final Set<String> ENGLISH = new HashSet<>();
  private static final Set<String> ANY = new HashSet<>();
  private static final Set<String> ABBREVIATIONS = new HashSet<>();

  static {
    ENGLISH.addAll(ENGLISH_FULL);
    ENGLISH.addAll(ENGLISH_SHORT);
    ANY.addAll(ENGLISH);
    ANY.addAll(OTHER_FULL);
    ANY.addAll(OTHER_SHORT);
    ABBREVIATIONS.addAll(ENGLISH_SHORT);
    ABBREVIATIONS.addAll(OTHER_SHORT);
  }

  /** Longest name ("septiembre"), to skip the lookup for longer words. */
  private static final int MAX_LENGTH = 10;

  private MonthNames() {
  }

  /** Whether s[from, to) is a month name in any of the languages. */
  static boolean isMonth(CharSequence s, int from, int to) {
    return lookup(ANY, s, from, to);
  }

  /** Whether s[from, to) is an English month name. */
  static boolean isEnglishMonth(CharSequence s, int from, int to) {
    return lookup(ENGLISH, s, from, to);
  }

  /** Whether the month name s[from, to) may be followed by an abbreviation period. */
  static boolean isAbbreviation(CharSequence s, int from, int to) {
    return lookup(ABBREVIATIONS, s, from, to);
  }

  private static boolean lookup(Set<String> names, CharSequence s, int from, int to) {
    int length = to - from;
    return length >= 3 && length <= MAX_LENGTH && mayStartMonth(s.charAt(from))
        && names.contains(s.subSequence(from, to).toString().toLowerCase(Locale.ROOT));
  }

  /** Every name starts with one of these letters; most words before a number do not. */
  private static boolean mayStartMonth(char c) {
    return switch (Character.toLowerCase(c)) {
      case 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd', 'e', 'g', 'l' -> true;
      default -> false;
    };
  }
}
