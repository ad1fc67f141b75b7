package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code boilerplate} stage: removes whole lines that are boilerplate rather than content.
 *
 * <p>A line is boilerplate when
 * <ul>
 *   <li>it has at most {@link BoilerplateConfig#maxLineWords()} words and contains a listed phrase
 *       ("click here", "unsubscribe", "all rights reserved", "privacy policy", "we use cookies",
 *       "sent from my iPhone", "clique aqui", "cancelar inscrição", "todos os direitos
 *       reservados", "política de privacidade", "javascript is disabled", ...);
 *   <li>it consists of nothing but navigation items ("Read more »", "Leia mais", "Home | Menu");
 *   <li>it contains a phrase that marks boilerplate at any length ("lorem ipsum");
 *   <li>it is a short copyright notice ("© 2024 Acme Inc.", "Copyright (c) 2019 The Authors");
 *   <li>it is made only of symbols, at least three of them ("-----", "* * *"), except lines of
 *       brackets and sentence punctuation ("});" closing a code block, "[...]");
 *   <li>one of the extra regular expressions is found in it.
 * </ul>
 * Phrases match whole words, ignoring case and accents. The lists ship as resources
 * ({@code boilerplate-en.txt}, {@code boilerplate-pt.txt}) in this package.
 *
 * <p>Counts {@code boilerplate_lines_removed}. A document with nothing left is rejected as
 * {@code boilerplate_only}. Thread-safe.
 */
public final class BoilerplateRemover implements DocumentProcessor {
  public static final String COUNTER_REMOVED = "boilerplate_lines_removed";
  public static final String REASON_ONLY_BOILERPLATE = "boilerplate_only";

  static final int CONTAINS = 0;
  static final int LINE = 1;
  static final int ANY = 2;
  static final int COPYRIGHT = 3;

  private static final int MIN_SEPARATOR_CHARS = 3;

  private final BoilerplateConfig config;
  /** Phrases that mark a line wherever they occur in it, anchored on their longest word. */
  private final WordMatcher matcher;
  /** Navigation items, which mark a line only when they are all it holds. */
  private final WordMatcher navigation;
  private final List<String> navigationWords;
  private final WordMatcher.Union alone;
  private final Pattern[] patterns;
  private final int maxLineWords;

  public BoilerplateRemover(BoilerplateConfig config) {
    this.config = requireNonNull(config, "config");
    this.maxLineWords = config.maxLineWords();
    WordMatcher.Builder phrases = WordMatcher.builder().anchorOnLongestWord();
    WordMatcher.Builder items = WordMatcher.builder();
    List<String> itemWords = new ArrayList<>();
    for (String language : config.languages()) {
      addAll(phrases, items, itemWords, WordLists.shipped("boilerplate", language,
          BoilerplateConfig.SUPPORTED_LANGUAGES), "boilerplate-" + language + ".txt");
    }
    addAll(phrases, items, itemWords, config.extraPhrases(), "extraPhrases");
    if (config.copyrightLines()) {
      for (String word : List.of("copyright", "copyleft")) {
        phrases.add(word, false, COPYRIGHT, "copyright notice");
      }
    }
    this.matcher = phrases.build();
    this.navigation = items.build();
    this.navigationWords = List.copyOf(itemWords);
    this.alone = unionWith(List.of());
    List<String> extra = config.extraPatterns();
    this.patterns = new Pattern[extra.size()];
    for (int k = 0; k < patterns.length; k++) {
      patterns[k] = Pattern.compile(extra.get(k));
    }
  }

  private static void addAll(WordMatcher.Builder phrases, WordMatcher.Builder items,
      List<String> itemWords, List<String> entries, String source) {
    for (String entry : entries) {
      String[] tagged = WordLists.tag(entry);
      switch (tagged[0]) {
        case "":
          phrases.add(tagged[1], false, CONTAINS, source);
          break;
        case "line":
          items.add(tagged[1], false, LINE, source);
          itemWords.add(tagged[1]);
          break;
        case "any":
          phrases.add(tagged[1], false, ANY, source);
          break;
        default:
          throw new IllegalArgumentException("unknown tag [" + tagged[0] + "] in '" + entry
              + "' (" + source + "); known tags: [line], [any]");
      }
    }
  }

  /**
   * The phrases of this remover together with {@code others}, for {@link #apply(String, char[],
   * StageContext, WordMatcher.Union, Tally)}; build once and reuse.
   */
  WordMatcher.Union unionWith(List<WordMatcher> others) {
    List<WordMatcher> all = new ArrayList<>();
    all.add(matcher);
    all.addAll(others);
    return new WordMatcher.Union(all, navigationWords);
  }

  /** Created on first use: a static field would tie class initialization to BoilerplateConfig's. */
  private static final class DefaultHolder {
    static final BoilerplateRemover INSTANCE = new BoilerplateRemover(BoilerplateConfig.defaults());
  }

  /** A shared remover with the default configuration. */
  public static BoilerplateRemover withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public BoilerplateConfig config() {
    return config;
  }

  @Override
  public String name() {
    return BoilerplateConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    String cleaned = apply(text, context);
    if (cleaned != text && cleaned.isBlank()) {
      return Outcome.reject(REASON_ONLY_BOILERPLATE, "every line was boilerplate");
    }
    return Outcome.keep(document.withText(cleaned));
  }

  /** Removes the boilerplate lines of {@code text}; the same instance when there are none. */
  public String apply(String text) {
    return apply(text, StageContext.NONE);
  }

  String apply(String text, StageContext context) {
    return apply(text, null, context, null, null);
  }

  /**
   * Removes boilerplate lines while matching a second word list in the same pass over the words:
   * {@code withTallied} comes from {@link #unionWith} with that list (null for none), and
   * {@code tally} then holds the second list's matches and the word count over the lines that
   * are kept, exactly as if it had scanned the returned text. A tally with a mask also masks the
   * second list's matches, and a line that has any is judged in its masked form: the result is
   * exactly that of masking the whole text first and then removing boilerplate. {@code chars} are
   * the characters of {@code text} when the caller has them already, or null.
   */
  String apply(String text, char[] chars, StageContext context, WordMatcher.Union withTallied,
      Tally tally) {
    if (chars == null) {
      chars = text.toCharArray();
    }
    if (withTallied != null && withTallied.matchers[0] != matcher) {
      throw new IllegalArgumentException("the union must come from unionWith");
    }
    int n = text.length();
    Work work = WORK.get();
    LineState state = work.state;
    state.start(text);
    WordMatcher.Layers layers = withTallied == null ? work.layers(alone, null)
        : work.layers(withTallied, tally);
    Matcher[] regex = patterns.length == 0 ? null : new Matcher[patterns.length];
    // Most documents have no copyright sign at all; then no line needs looking at for one.
    state.copyrightSigns = config.copyrightLines() && hasCopyrightSigns(text);
    TextEditor editor = null;
    int removed = 0;
    int lineStart = 0;
    while (lineStart <= n) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = n;
      }
      int contentEnd = lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r'
          ? lineEnd - 1 : lineEnd;
      boolean boilerplate =
          isBoilerplate(text, chars, lineStart, contentEnd, state, layers, regex);
      int lineWords = state.words;
      boolean masked = tally != null && tally.mask != null && tally.lineMatches > 0;
      if (masked) {
        // Rare: judge the line as it will read once masked.
        String maskedLine = tally.maskLine(text, lineStart, contentEnd);
        LineState maskedState = new LineState();
        maskedState.start(maskedLine);
        maskedState.copyrightSigns = state.copyrightSigns;
        boilerplate = isBoilerplate(maskedLine, maskedLine.toCharArray(), 0,
            maskedLine.length(), maskedState, new WordMatcher.Layers(alone, maskedState),
            patterns.length == 0 ? null : new Matcher[patterns.length]);
        lineWords = maskedState.words;
      }
      if (boilerplate || masked) {
        if (editor == null) {
          editor = new TextEditor(text);
        }
        if (boilerplate) {
          if (lineStart >= editor.resumeAt()) {
            editor.deleteLine(lineStart, lineEnd);
            removed++;
          }
        } else {
          tally.applyMasks(text, editor);
        }
      }
      if (tally != null) {
        tally.endLine(!boilerplate, lineWords);
      }
      if (lineEnd == n) {
        break;
      }
      lineStart = lineEnd + 1;
    }
    if (editor == null) {
      return text;
    }
    context.count(COUNTER_REMOVED, removed);
    return editor.result();
  }

  private boolean isBoilerplate(String text, char[] chars, int from, int to, LineState state,
      WordMatcher.Layers layers, Matcher[] regex) {
    state.reset(to);
    int firstContent = from;
    while (firstContent < to && CharTables.classOf(chars[firstContent]) == CharTables.SPACE) {
      firstContent++;
    }
    if (firstContent == to) {
      return false;
    }
    int words = layers.scan(chars, text, firstContent, to);
    state.words = words;
    if (state.any) {
      return true;
    }
    if (words == 0) {
      if (config.separatorLines() && isSeparatorLine(text, firstContent, to)) {
        return true;
      }
    } else if (words <= maxLineWords) {
      if (state.contains || state.copyright) {
        return true;
      }
      // Every word may be a navigation word: check exactly that the items cover the line.
      if (layers.census() == words && navigationCovers(chars, text, firstContent, to, words,
          state)) {
        return true;
      }
      if (state.copyrightSigns && hasCopyrightSign(text, firstContent, to)) {
        return true;
      }
    }
    if (regex != null) {
      for (int k = 0; k < patterns.length; k++) {
        if (regex[k] == null) {
          regex[k] = patterns[k].matcher(text);
        }
        if (regex[k].region(from, to).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean navigationCovers(char[] chars, String text, int from, int to, int words,
      LineState state) {
    if (state.navigation == null || state.navigationOf != navigation) {
      state.navigation = new WordMatcher.Layers(navigation.alone(), state);
      state.navigationOf = navigation;
    }
    state.lineWords = 0;
    state.navigation.scan(chars, text, from, to);
    return state.lineWords == words;
  }

  /**
   * Counts the matches of another word list and the words, over the lines that are kept; with a
   * mask, also remembers each line's matches so they can be masked.
   */
  static final class Tally implements WordMatcher.Sink {
    private String mask;
    private int[] spans = new int[8];
    private int spanCount;
    private int lineMatches;
    /** Matches on the lines that are kept. */
    int keptMatches;
    /** Words on the lines that are kept. */
    int keptWords;
    /** Matches on all lines. */
    int allMatches;

    /** A tally that only counts. */
    Tally() {
      this(null);
    }

    /** A tally that also masks each word of each match with {@code mask}. */
    Tally(String mask) {
      this.mask = mask;
    }

    /** Empties this tally for another text, masking with {@code mask} (null: only counting). */
    void reset(String mask) {
      this.mask = mask;
      spanCount = 0;
      lineMatches = 0;
      keptMatches = 0;
      keptWords = 0;
      allMatches = 0;
    }

    @Override
    public void match(WordMatcher.Entry entry, int start, int end) {
      lineMatches++;
      allMatches++;
      if (mask != null) {
        if (spanCount * 2 == spans.length) {
          spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        }
        spans[spanCount * 2] = start;
        spans[spanCount * 2 + 1] = end;
        spanCount++;
      }
    }

    /** The line {@code [from, to)} with this line's matches masked. */
    String maskLine(String text, int from, int to) {
      String line = text.substring(from, to);
      TextEditor editor = new TextEditor(line);
      for (int k = 0; k < spanCount; k++) {
        OffensiveFilter.maskWords(line, spans[2 * k] - from, spans[2 * k + 1] - from, mask,
            editor);
      }
      return editor.result();
    }

    void applyMasks(String text, TextEditor editor) {
      for (int k = 0; k < spanCount; k++) {
        OffensiveFilter.maskWords(text, spans[2 * k], spans[2 * k + 1], mask, editor);
      }
    }

    void endLine(boolean kept, int words) {
      if (kept) {
        keptMatches += lineMatches;
        keptWords += words;
      }
      lineMatches = 0;
      spanCount = 0;
    }
  }

  /**
   * Only symbols, at least three, and not merely brackets and sentence punctuation: "});" closes
   * a code block and "[...]" marks an elision, while "-----" and "* * *" separate.
   */
  private static boolean isSeparatorLine(String text, int from, int to) {
    int visible = 0;
    boolean onlyPunctuation = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      byte cls = CharTables.classOf(c);
      if (cls == CharTables.SPACE || Character.isLowSurrogate(c)) {
        continue;
      }
      if (cls == CharTables.WORD) {
        return false;
      }
      visible++;
      if ("(){}[];,.:!?\u2026\"'".indexOf(c) < 0) {
        onlyPunctuation = false;
      }
    }
    return visible >= MIN_SEPARATOR_CHARS && !onlyPunctuation;
  }

  /**
   * Whether {@code text} has a '©', "(c)" or "(C)" anywhere: one search for each of '©' and '('
   * (searches for a character are vectorized, searches for a string are not).
   */
  private static boolean hasCopyrightSigns(String text) {
    if (text.indexOf('\u00A9') >= 0) {
      return true;
    }
    int n = text.length();
    for (int p = text.indexOf('('); p >= 0 && p + 2 < n; p = text.indexOf('(', p + 1)) {
      char c = text.charAt(p + 1);
      if ((c == 'c' || c == 'C') && text.charAt(p + 2) == ')') {
        return true;
      }
    }
    return false;
  }

  /** A '©' anywhere, or "(c)" followed by a year: "© Reuters", "(c) 2024 Acme". */
  private static boolean hasCopyrightSign(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\u00A9') {
        return true;
      }
      if (c == '(' && i + 2 < to && (text.charAt(i + 1) == 'c' || text.charAt(i + 1) == 'C')
          && text.charAt(i + 2) == ')' && yearFollows(text, i + 3, to)) {
        return true;
      }
    }
    return false;
  }

  /** True when, after spaces and an optional © or (c), a year from 1900 to 2099 follows. */
  static boolean yearFollows(String text, int i, int to) {
    while (i < to && (CharTables.classOf(text.charAt(i)) == CharTables.SPACE
        || text.charAt(i) == '\u00A9')) {
      i++;
    }
    if (i + 2 < to && text.charAt(i) == '(' && (text.charAt(i + 1) == 'c'
        || text.charAt(i + 1) == 'C') && text.charAt(i + 2) == ')') {
      i += 3;
      while (i < to && CharTables.classOf(text.charAt(i)) == CharTables.SPACE) {
        i++;
      }
    }
    if (i + 4 > to) {
      return false;
    }
    String century = text.substring(i, i + 2);
    if (!century.equals("19") && !century.equals("20")) {
      return false;
    }
    if (!Character.isDigit(text.charAt(i + 2)) || !Character.isDigit(text.charAt(i + 3))) {
      return false;
    }
    return i + 4 == to || !Character.isLetterOrDigit(text.charAt(i + 4));
  }

  /**
   * Scratch for one thread, reused from document to document so that a document costs no
   * allocation here: the line state and the scanners bound to it, for the last unions used.
   * Nothing in it outlives a call of {@code apply}, which never calls itself.
   */
  private static final class Work {
    final LineState state = new LineState();
    final Tally tally = new Tally();
    private WordMatcher.Union aloneUnion;
    private WordMatcher.Layers alone;
    private WordMatcher.Union talliedUnion;
    private WordMatcher.Layers tallied;

    /** Layers for {@code union} reporting to {@link #state} and, if not null, {@code tally}. */
    WordMatcher.Layers layers(WordMatcher.Union union, Tally tally) {
      if (tally == null) {
        if (aloneUnion != union) {
          alone = new WordMatcher.Layers(union, state);
          aloneUnion = union;
        }
        return alone;
      }
      if (tally != this.tally) {
        return new WordMatcher.Layers(union, state, tally);
      }
      if (talliedUnion != union) {
        tallied = new WordMatcher.Layers(union, state, tally);
        talliedUnion = union;
      }
      return tallied;
    }
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /**
   * An empty tally for the next {@link #apply(String, char[], StageContext, WordMatcher.Union,
   * Tally)} on this thread, masking with {@code mask} (null: only counting); valid until the
   * next such call on this thread.
   */
  Tally tally(String mask) {
    Tally tally = WORK.get().tally;
    tally.reset(mask);
    return tally;
  }

  /** What the matcher found on the current line; reset per text and per line. */
  private static final class LineState implements WordMatcher.Sink {
    private String text;
    private int lineEnd;
    boolean contains;
    boolean any;
    boolean copyright;
    int lineWords;
    int words;
    /** Whether the document has a '©', "(c)" or "(C)" anywhere. */
    boolean copyrightSigns;
    /** Scans a line for navigation items; made on the first line that needs it. */
    WordMatcher.Layers navigation;
    /** The list {@link #navigation} scans. */
    WordMatcher navigationOf;

    /** Starts on another text. */
    void start(String text) {
      this.text = text;
      copyrightSigns = false;
    }

    void reset(int lineEnd) {
      this.lineEnd = lineEnd;
      contains = false;
      any = false;
      copyright = false;
      lineWords = 0;
      words = 0;
    }

    @Override
    public void match(WordMatcher.Entry entry, int start, int end) {
      switch (entry.kind) {
        case CONTAINS:
          contains = true;
          break;
        case LINE:
          lineWords += entry.wordCount();
          break;
        case ANY:
          any = true;
          break;
        case COPYRIGHT:
          copyright |= yearFollows(text, end, lineEnd);
          break;
        default:
          throw new AssertionError(entry.kind);
      }
    }
  }
}
