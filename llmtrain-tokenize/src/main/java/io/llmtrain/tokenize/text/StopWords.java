package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of stop words, matched case-insensitively, and their removal from text.
 *
 * <p>The shipped lists are the Snowball project's stop lists (BSD licence) as distributed in
 * Lucene's analysis-common jar, for {@link #supportedLanguages()}. Lists combine: start from a
 * language's list (or none), add words, keep words, or read a file with one word per line
 * ({@code |} and {@code #} start comments, as in the Snowball files).
 *
 * <pre>{@code
 * StopWords sw = StopWords.forLanguage("pt");
 * sw.remove("O gato subiu no telhado.");   // "gato subiu telhado."
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class StopWords {
  private static final String RESOURCE_DIR = "/org/apache/lucene/analysis/snowball/";
  private static final Map<String, String> FILES = new TreeMap<>(Map.ofEntries(
      Map.entry("da", "danish"), Map.entry("de", "german"), Map.entry("en", "english"),
      Map.entry("es", "spanish"), Map.entry("fi", "finnish"), Map.entry("fr", "french"),
      Map.entry("hu", "hungarian"), Map.entry("id", "indonesian"), Map.entry("it", "italian"),
      Map.entry("nl", "dutch"), Map.entry("no", "norwegian"), Map.entry("pt", "portuguese"),
      Map.entry("ru", "russian"), Map.entry("sv", "swedish")));

  private final Set<String> words;
  private final Locale locale;

  private StopWords(Set<String> words, Locale locale) {
    this.words = words;
    this.locale = locale;
  }

  /** Languages with a shipped list (ISO 639-1 codes). */
  public static Set<String> supportedLanguages() {
    return Collections.unmodifiableSet(FILES.keySet());
  }

  /** The shipped list of a language; unknown codes fail with the list of supported ones. */
  public static StopWords forLanguage(String language) {
    String lang = Languages.normalize(language);
    return new StopWords(Collections.unmodifiableSet(shipped(lang)), Languages.locale(lang));
  }

  /** A list of your own (lower-cased with {@code locale} for matching). */
  public static StopWords of(Collection<String> words, Locale locale) {
    requireNonNull(words, "words");
    requireNonNull(locale, "locale");
    Set<String> set = new HashSet<>();
    for (String w : words) {
      String t = requireNonNull(w, "stop word").trim();
      if (!t.isEmpty()) {
        set.add(t.toLowerCase(locale));
      }
    }
    return new StopWords(Collections.unmodifiableSet(set), locale);
  }

  /** The list a {@link StopWordsConfig} describes. */
  public static StopWords from(StopWordsConfig config) {
    String lang = config.language();
    Locale locale = Languages.locale(lang);
    Set<String> set = new HashSet<>();
    if (config.shipped()) {
      set.addAll(shipped(lang));
    }
    if (config.file() != null) {
      set.addAll(readFile(config.file(), locale));
    }
    for (String w : config.extraWords()) {
      set.add(w.toLowerCase(locale));
    }
    for (String w : config.keepWords()) {
      set.remove(w.toLowerCase(locale));
    }
    return new StopWords(Collections.unmodifiableSet(set), locale);
  }

  private static Set<String> shipped(String lang) {
    String base = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
    String file = FILES.get(base);
    if (file == null) {
      throw Languages.unsupported("stop-word list", lang, FILES.keySet());
    }
    String resource = RESOURCE_DIR + file + "_stop.txt";
    try (InputStream in = StopWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Stop-word list " + resource
            + " is missing from the class path (is lucene-analysis-common there?)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read stop-word list " + resource, e);
    }
  }

  private static Set<String> readFile(Path file, Locale locale) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), locale);
    } catch (IOException e) {
      throw new ConfigException("Cannot read stop-word file " + file + ": " + e);
    }
  }

  /** One or more words per line; '|' (Snowball) and '#' start a comment. */
  private static Set<String> parse(String content, Locale locale) {
    Set<String> set = new HashSet<>();
    for (String line : content.split("\\R")) {
      int cut = line.length();
      int bar = line.indexOf('|');
      int hash = line.indexOf('#');
      if (bar >= 0) {
        cut = Math.min(cut, bar);
      }
      if (hash >= 0) {
        cut = Math.min(cut, hash);
      }
      for (String w : line.substring(0, cut).trim().split("\\s+")) {
        if (!w.isEmpty()) {
          set.add(w.toLowerCase(locale));
        }
      }
    }
    return set;
  }

  /** Whether {@code word} is a stop word, ignoring case and the kind of apostrophe. */
  public boolean isStopWord(String word) {
    String key = word.toLowerCase(locale);
    return words.contains(key)
        || (key.indexOf('’') >= 0 && words.contains(key.replace('’', '\'')));
  }

  /** The words, lower-cased, sorted. */
  public Set<String> words() {
    return Collections.unmodifiableSet(new TreeSet<>(words));
  }

  public int size() {
    return words.size();
  }

  /** {@code text} without its stop words; see {@link #remove(List, int[])}. */
  public String remove(String text) {
    return WordTokenizer.join(remove(WordTokenizer.tokenize(text), null));
  }

  /**
   * Drops stop words from tokens and tidies the spaces around them: a dropped word takes the
   * spaces before it, and the spaces (and commas, colons, semicolons) after it go too when
   * nothing but an opening bracket or the start of a line precedes them, so "the cat (and the
   * dog)." becomes "cat (dog)." and a line does not start with the comma of dropped words.
   * Line breaks are kept. {@code removed}, if not null, receives the number of words dropped in
   * slot 0.
   */
  public List<WordTokenizer.Token> remove(List<WordTokenizer.Token> tokens, int[] removed) {
    List<WordTokenizer.Token> out = new java.util.ArrayList<>(tokens.size());
    int count = 0;
    boolean afterDrop = false;
    for (WordTokenizer.Token t : tokens) {
      if (t.isWord() && isStopWord(t.text())) {
        trimTrailingSpaces(out);
        count++;
        afterDrop = true;
        continue;
      }
      if (afterDrop && t.kind() == WordTokenizer.Kind.OTHER) {
        String text = t.text();
        if (endsWithBreakOrOpening(out)) {
          // Nothing left before this separator on its line: its spaces and any comma that
          // belonged to the dropped words would dangle.
          int lead = 0;
          while (lead < text.length() && (isHorizontalSpace(text.charAt(lead))
              || ",;:".indexOf(text.charAt(lead)) >= 0)) {
            lead++;
          }
          text = text.substring(lead);
        }
        if (!text.isEmpty()) {
          out.add(new WordTokenizer.Token(WordTokenizer.Kind.OTHER, text));
        }
      } else {
        out.add(t);
      }
      afterDrop = false;
    }
    if (removed != null) {
      removed[0] = count;
    }
    return out;
  }

  private static boolean isHorizontalSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || (Character.isSpaceChar(c) && c != '\n'
        && c != '\r' && c != '\u2028' && c != '\u2029');
  }

  private static void trimTrailingSpaces(List<WordTokenizer.Token> out) {
    while (!out.isEmpty()) {
      WordTokenizer.Token last = out.get(out.size() - 1);
      if (last.kind() != WordTokenizer.Kind.OTHER) {
        return;
      }
      String text = last.text();
      int end = text.length();
      while (end > 0 && isHorizontalSpace(text.charAt(end - 1))) {
        end--;
      }
      if (end == text.length()) {
        return;
      }
      out.remove(out.size() - 1);
      if (end > 0) {
        out.add(new WordTokenizer.Token(WordTokenizer.Kind.OTHER, text.substring(0, end)));
        return;
      }
    }
  }

  private static boolean endsWithBreakOrOpening(List<WordTokenizer.Token> out) {
    char last = charFromEnd(out, 0);
    if (last == 0 || Character.isWhitespace(last)) {
      return true;
    }
    int type = Character.getType(last);
    if (type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
        || last == '¿' || last == '¡') {
      return true;
    }
    // A straight quote opens when it starts the text or follows a space or an opening bracket.
    return (last == '"' || last == '\'') && isOpeningContext(charFromEnd(out, 1));
  }

  private static boolean isOpeningContext(char c) {
    return c == 0 || Character.isWhitespace(c)
        || Character.getType(c) == Character.START_PUNCTUATION;
  }

  /** The character {@code back} places before the end of the output, or 0 if there is none. */
  private static char charFromEnd(List<WordTokenizer.Token> out, int back) {
    for (int i = out.size() - 1; i >= 0; i--) {
      String text = out.get(i).text();
      if (back < text.length()) {
        return text.charAt(text.length() - 1 - back);
      }
      back -= text.length();
    }
    return 0;
  }
}
