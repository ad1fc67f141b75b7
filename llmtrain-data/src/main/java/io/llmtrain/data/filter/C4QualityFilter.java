package io.llmtrain.data.filter;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * C4's line rules, as datatrove's {@code C4QualityFilter} applies them: the text is split into
 * lines (Python's {@code splitlines}), each line is stripped and then, in this order,
 *
 * <ol>
 *   <li>dropped if one of its whitespace-separated words is longer than maxWordLength;
 *   <li>cleared of citation marks ("[12]", "[]", "[edit]", "[citation needed]");
 *   <li>dropped unless it ends in '.', '?', '!', '"' or '\'' (a final "..." does not count);
 *   <li>dropped if it has fewer than minWordsPerLine words (counted before citation removal);
 *   <li>the document is rejected ({@code c4_lorem_ipsum}) if the line contains "lorem ipsum";
 *   <li>dropped if it mentions "javascript";
 *   <li>the document is rejected ({@code c4_curly_bracket}) if the line contains '{';
 *   <li>dropped if it contains "terms of use", "privacy policy", "cookie policy", "uses
 *       cookies", "use of cookies" or "use cookies";
 *   <li>otherwise kept, and its sentences counted.
 * </ol>
 *
 * <p>Phrases match in any case. Note what the order implies, as in datatrove: "lorem ipsum" or a
 * '{' only reject the document when they sit in a line that survived the earlier rules (a line
 * of code without final punctuation is simply dropped). A document whose kept lines hold fewer
 * than minSentences sentences is rejected ({@code c4_too_few_sentences}); otherwise its text
 * becomes the kept lines joined by '\n', stripped. The same document is returned when that
 * changes nothing. Sentences are counted as spaCy's sentencizer does ({@link SentenceCounter}).
 *
 * <p>Counters: {@code c4_lines_dropped_<rule>} for each rule that dropped lines.
 *
 * <p>Thread-safe.
 */
public final class C4QualityFilter implements DocumentProcessor {
  private static final String[] POLICY_PHRASES = {"terms of use", "privacy policy"};
  private static final String[] COOKIE_PHRASES =
      {"cookie policy", "uses cookies", "use of cookies", "use cookies"};

  private final C4Config config;

  public C4QualityFilter(C4Config config) {
    this.config = config;
  }

  public C4QualityFilter() {
    this(C4Config.defaults());
  }

  public C4Config config() {
    return config;
  }

  @Override
  public String name() {
    return C4Config.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    try (TextAnalysis analysis = TextAnalysis.open(document.text())) {
      return apply(document, analysis, false, context);
    }
  }

  /**
   * Applies the rules; {@code sharedTokens} says whether {@code analysis} may be tokenized as a
   * whole (another rule needs its tokens too) rather than line by line.
   */
  Outcome apply(Document document, TextAnalysis analysis, boolean sharedTokens,
      StageContext context) {
    C4Config c = config;
    String text = document.text();
    char[] chars = analysis.chars();
    Lowered lowered = new Lowered(text, chars, analysis.latin1());
    Occurrences lorem = new Occurrences(lowered, "lorem ipsum");
    Occurrences javascript = new Occurrences(lowered, "javascript");
    Occurrences curly = new Occurrences(text, "{");
    Occurrences bracket = new Occurrences(text, "[");
    Occurrences cookie = new Occurrences(lowered, "cookie");
    Occurrences[] policies = new Occurrences[POLICY_PHRASES.length];
    for (int i = 0; i < policies.length; i++) {
      policies[i] = new Occurrences(lowered, POLICY_PHRASES[i]);
    }
    WordTokenizer.Tokens tokens = sharedTokens || analysis.hasTokens() ? analysis.tokens() : null;
    int tokenCursor = 0;
    WordTokenizer.Tokens lineTokens = null;

    KeptLines kept = new KeptLines();
    boolean changed = false;
    int sentences = 0;
    int[] dropped = new int[DROP_REASONS.length];

    int n = text.length();
    int lines = analysis.lineCount();
    if (lines > 0 && analysis.lineEnd(lines - 1) < n) {
      changed = true; // a final line break, which joining does not give back
    }
    for (int li = 0; li < lines; li++) {
      int lineStart = analysis.lineStart(li);
      int breakAt = analysis.lineEnd(li);
      if (breakAt < n && (text.charAt(breakAt) != '\n'
          || (li + 1 < lines && analysis.lineStart(li + 1) != breakAt + 1))) {
        changed = true; // a line break other than a single '\n'
      }
      int a = PyText.stripStart(chars, lineStart, breakAt);
      int b = PyText.stripEnd(chars, a, breakAt);
      if (a != lineStart || b != breakAt) {
        changed = true;
      }

      // Words of the stripped line, before citation removal.
      boolean tooLong = false;
      int words;
      if (c.maxWordLength() > 0 && b - a > c.maxWordLength()) {
        long packed = wordsAndLongest(chars, a, b);
        words = (int) (packed >>> 32);
        tooLong = (int) packed > c.maxWordLength();
      } else {
        words = countWords(chars, a, b, c.minWordsPerLine());
      }
      if (tooLong) {
        dropped[LONG_WORD]++;
        changed = true;
        continue;
      }
      String line = null; // non-null when citation removal changed the line
      if (c.removeCitations()) {
        // Most lines have no '[': look for the next one once, not once per line.
        line = bracket.within(a, b) ? removeCitations(text, a, b) : null;
      }
      if (c.dropLinesWithoutTerminalPunctuation()
          && !(line == null ? endsWithTerminal(text, a, b)
              : endsWithTerminal(line, 0, line.length()))) {
        dropped[NO_TERMINAL]++;
        changed = true;
        continue;
      }
      if (words < c.minWordsPerLine()) {
        dropped[TOO_FEW_WORDS]++;
        changed = true;
        continue;
      }
      String lineLower = line == null ? null : line.toLowerCase(Locale.ROOT);
      if (c.rejectLoremIpsum() && (line == null
          ? (lowered.aligned() ? lorem.within(a, b)
              : lowered.line(a, b).contains("lorem ipsum"))
          : lineLower.contains("lorem ipsum"))) {
        count(context, dropped);
        return Outcome.reject("c4_lorem_ipsum", "a line contains \"lorem ipsum\"");
      }
      if (c.dropJavascriptLines() && (line == null
          ? (lowered.aligned() ? javascript.within(a, b)
              : lowered.line(a, b).contains("javascript"))
          : lineLower.contains("javascript"))) {
        dropped[JAVASCRIPT]++;
        changed = true;
        continue;
      }
      if (c.rejectCurlyBracket() && (line == null ? curly.within(a, b) : line.indexOf('{') >= 0)) {
        count(context, dropped);
        return Outcome.reject("c4_curly_bracket", "a line contains '{'");
      }
      if (c.dropPolicyLines() && mentionsPolicy(line, lineLower, lowered, cookie, policies, a, b)) {
        dropped[POLICY]++;
        changed = true;
        continue;
      }
      // Kept.
      if (c.minSentences() > 0 && sentences < c.minSentences()) {
        if (line == null && tokens != null) {
          while (tokenCursor < tokens.count && tokens.start[tokenCursor] < a) {
            tokenCursor++;
          }
          int end = tokenCursor;
          while (end < tokens.count && tokens.end[end] <= b) {
            end++;
          }
          sentences += SentenceCounter.count(tokens, tokenCursor, end);
          tokenCursor = end;
        } else {
          if (lineTokens == null) {
            lineTokens = new WordTokenizer.Tokens();
          }
          if (line == null) {
            lineTokens.reset(text, analysis.chars());
            WordTokenizer.tokenize(a, b, lineTokens);
          } else {
            lineTokens.reset(line, line.toCharArray());
            WordTokenizer.tokenize(0, line.length(), lineTokens);
          }
          sentences += lineTokens.count == 0 ? 1 : SentenceCounter.count(lineTokens, 0,
              lineTokens.count);
        }
      }
      if (line != null) {
        changed = true;
      }
      kept.add(a, b, line);
    }
    count(context, dropped);
    if (sentences < c.minSentences()) {
      return Outcome.reject("c4_too_few_sentences",
          sentences + " sentences in kept lines < " + c.minSentences());
    }
    if (!changed) {
      // Nothing dropped, stripped or edited, and every line break a single '\n': joining the
      // lines gives the text back.
      return Outcome.keep(document);
    }
    return Outcome.keep(document.withText(kept.join(text)));
  }

  /** The kept lines: ranges of the text, or replacement strings where citations were removed. */
  private static final class KeptLines {
    private int count;
    private int[] ranges = new int[32];
    private String[] edited;

    void add(int a, int b, String line) {
      if (2 * count + 2 > ranges.length) {
        ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
      }
      ranges[2 * count] = a;
      ranges[2 * count + 1] = b;
      if (line != null) {
        if (edited == null || edited.length < ranges.length / 2) {
          edited = edited == null ? new String[ranges.length / 2]
              : java.util.Arrays.copyOf(edited, ranges.length / 2);
        }
        edited[count] = line;
      }
      count++;
    }

    /** datatrove's {@code "\n".join(kept_lines).strip()}. */
    String join(String text) {
      StringBuilder out = new StringBuilder(text.length());
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          out.append('\n');
        }
        String line = edited != null && i < edited.length ? edited[i] : null;
        if (line != null) {
          out.append(line);
        } else {
          out.append(text, ranges[2 * i], ranges[2 * i + 1]);
        }
      }
      int from = PyText.stripStart(out, 0, out.length());
      int to = PyText.stripEnd(out, from, out.length());
      return out.substring(from, to);
    }
  }

  private static final int LONG_WORD = 0;
  private static final int NO_TERMINAL = 1;
  private static final int TOO_FEW_WORDS = 2;
  private static final int JAVASCRIPT = 3;
  private static final int POLICY = 4;
  private static final String[] DROP_REASONS = {"c4_lines_dropped_long_word",
      "c4_lines_dropped_no_terminal_punctuation", "c4_lines_dropped_too_few_words",
      "c4_lines_dropped_javascript", "c4_lines_dropped_policy"};

  private static void count(StageContext context, int[] dropped) {
    for (int i = 0; i < dropped.length; i++) {
      if (dropped[i] > 0) {
        context.count(DROP_REASONS[i], dropped[i]);
      }
    }
  }

  private static boolean mentionsPolicy(String line, String lineLower, Lowered lowered,
      Occurrences cookie, Occurrences[] policies, int a, int b) {
    if (line != null || !lowered.aligned()) {
      String l = line != null ? lineLower : lowered.line(a, b);
      for (String p : POLICY_PHRASES) {
        if (l.contains(p)) {
          return true;
        }
      }
      for (String p : COOKIE_PHRASES) {
        if (l.contains(p)) {
          return true;
        }
      }
      return false;
    }
    for (Occurrences p : policies) {
      if (p.within(a, b)) {
        return true;
      }
    }
    if (cookie.within(a, b)) {
      // Rare: look at the line itself for the cookie phrases.
      String l = lowered.text().substring(a, b);
      for (String p : COOKIE_PHRASES) {
        if (l.contains(p)) {
          return true;
        }
      }
    }
    return false;
  }

  /** C4's terminal punctuation: '.', '?', '!', '"' or '\'' at the end, but not "...". */
  static boolean endsWithTerminal(String s, int a, int b) {
    if (b <= a) {
      return false;
    }
    char last = s.charAt(b - 1);
    if (last == '.') {
      return !(b - a >= 3 && s.charAt(b - 2) == '.' && s.charAt(b - 3) == '.');
    }
    return last == '?' || last == '!' || last == '"' || last == '\'';
  }

  /**
   * The line with citation marks removed ("[12]", "[]", "[edit]", "[citation needed]", digits
   * being any Unicode decimal digits as Python's {@code \d}), or null when it has none.
   */
  static String removeCitations(String s, int a, int b) {
    int bracket = s.indexOf('[', a);
    if (bracket < 0 || bracket >= b) {
      return null;
    }
    StringBuilder out = null;
    int copied = a;
    int i = bracket;
    while (i < b) {
      if (s.charAt(i) != '[') {
        i++;
        continue;
      }
      int end = citationEnd(s, i, b);
      if (end < 0) {
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(b - a);
      }
      out.append(s, copied, i);
      copied = end;
      i = end;
    }
    if (out == null) {
      return null;
    }
    out.append(s, copied, b);
    return out.toString();
  }

  private static int citationEnd(String s, int open, int b) {
    int i = open + 1;
    while (i < b) {
      int cp = s.codePointAt(i);
      if (!Character.isDigit(cp)) {
        break;
      }
      i += Character.charCount(cp);
    }
    if (i < b && s.charAt(i) == ']') {
      return i + 1;
    }
    for (String word : new String[] {"edit]", "citation needed]"}) {
      if (b - (open + 1) >= word.length() && s.startsWith(word, open + 1)) {
        return open + 1 + word.length();
      }
    }
    return -1;
  }

  /** Python's {@code len(line.split())}, counting no further than {@code enough}. */
  static int countWords(char[] s, int a, int b, int enough) {
    byte[] kinds = CharClasses.KIND;
    int words = 0;
    boolean inWord = false;
    for (int i = a; i < b && words < enough; i++) {
      boolean space = (kinds[s[i]] & CharClasses.SPACE) != 0;
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** Word count (high 32 bits) and longest word in code points (low 32 bits) of a line. */
  static long wordsAndLongest(char[] s, int a, int b) {
    byte[] kinds = CharClasses.KIND;
    int words = 0;
    int longest = 0;
    int i = a;
    while (i < b) {
      while (i < b && (kinds[s[i]] & CharClasses.SPACE) != 0) {
        i++;
      }
      if (i >= b) {
        break;
      }
      int start = i;
      while (i < b && (kinds[s[i]] & CharClasses.SPACE) == 0) {
        i++;
      }
      words++;
      longest = Math.max(longest, Character.codePointCount(s, start, i - start));
    }
    return ((long) words << 32) | longest;
  }

  /**
   * The text in lower case, aligned index for index with the original when possible, made when
   * first needed. Only the presence of lower-case ASCII phrases is ever asked of it, so where
   * every character lowers to one character it is the text folded by {@link #FOLD}: each
   * character replaced by its lower case when that is an ASCII letter or a space, by NUL
   * otherwise. A phrase occurs in that exactly where it occurs in the real lower case, and
   * folding is one table lookup per character where {@code toLowerCase} is several.
   */
  private static final class Lowered {
    final String original;
    private final char[] chars;
    private final byte[] latin1; // the characters as bytes, when all are below U+0100
    private String text;
    private boolean aligned;

    Lowered(String original, char[] chars, byte[] latin1) {
      this.original = original;
      this.chars = chars;
      this.latin1 = latin1;
    }

    String text() {
      if (text == null) {
        lower();
      }
      return text;
    }

    boolean aligned() {
      if (text == null) {
        lower();
      }
      return aligned;
    }

    private void lower() {
      int n = original.length();
      byte[] folded = new byte[n];
      byte[] fold = FOLD;
      int any = 0;
      int i = 0;
      if (latin1 != null) {
        // Latin-1 characters all lower to one character, none of them to ASCII but the
        // letters: eight at a time.
        for (; i + 8 <= n; i += 8) {
          Swar.store(folded, i, Swar.fold(Swar.load(latin1, i)));
        }
      }
      for (; i < n; i++) {
        byte f = fold[chars[i]];
        any |= f;
        folded[i] = f;
      }
      if (any < 0) {
        // A character whose lower case is not one character of its own: lower the text.
        String lower = original.toLowerCase(Locale.ROOT);
        // A few characters change length in lower case (U+0130); then work line by line.
        aligned = lower.length() == original.length();
        text = aligned ? lower : original;
        return;
      }
      aligned = true;
      text = new String(folded, StandardCharsets.ISO_8859_1);
    }

    String line(int a, int b) {
      return original.substring(a, b).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Per BMP character: its lower case ({@link String#toLowerCase} in the root locale) when that
   * is an ASCII letter or a space, 0 when it is any other single character, -1 when it is not a
   * single character or depends on more than the character (surrogates, which pair into code
   * points, and U+0130, whose lower case has two characters).
   */
  private static final byte[] FOLD = fold();

  private static byte[] fold() {
    byte[] fold = new byte[0x10000];
    for (int c = 0; c < fold.length; c++) {
      if (Character.isSurrogate((char) c)) {
        fold[c] = -1;
        continue;
      }
      String lower = String.valueOf((char) c).toLowerCase(Locale.ROOT);
      if (lower.length() != 1) {
        fold[c] = -1;
      } else {
        char l = lower.charAt(0);
        fold[c] = (byte) (l == ' ' || (l >= 'a' && l <= 'z') ? l : 0);
      }
    }
    return fold;
  }

  /** Finds a phrase's occurrences in order, each search starting where lines have got to. */
  private static final class Occurrences {
    private final Lowered lowered; // the haystack's source until it is made
    private String haystack;
    private final String needle;
    private int next = -2; // -2: not searched yet; -1: no more occurrences

    Occurrences(String haystack, String needle) {
      this.lowered = null;
      this.haystack = haystack;
      this.needle = needle;
    }

    Occurrences(Lowered lowered, String needle) {
      this.lowered = lowered;
      this.needle = needle;
    }

    boolean within(int a, int b) {
      if (next == -1) {
        return false;
      }
      if (next < a) {
        if (haystack == null) {
          haystack = lowered.text();
        }
        next = haystack.indexOf(needle, a);
        if (next < 0) {
          next = -1;
          return false;
        }
      }
      return next + needle.length() <= b;
    }
  }
}
