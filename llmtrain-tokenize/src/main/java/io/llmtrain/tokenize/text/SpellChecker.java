package io.llmtrain.tokenize.text;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
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
 *   <li>the word is unknown to the dictionary (also lower-cased, when capitalized);
 *   <li>candidates come from the speller at edit distance 1 (an insertion, deletion, substitution
 *       or transposition, or the dictionary's own equivalences such as a missing accent, which
 *       count as distance 0), lower-case single words only;
 *   <li>the best candidate (smallest distance, then most frequent) is the only one at its
 *       distance, or its frequency class (0 to 25, from the dictionary) beats the next one's by
 *       at least {@code minFrequencyGap}: "recieve" becomes "receive" (13 against "relieve"'s
 *       10), "teh" "the", "voce" "você", but a word with two equally plausible fixes stays;
 *   <li>in running text ({@link #correct(String)}) only lower-case words, and capitalized words
 *       at the start of a sentence, of at least {@code minWordLength} characters are candidates:
 *       never proper nouns (capitalized inside a sentence), acronyms, identifiers (digits,
 *       camelCase, {@code _}), words joined by a hyphen, URLs, e-mail addresses, paths or code
 *       between backticks (see {@link WordTokenizer}).
 * </ul>
 *
 * Thread-safe: dictionaries are shared, each thread has its own speller.
 */
public final class SpellChecker {
  /** morfologik folds frequency into candidate distances as distance * 26 + (25 - frequency). */
  private static final int FREQUENCY_CLASSES = 26;
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
  private final ThreadLocal<Speller> speller;

  private SpellChecker(String language, Dictionary dictionary, int minFrequencyGap,
      int minWordLength) {
    this.language = language;
    this.locale = Languages.locale(language);
    this.minFrequencyGap = minFrequencyGap;
    this.minWordLength = minWordLength;
    this.speller = ThreadLocal.withInitial(() -> new Speller(dictionary, 1));
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
    String resource = DICTIONARIES.get(config.language());
    if (resource == null) {
      throw Languages.unsupported("spelling dictionary", config.language(), DICTIONARIES.keySet());
    }
    String artifact = config.language().startsWith("pt") ? "org.languagetool:portuguese-pos-dict"
        : "org.languagetool:english-pos-dict";
    return new SpellChecker(config.language(), Dictionaries.load(resource, artifact),
        config.minFrequencyGap(), config.minWordLength());
  }

  static boolean supports(String language) {
    return DICTIONARIES.containsKey(language);
  }

  public String language() {
    return language;
  }

  /** Whether the dictionary knows {@code word} as written or, if capitalized, in lower case. */
  public boolean isKnown(String word) {
    requireNonNull(word, "word");
    Speller s = speller.get();
    if (!s.isMisspelled(word)) {
      return true;
    }
    return Languages.isCapitalized(word) && !s.isMisspelled(word.toLowerCase(locale));
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
    boolean capitalized = Languages.isCapitalized(word);
    if (!capitalized && !Languages.isLowerCase(word)) {
      return Optional.empty();
    }
    String probe = capitalized ? word.toLowerCase(locale) : word;
    Speller s = speller.get();
    List<Candidate> candidates = new ArrayList<>();
    for (Speller.CandidateData c : s.findReplacementCandidates(probe)) {
      String w = c.getWord();
      if (w.equals(probe) || !Languages.isLowerCase(w) || !isSingleWord(w)) {
        continue;
      }
      int frequency = s.getFrequency(w);
      int distance = (c.getDistance() - (FREQUENCY_CLASSES - 1 - frequency)) / FREQUENCY_CLASSES;
      candidates.add(new Candidate(w, distance, frequency));
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
      if (next.distance == best.distance && best.frequency - next.frequency < minFrequencyGap) {
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

  private record Candidate(String word, int distance, int frequency)
      implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
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
        || WordTokenizer.looksLikeIdentifier(word)) {
      return false;
    }
    return Languages.isLowerCase(word) || (atSentenceStart && Languages.isCapitalized(word));
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

  /** Parts of hyphenated compounds (guarda-chuva, dá-lo) are judged by the dictionary only whole. */
  private static boolean joinedByHyphen(List<WordTokenizer.Token> tokens, int i) {
    return (i > 0 && isHyphen(tokens.get(i - 1).text(), true))
        || (i + 1 < tokens.size() && isHyphen(tokens.get(i + 1).text(), false));
  }

  private static boolean isHyphen(String separator, boolean atEnd) {
    if (separator.isEmpty()) {
      return false;
    }
    char c = atEnd ? separator.charAt(separator.length() - 1) : separator.charAt(0);
    return c == '-' || c == '\u2010' || c == '\u2011';
  }
}
