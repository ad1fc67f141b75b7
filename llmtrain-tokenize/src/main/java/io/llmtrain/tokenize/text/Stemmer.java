package io.llmtrain.tokenize.text;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.GreekStemmer;
import org.tartarus.snowball.ext.HindiStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IndonesianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NepaliStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;
import org.tartarus.snowball.ext.YiddishStemmer;

/**
 * Snowball stemming (the stemmers generated from snowballstem.org's algorithms, as shipped in
 * Lucene's analysis-common) for {@link #supportedLanguages()}:
 * {@code Stemmer.forLanguage("pt").stem("correndo")} is {@code "corr"}.
 *
 * <p>Words are lower-cased with the language's rules before stemming, as the Snowball
 * algorithms expect, so stems are lower case. Thread-safe: Snowball stemmer objects keep their
 * word in a field, so each thread gets its own.
 */
public final class Stemmer {
  private static final Map<String, Supplier<SnowballStemmer>> ALGORITHMS =
      new TreeMap<>(Map.ofEntries(
          Map.entry("ar", ArabicStemmer::new), Map.entry("ca", CatalanStemmer::new),
          Map.entry("da", DanishStemmer::new), Map.entry("de", GermanStemmer::new),
          Map.entry("el", GreekStemmer::new), Map.entry("en", EnglishStemmer::new),
          Map.entry("es", SpanishStemmer::new), Map.entry("et", EstonianStemmer::new),
          Map.entry("eu", BasqueStemmer::new), Map.entry("fi", FinnishStemmer::new),
          Map.entry("fr", FrenchStemmer::new), Map.entry("ga", IrishStemmer::new),
          Map.entry("hi", HindiStemmer::new), Map.entry("hu", HungarianStemmer::new),
          Map.entry("hy", ArmenianStemmer::new), Map.entry("id", IndonesianStemmer::new),
          Map.entry("it", ItalianStemmer::new), Map.entry("lt", LithuanianStemmer::new),
          Map.entry("ne", NepaliStemmer::new), Map.entry("nl", DutchStemmer::new),
          Map.entry("no", NorwegianStemmer::new), Map.entry("pt", PortugueseStemmer::new),
          Map.entry("ro", RomanianStemmer::new), Map.entry("ru", RussianStemmer::new),
          Map.entry("sr", SerbianStemmer::new), Map.entry("sv", SwedishStemmer::new),
          Map.entry("ta", TamilStemmer::new), Map.entry("tr", TurkishStemmer::new),
          Map.entry("yi", YiddishStemmer::new)));
  private static final Map<String, Stemmer> CACHE = new ConcurrentHashMap<>();

  private final String language;
  private final Locale locale;
  private final ThreadLocal<SnowballStemmer> perThread;

  private Stemmer(String language, Supplier<SnowballStemmer> algorithm) {
    this.language = language;
    this.locale = Languages.locale(language);
    this.perThread = ThreadLocal.withInitial(algorithm);
  }

  /** Languages with a Snowball stemmer (ISO 639-1 codes). */
  public static Set<String> supportedLanguages() {
    return Collections.unmodifiableSet(ALGORITHMS.keySet());
  }

  /**
   * The stemmer of a language ({@code pt}, {@code en}, {@code es}...; a region such as
   * {@code pt-BR} is ignored). Unknown codes fail with the list of supported ones.
   */
  public static Stemmer forLanguage(String language) {
    String lang = Languages.normalize(language);
    String base = lang.contains("-") ? lang.substring(0, lang.indexOf('-')) : lang;
    Supplier<SnowballStemmer> algorithm = ALGORITHMS.get(base);
    if (algorithm == null) {
      throw Languages.unsupported("Snowball stemmer", language, ALGORITHMS.keySet());
    }
    return CACHE.computeIfAbsent(base, l -> new Stemmer(l, algorithm));
  }

  public String language() {
    return language;
  }

  /** The stem of one word, lower case. */
  public String stem(String word) {
    requireNonNull(word, "word");
    if (word.isEmpty()) {
      return word;
    }
    SnowballStemmer stemmer = perThread.get();
    stemmer.setCurrent(word.toLowerCase(locale));
    stemmer.stem();
    return stemmer.getCurrent();
  }
}
