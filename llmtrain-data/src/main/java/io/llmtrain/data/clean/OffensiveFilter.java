package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.List;
import java.util.Locale;

/**
 * The {@code offensive} stage: finds profanity, insults and slurs from word lists shipped for
 * English and Portuguese ({@code offensive-en.txt}, {@code offensive-pt.txt} in this package) plus
 * any the user adds, and either rejects documents in which they are too frequent or masks them.
 *
 * <p>Matching is on whole words, ignoring case and accents ("PORRA", "Otario" and "otário" match
 * the entries "porra" and "otário"), so words that merely contain a listed one ("Scunthorpe",
 * "assessment", "cocktail", "computador", "disputa") never match; the lists also leave out words
 * whose ordinary meaning is common (see the comments at the top of each list). Obfuscated spellings
 * ("f*ck", "sh1t") are out of scope; soft hyphens and other invisible characters inside a word are
 * ignored. A matched phrase counts as one offensive word.
 *
 * <p>In {@code reject} mode a document is rejected as {@code offensive_ratio} when offensive words
 * divided by all words exceeds {@link OffensiveConfig#maxRatio()}; otherwise it is kept unchanged.
 * In {@code mask} mode every word of a match is replaced by {@link OffensiveConfig#mask()}.
 * Both modes count {@code offensive_words}. Thread-safe.
 */
public final class OffensiveFilter implements DocumentProcessor {
  public static final String COUNTER_WORDS = "offensive_words";
  public static final String REASON_RATIO = "offensive_ratio";

  private static final int KIND = 0;

  private final OffensiveConfig config;
  private final WordMatcher matcher;

  /** How many offensive words a text has among how many words. */
  public record Stats(int offensiveWords, int totalWords) {
    /** Offensive words divided by all words; 0 for a text without words. */
    public double ratio() {
      return totalWords == 0 ? 0 : (double) offensiveWords / totalWords;
    }
  }

  /**
   * Builds the word lists; fails with a {@link io.llmtrain.core.ConfigException} when an extra list
   * file cannot be read.
   */
  public OffensiveFilter(OffensiveConfig config) {
    this.config = requireNonNull(config, "config");
    WordMatcher.Builder b = WordMatcher.builder();
    for (String language : config.languages()) {
      addAll(b, WordLists.shipped("offensive", language, OffensiveConfig.SUPPORTED_LANGUAGES),
          "offensive-" + language + ".txt");
    }
    for (String file : config.extraFiles()) {
      addAll(b, WordLists.file(file), file);
    }
    addAll(b, config.extraWords(), "extraWords");
    for (String word : config.allow()) {
      b.add(word, true, KIND, "allow");
    }
    this.matcher = b.build();
    if (stats(config.mask()).offensiveWords() > 0) {
      throw new IllegalArgumentException("the mask '" + config.mask()
          + "' is itself an offensive word; choose one such as ****");
    }
  }

  private static void addAll(WordMatcher.Builder b, List<String> entries, String source) {
    for (String entry : entries) {
      String[] tagged = WordLists.tag(entry);
      boolean allow;
      switch (tagged[0]) {
        case "":
          allow = false;
          break;
        case "allow":
          allow = true;
          break;
        default:
          throw new IllegalArgumentException("unknown tag [" + tagged[0] + "] in '" + entry
              + "' (" + source + "); the only tag is [allow]");
      }
      b.add(tagged[1], allow, KIND, source);
    }
  }

  /** Created on first use: a static field would tie class initialization to OffensiveConfig's. */
  private static final class DefaultHolder {
    static final OffensiveFilter INSTANCE = new OffensiveFilter(OffensiveConfig.defaults());
  }

  /** The word lists, for scanning them in the same pass as another stage. */
  WordMatcher matcher() {
    return matcher;
  }

  /** A shared filter with the default configuration. */
  public static OffensiveFilter withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public OffensiveConfig config() {
    return config;
  }

  @Override
  public String name() {
    return OffensiveConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    if (config.mode() == OffensiveConfig.Mode.MASK) {
      return Outcome.keep(document.withText(mask(document.text(), context)));
    }
    return judge(document, context);
  }

  /** Counts the offensive words of {@code text} and all its words. */
  public Stats stats(String text) {
    int[] offensive = new int[1];
    int words = matcher.scan(text, 0, text.length(), (e, s, t) -> offensive[0]++);
    return new Stats(offensive[0], words);
  }

  /** True when {@code text} would be rejected in {@code reject} mode. */
  public boolean isOffensive(String text) {
    Stats stats = stats(text);
    return stats.offensiveWords() > 0 && stats.ratio() > config.maxRatio();
  }

  /** {@code text} with each word of each match replaced by the mask; the same instance if none. */
  public String mask(String text) {
    return mask(text, StageContext.NONE);
  }

  /** The reject-mode decision, counting {@code offensive_words}. */
  Outcome judge(Document document, StageContext context) {
    return judge(document, stats(document.text()), context);
  }

  /** The reject-mode decision on statistics already taken, counting {@code offensive_words}. */
  Outcome judge(Document document, Stats stats, StageContext context) {
    if (stats.offensiveWords() == 0) {
      return Outcome.keep(document);
    }
    context.count(COUNTER_WORDS, stats.offensiveWords());
    if (stats.ratio() > config.maxRatio()) {
      return Outcome.reject(REASON_RATIO, String.format(Locale.ROOT,
          "%d offensive of %d words (%.4f > %.4f)", stats.offensiveWords(), stats.totalWords(),
          stats.ratio(), config.maxRatio()));
    }
    return Outcome.keep(document);
  }

  String mask(String text, StageContext context) {
    Masker masker = new Masker(text, config.mask());
    matcher.scan(text, 0, text.length(), masker);
    if (masker.editor == null) {
      return text;
    }
    context.count(COUNTER_WORDS, masker.matches);
    return masker.editor.result();
  }

  /**
   * Replaces each word of the match {@code [start, end)} with {@code mask}, keeping the separators
   * between the words of a phrase.
   */
  static void maskWords(String text, int start, int end, String mask, TextEditor editor) {
    int i = start;
    while (i < end) {
      if (CharTables.classAt(text, i) != CharTables.WORD) {
        i += Character.charCount(text.codePointAt(i));
        continue;
      }
      int wordStart = i;
      while (i < end) {
        byte cls = CharTables.classAt(text, i);
        if (cls != CharTables.WORD && cls != CharTables.IGNORABLE) {
          break;
        }
        i += Character.charCount(text.codePointAt(i));
      }
      editor.replace(wordStart, i, mask);
    }
  }

  /** Replaces each word inside each match with the mask, keeping the separators of a phrase. */
  private static final class Masker implements WordMatcher.Sink {
    private final String text;
    private final String mask;
    TextEditor editor;
    int matches;

    Masker(String text, String mask) {
      this.text = text;
      this.mask = mask;
    }

    @Override
    public void match(WordMatcher.Entry entry, int start, int end) {
      if (editor == null) {
        editor = new TextEditor(text);
      }
      matches++;
      maskWords(text, start, end, mask, editor);
    }
  }
}
