package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.List;

/**
 * The {@code symbols} stage: removes runs of random symbols ("#$%&*@!~^^", "$$$$$", "=-=-=-=-",
 * "~~~~~~~", "!!!!!!!") while leaving ordinary punctuation alone.
 *
 * <p>A run is a maximal sequence of punctuation and symbol characters (emoji excluded). Runs
 * shorter than {@link SymbolsConfig#minRun()} are never touched, so "...", "?!", "--", "(e.g.)",
 * "$1,000" and emoticons stay. A longer run is noise when, without the punctuation that ends the
 * word before it, the opening and closing brackets and quotes at its edges and the brackets that
 * start the word after it, at least {@code minRun} characters remain, or when it repeats one
 * punctuation mark more than three times. Noise surrounded by white space is deleted; noise
 * attached to a word keeps that punctuation, shortened: "Wow!!!!!!!" becomes "Wow!",
 * "Wait......." becomes "Wait...", "Hi~~~~~." becomes "Hi.", "~~~~~(555)" keeps its "(". Runs
 * made only of brackets ("))))))" closing nested code) and runs inside URLs are kept.
 *
 * <p>Counts {@code symbol_runs_removed}. A document that consisted only of symbol runs is rejected
 * as {@code symbols_only}. Thread-safe.
 */
public final class SymbolRunRemover implements DocumentProcessor {
  public static final String COUNTER_REMOVED = "symbol_runs_removed";
  public static final String REASON_ONLY_SYMBOLS = "symbols_only";

  /** A punctuation mark repeated more than this many times in a row is noise. */
  private static final int MAX_REPEAT = 3;

  /** {@link #kinds}: a symbol that can be part of a run (class {@link CharTables#SYMBOL}). */
  private static final byte SYMBOL = 1;
  /** {@link #kinds}: a symbol that some marker starts with. */
  private static final byte MARKER_START = 2;
  /** {@link #kinds}: a surrogate, which may belong to a supplementary symbol. */
  private static final byte SURROGATE = 4;
  /**
   * {@link #kinds}: a character that ends any run and any marker before it: neither a symbol nor
   * a surrogate, and in no marker that starts with a symbol.
   */
  private static final byte BOUNDARY = 8;

  private final SymbolsConfig config;
  private final int minRun;
  private final String[] markers;
  /** Per BMP character, the flags above: one load instead of a class lookup and marker loop. */
  private final byte[] kinds;
  /** {@link #kinds} without markers. */
  private static final byte[] KINDS = new byte[0x10000];

  static {
    for (int c = 0; c < KINDS.length; c++) {
      byte cls = CharTables.classOf((char) c);
      KINDS[c] = cls == CharTables.SYMBOL ? SYMBOL
          : cls == CharTables.SURROGATE ? SURROGATE : BOUNDARY;
    }
  }

  public SymbolRunRemover(SymbolsConfig config) {
    this(config, List.of());
  }

  /**
   * A remover that treats {@code markers} (the placeholders and masks other parts of
   * {@link Cleaner} write, such as "[EMAIL]" or "****") as words: never part of a run, and
   * attached like words to the runs beside them, so that cleaning twice equals cleaning once.
   */
  SymbolRunRemover(SymbolsConfig config, List<String> markers) {
    this.config = requireNonNull(config, "config");
    this.minRun = config.minRun();
    this.markers = markers.stream().filter(m -> !m.isEmpty()).distinct().toArray(String[]::new);
    this.kinds = this.markers.length == 0 ? KINDS : KINDS.clone();
    for (String marker : this.markers) {
      char first = marker.charAt(0);
      // Only markers that start with a symbol, perhaps a supplementary one, are looked for.
      if ((kinds[first] & (SYMBOL | SURROGATE)) != 0) {
        kinds[first] |= MARKER_START;
        for (int k = 0; k < marker.length(); k++) {
          kinds[marker.charAt(k)] &= ~BOUNDARY;
        }
      }
    }
  }

  /** Created on first use: a static field would tie class initialization to SymbolsConfig's. */
  private static final class DefaultHolder {
    static final SymbolRunRemover INSTANCE = new SymbolRunRemover(SymbolsConfig.defaults());
  }

  /** A shared remover with the default configuration. */
  public static SymbolRunRemover withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public SymbolsConfig config() {
    return config;
  }

  @Override
  public String name() {
    return SymbolsConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    String cleaned = apply(text, context);
    if (cleaned != text && cleaned.isBlank() && !text.isBlank()) {
      return Outcome.reject(REASON_ONLY_SYMBOLS, "nothing left after removing symbol runs");
    }
    return Outcome.keep(document.withText(cleaned));
  }

  /** Removes the symbol runs in {@code text}; the same instance when there are none. */
  public String apply(String text) {
    return apply(text, StageContext.NONE);
  }

  String apply(String text, StageContext context) {
    char[] chars = text.toCharArray();
    long scanned = Triage.scanRuns(chars, minRun);
    if ((Triage.flags(scanned) & Triage.SYMBOL_RUN) == 0) {
      return text;
    }
    return apply(text, chars, context, Triage.firstRun(scanned));
  }

  /**
   * As {@link #apply(String)}; {@code chars} are the characters of {@code text}.
   *
   * <p>Only runs of at least {@code minRun} symbols can change anything, and ordinary text has
   * few. So a cheap loop looks for the next run of {@code minRun} symbols, or a surrogate (which
   * may be a supplementary symbol), and the exact scan below starts just after the last
   * {@link #BOUNDARY} character before it: there the exact scan from the start of the text
   * would be too, since no run or marker spans a boundary character and the shorter runs it
   * skipped change nothing. It runs on until the end of that stretch of symbols.
   *
   * <p>{@code firstRun} is where the first run of {@code minRun} symbols starts when the caller
   * knows it from {@link Triage#firstRun}, or -1.
   */
  String apply(String text, char[] chars, StageContext context, int firstRun) {
    final byte[] kinds = this.kinds;
    int n = chars.length;
    TextEditor editor = null;
    int removed = 0;
    int i = 0;
    int exactUntil = 0;
    while (i < n) {
      if (i >= exactUntil) {
        int candidate = firstRun >= 0 ? firstRun : nextCandidate(chars, i);
        firstRun = -1;
        if (candidate < 0) {
          break;
        }
        int end = candidate + 1;
        while (end < n && (kinds[chars[end]] & (SYMBOL | SURROGATE)) != 0) {
          end++;
        }
        exactUntil = end;
        int start = candidate;
        while (start > i && (kinds[chars[start - 1]] & BOUNDARY) == 0) {
          start--;
        }
        i = start;
      }
      char c = chars[i];
      int kind = kinds[c];
      if ((kind & SYMBOL) == 0 && !((kind & SURROGATE) != 0 && isSymbolAt(text, i))) {
        i++;
        continue;
      }
      int marker = (kind & MARKER_START) != 0 ? markerAt(text, i) : 0;
      if (marker > 0) {
        i += marker;
        continue;
      }
      int start = i;
      int length = 0;
      while (i < n) {
        int k = kinds[chars[i]];
        if ((k & SYMBOL) != 0 && ((k & MARKER_START) == 0 || markerAt(text, i) == 0)) {
          i++;
        } else if ((k & SURROGATE) != 0 && isSymbolAt(text, i)) {
          i += 2;
        } else {
          break;
        }
        length++;
      }
      if (length < minRun) {
        continue;
      }
      int end = i;
      boolean leftAttached = start > 0 && !isSpaceOrBreak(CharTables.classBefore(text, start));
      boolean rightAttached = end < n && !isSpaceOrBreak(CharTables.classAt(text, end));
      String kept = keptPart(text, start, end, leftAttached, rightAttached);
      if (kept == null || isInsideUrl(text, start, end)) {
        continue;
      }
      if (editor == null) {
        editor = new TextEditor(text);
      }
      removed++;
      if ((!leftAttached && !rightAttached) || kept.isEmpty()) {
        editor.delete(start, end);
        i = editor.resumeAt();
      } else {
        editor.replace(start, end, kept);
      }
    }
    if (editor == null) {
      return text;
    }
    context.count(COUNTER_REMOVED, removed);
    return editor.result();
  }

  /**
   * Where the first stretch of symbols from {@code from} on that holds {@code minRun} symbols in
   * a row or a surrogate starts (counting from {@code from} as a start), or -1.
   */
  private int nextCandidate(char[] chars, int from) {
    final byte[] kinds = this.kinds;
    final int minRun = this.minRun;
    int run = 0;
    for (int j = from; j < chars.length; j++) {
      int kind = kinds[chars[j]];
      // run + 1 after a symbol or surrogate, 0 after anything else.
      run = (run + 1) & -((kind | kind >>> 2) & 1);
      if (run >= minRun || (kind & SURROGATE) != 0) {
        return j - run + 1;
      }
    }
    return -1;
  }

  /** The length of the marker starting at {@code i}, or 0. */
  int markerAt(String text, int i) {
    for (String marker : markers) {
      if (text.charAt(i) == marker.charAt(0) && text.startsWith(marker, i)) {
        return marker.length();
      }
    }
    return 0;
  }

  static boolean isSymbolAt(String text, int i) {
    return CharTables.classOfCodePoint(Character.codePointAt(text, i)) == CharTables.SYMBOL;
  }

  static boolean isSpaceOrBreak(byte cls) {
    return cls == CharTables.SPACE || cls == CharTables.BREAK;
  }

  /**
   * Decides whether a run is noise and what of it survives. The run is read as: a head of
   * sentence punctuation and closing brackets or quotes ending the word before it ("word.~~~~~"),
   * opening brackets or quotes, a core, a tail of sentence punctuation and closing brackets or
   * quotes, and opening brackets or quotes that start the word after it ("~~~~~(555)"). The run
   * is noise when its core reaches {@code minRun} or it repeats one sentence mark more than three
   * times. Returns null for ordinary punctuation; otherwise everything but the core, with long
   * repetitions shortened ("!!!!!!" to "!", "......" to "..."), which a second look finds in
   * order.
   */
  String keptPart(String text, int start, int end, boolean leftAttached,
      boolean rightAttached) {
    int headEnd = start;
    if (leftAttached) {
      while (headEnd < end && isTail(text.charAt(headEnd))) {
        headEnd++;
      }
    }
    int openerStart = end;
    if (rightAttached) {
      while (openerStart > headEnd && isOpening(text.charAt(openerStart - 1))) {
        openerStart--;
      }
    }
    int tailStart = openerStart;
    while (tailStart > headEnd && isTail(text.charAt(tailStart - 1))) {
      tailStart--;
    }
    int leadEnd = headEnd;
    while (leadEnd < tailStart && isOpening(text.charAt(leadEnd))) {
      leadEnd++;
    }
    int core = Character.codePointCount(text, leadEnd, tailStart);
    if (core < minRun && longestRepeat(text, start, end) <= MAX_REPEAT) {
      return null;
    }
    String kept = text.substring(start, leadEnd) + text.substring(tailStart, end);
    return shortenRepeats(kept);
  }

  /** Shortens a sentence mark repeated more than three times: "!!!!" to "!", "...." to "...". */
  private static String shortenRepeats(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int j = 0; j < s.length(); ) {
      char c = s.charAt(j);
      int k = j;
      while (k < s.length() && s.charAt(k) == c) {
        k++;
      }
      if (k - j > MAX_REPEAT && isSentenceMark(c)) {
        b.append(c == '.' ? "..." : String.valueOf(c));
      } else {
        b.append(s, j, k);
      }
      j = k;
    }
    return b.toString();
  }

  /** The longest repetition of one sentence mark in {@code [from, to)}. */
  private static int longestRepeat(String text, int from, int to) {
    int longest = 0;
    for (int j = from; j < to; ) {
      char c = text.charAt(j);
      int k = j;
      while (k < to && text.charAt(k) == c) {
        k++;
      }
      if (isSentenceMark(c)) {
        longest = Math.max(longest, k - j);
      }
      j = k;
    }
    return longest;
  }

  /**
   * True when the run sits inside a URL ("https://", "?a=1&&&&&b=2") rather than at its edge,
   * where noise can still be glued on. E-mail addresses need no such care: their runs are one
   * character long.
   */
  static boolean isInsideUrl(String text, int start, int end) {
    if (start == 0 || end == text.length()
        || CharTables.classBefore(text, start) != CharTables.WORD
        || CharTables.classAt(text, end) != CharTables.WORD) {
      return false;
    }
    int from = start;
    while (from > 0 && !isSpaceOrBreak(CharTables.classOf(text.charAt(from - 1)))) {
      from--;
    }
    int to = end;
    while (to < text.length() && !isSpaceOrBreak(CharTables.classOf(text.charAt(to)))) {
      to++;
    }
    String token = text.substring(from, to);
    return token.contains("://") || token.startsWith("www.");
  }

  /** Sentence punctuation and closing brackets or quotes, which may end a run legitimately. */
  private static boolean isTail(char c) {
    switch (c) {
      case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
      case '"': case '\'': case '\u2026': case '\u201D': case '\u2019': case '\u00BB':
      case '\u203A': case '\u3002': case '\u3001': case '\uFF01': case '\uFF1F':
        return true;
      default:
        return false;
    }
  }

  /** Opening brackets and quotes, which may start a run legitimately. */
  private static boolean isOpening(char c) {
    switch (c) {
      case '(': case '[': case '{': case '"': case '\'': case '\u201C': case '\u2018':
      case '\u00AB': case '\u2039': case '\u00BF': case '\u00A1': case '\u201E':
        return true;
      default:
        return false;
    }
  }

  private static boolean isSentenceMark(char c) {
    switch (c) {
      case '.': case ',': case ';': case ':': case '!': case '?': case '\u2026': case '\u3002':
      case '\uFF01': case '\uFF1F':
        return true;
      default:
        return false;
    }
  }
}
