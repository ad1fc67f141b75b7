package io.llmtrain.tokenize.text;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import morfologik.speller.Speller;
import morfologik.stemming.Dictionary;

/**
 * Conservative spelling correction with morfologik's speller and LanguageTool's spelling
 * dictionaries (Hunspell word lists compiled with word frequencies; shipped in
 * {@code org.languagetool:english-pos-dict} and {@code portuguese-pos-dict}, LGPL 2.1).
 *
 * <p>A word is replaced only when the correction is beyond reasonable doubt:
 *
 * <ul>
 *   <li>the word is unknown to the spelling dictionary (also lower-cased, when capitalized), to
 *       the language's part-of-speech lexicon (the spelling list lacks a few common words, such
 *       as Portuguese "mas"), and to the dictionaries of {@code alsoAccept} languages;
 *   <li>candidates come from the speller at edit distance 1, or 0 for the dictionary's own
 *       equivalences such as a missing accent ("voce": "você"); lower-case single words only.
 *       A candidate that differs by accents only beats any other ("idéias" becomes "ideias",
 *       not "ideais"); other candidates must not be of the dictionary's rarest class (0);
 *   <li>a candidate differs from the word by accents only, or the edit has the shape of a typo
 *       rather than of another word (see {@link TypoShapes#isTypoOf}): two adjacent letters
 *       swapped ("recieve"), a double letter typed single or a single one double ("alloted",
 *       "coloossal"), and in words of seven letters or more a letter left out ("spirtual") or
 *       one vowel for another ("disfunctional"). Other edits turn jargon and names into other
 *       words ("von": "van", "unix": "unit", "dogfood": "dogwood") far more often than they
 *       fix a typo. Words of fewer than six letters are changed, beyond accents, only into
 *       common words (frequency class 14 or more: "teh" becomes "the", "cron" stays);
 *   <li>the best candidate (accents only first, then smallest distance, then most frequent) is
 *       the only one of its kind and distance, or its frequency class (0 to 25, from the
 *       dictionary) beats the next one's by at least {@code minFrequencyGap}: "recieve" becomes
 *       "receive" (13 against "relieve"'s 10), "teh" "the", "voce" "você", but a word with two
 *       equally plausible fixes stays;
 *   <li>in running text ({@link #correct(String)}) only lower-case words (and, with
 *       {@code sentenceStart}, capitalized words at the start of a sentence) of at least
 *       {@code minWordLength} characters are candidates: never proper nouns, acronyms,
 *       identifiers (digits, camelCase, {@code _}), words with an apostrophe (English
 *       possessives and contractions are not in the word lists), words joined by a hyphen, URLs,
 *       e-mail addresses, paths or code between backticks (see {@link WordTokenizer}).
 * </ul>
 *
 * Thread-safe: dictionaries are shared, each thread has its own speller.
 */
public final class SpellChecker {
  /** morfologik folds frequency into candidate distances as distance * 26 + (25 - frequency). */
  private static final int FREQUENCY_CLASSES = 26;
  private static final int VERDICT_CACHE_SIZE = 10_000;
  /**
   * Words shorter than this are too often acronyms or jargon typed in lower case ("usb", "cron",
   * "int") to be changed into anything but a common word...
   */
  private static final int SHORT_WORD = 6;
  /** ...of at least this frequency class ("the" is 22, "corn" 11, "sub" 13, "não" 18). */
  private static final int COMMON_WORD = 14;
  private static final int LONGEST_WORD = 40;
  private static final String EN = "/org/languagetool/resource/en/hunspell/";
  private static final String PT = "/org/languagetool/resource/pt/spelling/";
  private static final Map<String, String> DICTIONARIES = new TreeMap<>(Map.ofEntries(
      Map.entry("en", EN + "en_US.dict"), Map.entry("en-us", EN + "en_US.dict"),
      Map.entry("en-gb", EN + "en_GB.dict"), Map.entry("en-au", EN + "en_AU.dict"),
      Map.entry("en-ca", EN + "en_CA.dict"), Map.entry("en-nz", EN + "en_NZ.dict"),
      Map.entry("en-za", EN + "en_ZA.dict"),
      Map.entry("pt", PT + "pt-BR.dict"), Map.entry("pt-br", PT + "pt-BR.dict"),
      Map.entry("pt-pt", PT + "pt-PT-90.dict")));

  private final String language;
  private final Locale locale;
  private final int minFrequencyGap;
  private final int minWordLength;
  private final boolean sentenceStart;
  private final ThreadLocal<Speller> speller;
  private final Lemmatizer lexicon;
  private final List<ThreadLocal<Speller>> alsoAccepted;
  private final ThreadLocal<Map<String, Optional<String>>> verdicts =
      ThreadLocal.withInitial(() -> new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
          return size() > VERDICT_CACHE_SIZE;
        }
      });

  private SpellChecker(SpellcheckConfig config) {
    this.language = config.language();
    this.locale = Languages.locale(language);
    this.minFrequencyGap = config.minFrequencyGap();
    this.minWordLength = config.minWordLength();
    this.sentenceStart = config.sentenceStart();
    this.speller = spellerOf(language);
    this.lexicon = Lemmatizer.forLanguage(language);
    List<ThreadLocal<Speller>> others = new ArrayList<>();
    for (String other : config.alsoAccept()) {
      if (!other.equals(language)) {
        others.add(spellerOf(other));
      }
    }
    this.alsoAccepted = List.copyOf(others);
  }

  private static ThreadLocal<Speller> spellerOf(String language) {
    String resource = DICTIONARIES.get(language);
    if (resource == null) {
      throw Languages.unsupported("spelling dictionary", language, DICTIONARIES.keySet());
    }
    String artifact = language.startsWith("pt") ? "org.languagetool:portuguese-pos-dict"
        : "org.languagetool:english-pos-dict";
    Dictionary dictionary = Dictionaries.load(resource, artifact);
    return ThreadLocal.withInitial(() -> new Speller(dictionary, 1));
  }

  /** Languages and variants with a dictionary: en (en-US), en-GB..., pt (pt-BR), pt-PT. */
  public static Set<String> supportedLanguages() {
    return Collections.unmodifiableSet(DICTIONARIES.keySet());
  }

  /** The checker of a language with the default thresholds of {@link SpellcheckConfig}. */
  public static SpellChecker forLanguage(String language) {
    return from(SpellcheckConfig.builder().language(language).build());
  }

  /** The checker a configuration describes. */
  public static SpellChecker from(SpellcheckConfig config) {
    return new SpellChecker(config);
  }

  static boolean supports(String language) {
    return DICTIONARIES.containsKey(language);
  }

  public String language() {
    return language;
  }

  /**
   * Whether {@code word} (as written or, if capitalized, in lower case) is in the spelling
   * dictionary, the part-of-speech lexicon or an {@code alsoAccept} language's dictionary.
   */
  public boolean isKnown(String word) {
    requireNonNull(word, "word");
    if (knownTo(speller.get(), word) || lexicon.knows(word)) {
      return true;
    }
    for (ThreadLocal<Speller> other : alsoAccepted) {
      if (knownTo(other.get(), word)) {
        return true;
      }
    }
    return false;
  }

  private boolean knownTo(Speller s, String word) {
    return !s.isMisspelled(word)
        || (Languages.isCapitalized(word) && !s.isMisspelled(word.toLowerCase(locale)));
  }

  /**
   * The confident correction of one lower-case or capitalized word, in the word's case; empty
   * when the word is known, or when no single candidate is clearly right.
   */
  public Optional<String> correction(String word) {
    requireNonNull(word, "word");
    if (word.isEmpty() || isKnown(word)) {
      return Optional.empty();
    }
    // Searching candidates costs far more than a lookup, and unknown words (names, jargon)
    // recur: remember the last verdicts of this thread.
    Map<String, Optional<String>> cache = verdicts.get();
    Optional<String> cached = cache.get(word);
    if (cached == null) {
      cached = search(word);
      cache.put(word, cached);
    }
    return cached;
  }

  private Optional<String> search(String word) {
    boolean capitalized = Languages.isCapitalized(word);
    if (!capitalized && !Languages.isLowerCase(word)) {
      return Optional.empty();
    }
    String probe = capitalized ? word.toLowerCase(locale) : word;
    int probeLength = probe.codePointCount(0, probe.length());
    if (probeLength > LONGEST_WORD) {
      // Runs of letters this long are data (hashes, base64), and the search grows with length.
      return Optional.empty();
    }
    Speller s = speller.get();
    List<Candidate> candidates = new ArrayList<>();
    for (Speller.CandidateData c : s.findReplacementCandidates(probe)) {
      String w = c.getWord();
      if (w.equals(probe) || !Languages.isLowerCase(w) || !isSingleWord(w)) {
        continue;
      }
      int frequency = s.getFrequency(w);
      int distance = (c.getDistance() - (FREQUENCY_CLASSES - 1 - frequency)) / FREQUENCY_CLASSES;
      boolean accentsOnly = TypoShapes.sameLetters(probe, w);
      if (accentsOnly || (frequency > 0 && TypoShapes.isTypoOf(probe, w)
          && (probeLength >= SHORT_WORD || frequency >= COMMON_WORD))) {
        candidates.add(new Candidate(w, accentsOnly, distance, frequency));
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    candidates.sort(null);
    Candidate best = candidates.get(0);
    if (best.distance > 1) {
      return Optional.empty();
    }
    if (candidates.size() > 1) {
      Candidate next = candidates.get(1);
      if (next.accentsOnly == best.accentsOnly && next.distance == best.distance
          && best.frequency - next.frequency < minFrequencyGap) {
        return Optional.empty();
      }
    }
    return Optional.of(capitalized ? Languages.capitalize(best.word, locale) : best.word);
  }

  private static boolean isSingleWord(String w) {
    for (int i = 0; i < w.length(); ) {
      int cp = w.codePointAt(i);
      if (!WordTokenizer.isWordCodePoint(cp) && cp != '\'' && cp != '’') {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Ordered best first: accents-only fixes, then by distance, frequency and spelling. */
  private record Candidate(String word, boolean accentsOnly, int distance, int frequency)
      implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
      if (accentsOnly != o.accentsOnly) {
        return accentsOnly ? -1 : 1;
      }
      if (distance != o.distance) {
        return Integer.compare(distance, o.distance);
      }
      if (frequency != o.frequency) {
        return Integer.compare(o.frequency, frequency);
      }
      return word.compareTo(o.word);
    }
  }

  /** Text with its confident corrections applied, and how many there were. */
  public record Result(String text, int corrections) {
  }

  /** Corrects running text; see the class comment for which words are considered. */
  public Result correct(String text) {
    List<WordTokenizer.Token> tokens = WordTokenizer.tokenize(text);
    int[] count = new int[1];
    List<WordTokenizer.Token> out = correct(tokens, count);
    return new Result(count[0] == 0 ? text : WordTokenizer.join(out), count[0]);
  }

  /** As {@link #correct(String)} on tokens; {@code count[0]} receives the number of corrections. */
  public List<WordTokenizer.Token> correct(List<WordTokenizer.Token> tokens, int[] count) {
    checkArgument(count != null && count.length > 0, "count must have a slot");
    List<WordTokenizer.Token> out = new ArrayList<>(tokens.size());
    boolean sentenceStart = true;
    int corrections = 0;
    for (int i = 0; i < tokens.size(); i++) {
      WordTokenizer.Token t = tokens.get(i);
      if (t.kind() != WordTokenizer.Kind.WORD) {
        if (t.kind() == WordTokenizer.Kind.OTHER && endsSentence(t.text())) {
          sentenceStart = true;
        } else if (t.kind() == WordTokenizer.Kind.PROTECTED) {
          sentenceStart = false;
        }
        out.add(t);
        continue;
      }
      String word = t.text();
      boolean atStart = sentenceStart;
      sentenceStart = false;
      if (isCandidate(word, atStart) && !joinedByHyphen(tokens, i)) {
        Optional<String> fixed = correction(word);
        if (fixed.isPresent()) {
          out.add(new WordTokenizer.Token(WordTokenizer.Kind.WORD, fixed.get()));
          corrections++;
          continue;
        }
      }
      out.add(t);
    }
    count[0] = corrections;
    return out;
  }

  private boolean isCandidate(String word, boolean atSentenceStart) {
    if (word.codePointCount(0, word.length()) < minWordLength
        || WordTokenizer.looksLikeIdentifier(word)
        || word.indexOf('\'') >= 0 || word.indexOf('’') >= 0) {
      return false;
    }
    return Languages.isLowerCase(word)
        || (sentenceStart && atSentenceStart && Languages.isCapitalized(word));
  }

  private static boolean endsSentence(String separator) {
    for (int i = 0; i < separator.length(); i++) {
      char c = separator.charAt(i);
      if (c == '.' || c == '!' || c == '?' || c == '…' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * Parts of hyphenated compounds (guarda-chuva, dá-lo) are judged by the dictionary only whole,
   * and a word elided with an apostrophe ("smokin'") is not a typo.
   */
  private static boolean joinedByHyphen(List<WordTokenizer.Token> tokens, int i) {
    return (i > 0 && isJoiner(tokens.get(i - 1).text(), true))
        || (i + 1 < tokens.size() && isJoiner(tokens.get(i + 1).text(), false));
  }

  private static boolean isJoiner(String separator, boolean atEnd) {
    if (separator.isEmpty()) {
      return false;
    }
    char c = atEnd ? separator.charAt(separator.length() - 1) : separator.charAt(0);
    return c == '-' || c == '\u2010' || c == '\u2011' || c == '\'' || c == '’';
  }
}
