package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;

/**
 * The {@code symbols} stage: removes runs of random symbols ("#$%&*@!~^^", "$$$$$", "=-=-=-=-",
 * "~~~~~~~", "!!!!!!!") while leaving ordinary punctuation alone.
 *
 * <p>A run is a maximal sequence of punctuation and symbol characters (emoji excluded). Runs shorter
 * than {@link SymbolsConfig#minRun()} are never touched, so "...", "?!", "--", "(e.g.)", "$1,000" and
 * emoticons stay. A longer run is split into opening brackets and quotes, a core, and a tail of
 * sentence punctuation and closing brackets or quotes; it is noise when its core is at least
 * {@code min_run} long or its tail repeats one punctuation mark more than three times. Noise
 * surrounded by white space is deleted; noise attached to a word keeps its sentence punctuation,
 * shortened: "Wow!!!!!!!" becomes "Wow!", "Wait......." becomes "Wait...", "Hi~~~~~." becomes
 * "Hi.". Runs made only of brackets ("))))))" closing nested code) and runs inside URLs and e-mail
 * addresses are kept.
 *
 * <p>Counts {@code symbol_runs_removed}. A document that consisted only of symbol runs is rejected
 * as {@code symbols_only}. Thread-safe.
 */
public final class SymbolRunRemover implements DocumentProcessor {
  public static final String COUNTER_REMOVED = "symbol_runs_removed";
  public static final String REASON_ONLY_SYMBOLS = "symbols_only";

  /** A punctuation mark repeated more than this many times in a row is noise. */
  private static final int MAX_REPEAT = 3;

  private final SymbolsConfig config;
  private final int minRun;

  public SymbolRunRemover(SymbolsConfig config) {
    this.config = requireNonNull(config, "config");
    this.minRun = config.minRun();
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
    if ((Triage.scan(chars, minRun) & Triage.SYMBOL_RUN) == 0) {
      return text;
    }
    return apply(text, chars, context);
  }

  /** As {@link #apply(String)}; {@code chars} are the characters of {@code text}. */
  String apply(String text, char[] chars, StageContext context) {
    int n = chars.length;
    TextEditor editor = null;
    int removed = 0;
    int i = 0;
    while (i < n) {
      char c = chars[i];
      byte cls = CharTables.classOf(c);
      if (cls != CharTables.SYMBOL && !(cls == CharTables.SURROGATE && isSymbolAt(text, i))) {
        i++;
        continue;
      }
      int start = i;
      int length = 0;
      while (i < n) {
        char d = chars[i];
        byte k = CharTables.classOf(d);
        if (k == CharTables.SYMBOL) {
          i++;
        } else if (k == CharTables.SURROGATE && isSymbolAt(text, i)) {
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
      String kept = keptPart(text, start, end);
      if (kept == null || isInsideUrlOrEmail(text, start, end)) {
        continue;
      }
      if (editor == null) {
        editor = new TextEditor(text);
      }
      removed++;
      boolean standalone = (start == 0 || isSpaceOrBreak(CharTables.classBefore(text, start)))
          && (end == n || isSpaceOrBreak(CharTables.classAt(text, end)));
      if (standalone || kept.isEmpty()) {
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

  private static boolean isSymbolAt(String text, int i) {
    return CharTables.classOfCodePoint(Character.codePointAt(text, i)) == CharTables.SYMBOL;
  }

  private static boolean isSpaceOrBreak(byte cls) {
    return cls == CharTables.SPACE || cls == CharTables.BREAK;
  }

  /**
   * For a noise run, what of it survives when it is attached to a word: its opening brackets and
   * quotes and its shortened sentence punctuation (possibly empty). Null when the run is ordinary
   * punctuation and stays as it is.
   */
  private String keptPart(String text, int start, int end) {
    int tailStart = end;
    while (tailStart > start && isTail(text.charAt(tailStart - 1))) {
      tailStart--;
    }
    int leadEnd = start;
    while (leadEnd < tailStart && isOpening(text.charAt(leadEnd))) {
      leadEnd++;
    }
    int core = Character.codePointCount(text, leadEnd, tailStart);
    if (core < minRun && longestRepeat(text, tailStart, end) <= MAX_REPEAT) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    kept.append(text, start, leadEnd);
    // Shorten each over-long repetition of a sentence mark: "!!!!!!" -> "!", "......" -> "...".
    for (int j = tailStart; j < end; ) {
      char c = text.charAt(j);
      int k = j;
      while (k < end && text.charAt(k) == c) {
        k++;
      }
      if (k - j > MAX_REPEAT && isSentenceMark(c)) {
        kept.append(c == '.' ? "..." : String.valueOf(c));
      } else {
        kept.append(text, j, k);
      }
      j = k;
    }
    return kept.toString();
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
   * True when the run sits inside a URL or an e-mail address ("https://", "?a=1&b=2", "a.b@c.d")
   * rather than at its edge, where noise can still be glued on.
   */
  private static boolean isInsideUrlOrEmail(String text, int start, int end) {
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
    return token.contains("://") || token.contains("www.") || token.indexOf('@') >= 0;
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
