package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import morfologik.speller.Speller;
import morfologik.stemming.DictionaryLookup;
import morfologik.stemming.WordData;

/**
 * Dictionary lemmatization for Portuguese and English from LanguageTool's part-of-speech
 * lexicons ({@code org.languagetool:portuguese-pos-dict}, {@code english-pos-dict}; LGPL 2.1),
 * read with morfologik: {@code Lemmatizer.forLanguage("pt").lemma("correu")} is
 * {@code "correr"}, {@code Lemmatizer.forLanguage("en").lemma("mice")} is {@code "mouse"}.
 *
 * <p>Words the lexicon does not know come back unchanged. A word is looked up as written and, if
 * not found, lower-cased (so "Correu" at the start of a sentence is found); a capitalized or
 * all-capital word gets its lemma in the same case.
 *
 * <p>Without context a form can have several lemmas ("casas": casa, noun, or casar, verb;
 * "saw": saw or see). The choice is deterministic:
 *
 * <ol>
 *   <li>the lemma that is itself the most frequent word, by the frequency classes LanguageTool's
 *       spelling dictionary of the language carries ("casas" gives casa, "foi" ser rather than
 *       ir, "saw" see, "running" run, "leaves" leave rather than leaf);
 *   <li>on a tie, a verb reading first, then noun, adjective, adverb, anything else (inflected
 *       verbs are where lemmas matter most: "feito" gives fazer, "são" ser);
 *   <li>then the lemma first in alphabetical order.
 * </ol>
 *
 * A Portuguese contraction of a preposition and an article or pronoun ("da", "pelas", "dele"),
 * which the lexicon lemmatizes as a pair ("de:o"), is its own lemma.
 *
 * <p>Thread-safe: lexicons are shared, each thread has its own lookup objects.
 */
public final class Lemmatizer {
  private static final Map<String, Lexicon> LEXICONS = new TreeMap<>(Map.of(
      "en", new Lexicon("/org/languagetool/resource/en/english.dict",
          "/org/languagetool/resource/en/hunspell/en_US.dict",
          "org.languagetool:english-pos-dict"),
      "pt", new Lexicon("/org/languagetool/resource/pt/portuguese.dict",
          "/org/languagetool/resource/pt/spelling/pt-BR.dict",
          "org.languagetool:portuguese-pos-dict")));
  private static final Map<String, Lemmatizer> CACHE = new ConcurrentHashMap<>();

  private record Lexicon(String posDictionary, String frequencyDictionary, String artifact) {
  }

  private final String language;
  private final Locale locale;
  private final ThreadLocal<DictionaryLookup> lookup;
  private final ThreadLocal<Speller> frequencies;

  private Lemmatizer(String language, Lexicon lexicon) {
    this.language = language;
    this.locale = Languages.locale(language);
    var pos = Dictionaries.load(lexicon.posDictionary(), lexicon.artifact());
    var freq = Dictionaries.load(lexicon.frequencyDictionary(), lexicon.artifact());
    this.lookup = ThreadLocal.withInitial(() -> new DictionaryLookup(pos));
    this.frequencies = ThreadLocal.withInitial(() -> new Speller(freq));
  }

  /** Languages with a lexicon. */
  public static Set<String> supportedLanguages() {
    return Collections.unmodifiableSet(LEXICONS.keySet());
  }

  /**
   * The lemmatizer of a language ({@code pt} or {@code en}; a region such as {@code pt-BR} is
   * ignored). Unknown codes fail with the list of supported ones. The lexicon loads once.
   */
  public static Lemmatizer forLanguage(String language) {
    String lang = Languages.normalize(language);
    String base = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
    Lexicon lexicon = LEXICONS.get(base);
    if (lexicon == null) {
      throw Languages.unsupported("lemmatizer", language, LEXICONS.keySet());
    }
    return CACHE.computeIfAbsent(base, l -> new Lemmatizer(l, lexicon));
  }

  public String language() {
    return language;
  }

  /** One reading of a word form: its lemma and the lexicon's part-of-speech tag. */
  public record Analysis(String lemma, String tag) {
  }

  /** Every reading the lexicon has for {@code word}, in the order {@link #lemma} ranks them. */
  public List<Analysis> analyses(String word) {
    requireNonNull(word, "word");
    if (word.isEmpty()) {
      return List.of();
    }
    DictionaryLookup dict = lookup.get();
    String form = word;
    List<WordData> found = dict.lookup(form);
    if (found.isEmpty() && !Languages.isLowerCase(word)) {
      form = word.toLowerCase(locale);
      found = dict.lookup(form);
    }
    if (found.isEmpty()) {
      return List.of();
    }
    // WordData objects are reused by the next lookup: copy them out now.
    List<Analysis> analyses = new ArrayList<>(found.size());
    for (WordData w : found) {
      CharSequence lemma = w.getStem();
      CharSequence tag = w.getTag();
      if (lemma != null && lemma.length() > 0) {
        // Contractions have compound lemmas ("da": "de:o", "dele": "de:ele"); the contraction
        // is its own lemma, and ranks by its own (high) frequency.
        String l = lemma.toString().indexOf(':') > 0 ? form : lemma.toString();
        analyses.add(new Analysis(l, tag == null ? "" : tag.toString()));
      }
    }
    Speller speller = frequencies.get();
    Map<String, Integer> frequency = new TreeMap<>();
    for (Analysis a : analyses) {
      frequency.computeIfAbsent(a.lemma(), speller::getFrequency);
    }
    analyses.sort(Comparator
        .comparingInt((Analysis a) -> -frequency.get(a.lemma()))
        .thenComparingInt(a -> partOfSpeechRank(a.tag()))
        .thenComparing(Analysis::lemma)
        .thenComparing(Analysis::tag));
    return analyses.stream().distinct().toList();
  }

  /** Whether the lexicon has {@code word}, as written or lower-cased. */
  boolean knows(String word) {
    DictionaryLookup dict = lookup.get();
    return !dict.lookup(word).isEmpty()
        || (!Languages.isLowerCase(word) && !dict.lookup(word.toLowerCase(locale)).isEmpty());
  }

  /** The lemma of {@code word}, chosen as the class comment says; unknown words unchanged. */
  public String lemma(String word) {
    List<Analysis> analyses = analyses(word);
    if (analyses.isEmpty()) {
      return word;
    }
    String lemma = analyses.get(0).lemma();
    if (Languages.isLowerCase(lemma) && !Languages.isLowerCase(word)) {
      if (Languages.isCapitalized(word)) {
        return Languages.capitalize(lemma, locale);
      }
      if (word.codePointCount(0, word.length()) > 1 && word.equals(word.toUpperCase(locale))) {
        return lemma.toUpperCase(locale);
      }
    }
    return lemma;
  }

  /**
   * 0 verb, 1 noun, 2 adjective, 3 adverb, 4 other. English tags are Penn Treebank (VB*, MD,
   * NN*, JJ*, RB*); Portuguese tags are EAGLES (V, N, A, R first letter).
   */
  private int partOfSpeechRank(String tag) {
    if (language.equals("en")) {
      if (tag.startsWith("VB") || tag.equals("MD")) {
        return 0;
      }
      if (tag.startsWith("NN")) {
        return 1;
      }
      if (tag.startsWith("JJ")) {
        return 2;
      }
      return tag.startsWith("RB") ? 3 : 4;
    }
    if (tag.isEmpty()) {
      return 4;
    }
    return switch (tag.charAt(0)) {
      case 'V' -> 0;
      case 'N' -> 1;
      case 'A' -> 2;
      case 'R' -> 3;
      default -> 4;
    };
  }
}
