package io.llmtrain.data.filter;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.filter.GopherRepetitionConfig.NGramLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The quality filters as they were before their speed-up (commit 92a86ec), kept verbatim apart
 * from the class names: the implementation whose parity with datatrove was checked rule by rule.
 * {@link QualityFilterParityTest} runs it against the optimised filters, which must give the
 * same outcome (reason, detail and kept text) on every document.
 */
final class ReferenceFilters {
  private ReferenceFilters() {
  }

  /** FilterSupport.fmt as it was: a measured value, at most four decimals, no trailing zeros. */
  static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString();
  }

  /**
   * Python's notions of whitespace, line breaks and string length, which the datatrove rules are
   * written in terms of ({@code str.isspace}, {@code str.splitlines}, {@code str.strip},
   * {@code len}). Java's own definitions differ (for example {@code Character.isWhitespace} excludes
   * the no-break space, {@code String.length} counts UTF-16 units), so the filters use these.
   */
  static final class RefPyText {
    private RefPyText() {
    }

    /** Python's {@code str.isspace} for one character; every such character is in the BMP. */
    static boolean isSpace(char c) {
      if (c <= ' ') {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
      }
      if (c < 0x85) {
        return false;
      }
      return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a)
          || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /**
     * A line boundary for Python's {@code str.splitlines} ({@code \r\n} is one boundary of two
     * characters, handled by the callers).
     */
    static boolean isLineBreak(char c) {
      if (c <= '\r') {
        return c >= '\n';
      }
      return c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** First index in [from, to) that is not Python whitespace, or {@code to}. */
    static int stripStart(CharSequence s, int from, int to) {
      while (from < to && isSpace(s.charAt(from))) {
        from++;
      }
      return from;
    }

    /** One past the last index in [from, to) that is not Python whitespace, or {@code from}. */
    static int stripEnd(CharSequence s, int from, int to) {
      while (to > from && isSpace(s.charAt(to - 1))) {
        to--;
      }
      return to;
    }

    /** Python's {@code str.count(sub)}: non-overlapping occurrences, scanning left to right. */
    static int count(String text, String sub) {
      int n = 0;
      int at = text.indexOf(sub);
      while (at >= 0) {
        n++;
        at = text.indexOf(sub, at + sub.length());
      }
      return n;
    }

    /** Occurrences of one character. */
    static int count(String text, char c) {
      int n = 0;
      int at = text.indexOf(c);
      while (at >= 0) {
        n++;
        at = text.indexOf(c, at + 1);
      }
      return n;
    }
  }

  /**
   * Splits text into words the way datatrove counts them. datatrove's word tokenizer for English
   * (and, by its assignment table, Portuguese, Spanish, French and German) is spaCy's blank
   * rule-based tokenizer; this class reimplements its algorithm:
   *
   * <ol>
   *   <li>Split on whitespace (Python's {@code str.isspace}); whitespace never becomes a word
   *       (datatrove strips whitespace tokens).
   *   <li>For each chunk, repeatedly split off one prefix (opening punctuation, quotes, currency,
   *       symbols, dot runs) and one suffix (closing punctuation, quotes, "'s", a period after a
   *       lower-case letter or digit, units and currency after a number), stopping as soon as the
   *       rest is a special case ({@link TokenizerExceptions}).
   *   <li>Keep what is left whole if it is a special case (contractions are split into their
   *       pieces) or looks like a URL or e-mail address; otherwise split it at infixes: dot runs,
   *       hyphens between letters ("well-known" is three tokens), commas between letters, a period
   *       between a lower-case and an upper-case letter, "/:<>=" before a letter, arithmetic signs
   *       between digits, symbols.
   * </ol>
   *
   * <p>Deviations from spaCy, all rare in prose: emoticons are not special cases (":)" is two
   * tokens, not one), the URL test leaves out IP addresses, the letter classes are Unicode's rather
   * than spaCy's list of scripts, and spaCy's second pass that rematches special cases spanning
   * several tokens is not done.
   *
   * <p>Works on a {@code char[]} copy of the text (faster to scan than {@code String.charAt}).
   * Stateless and thread-safe.
   */
  static final class RefWordTokenizer {
    private RefWordTokenizer() {
    }

    /**
     * Tokens as [start, end) character ranges of one text, with each token's {@link
     * String#hashCode()} and whether it is plain ASCII letters. Reusable; not thread-safe.
     */
    static final class Tokens {
      String text;
      char[] chars;
      int count;
      int[] start;
      int[] end;
      int[] hash;
      boolean[] letters;

      Tokens() {
        this(64);
      }

      Tokens(int capacity) {
        start = new int[capacity];
        end = new int[capacity];
        hash = new int[capacity];
        letters = new boolean[capacity];
      }

      /** Empties this for tokens of {@code newText}, whose characters {@code newChars} holds. */
      void reset(String newText, char[] newChars) {
        text = newText;
        chars = newChars;
        count = 0;
      }

      private void grow() {
        int n = count * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        hash = Arrays.copyOf(hash, n);
        letters = Arrays.copyOf(letters, n);
      }

      /** Adds a token of ASCII letters whose hash is known. */
      void addLetters(int s, int e, int h) {
        if (count == start.length) {
          grow();
        }
        start[count] = s;
        end[count] = e;
        hash[count] = h;
        letters[count] = true;
        count++;
      }

      void add(int s, int e) {
        if (count == start.length) {
          grow();
        }
        char[] c = chars;
        int h = 0;
        boolean allLetters = true;
        for (int i = s; i < e; i++) {
          char ch = c[i];
          h = 31 * h + ch;
          allLetters &= ch < 0x80 && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z';
        }
        start[count] = s;
        end[count] = e;
        hash[count] = h;
        letters[count] = allLetters;
        count++;
      }

      String token(int i) {
        return text.substring(start[i], end[i]);
      }
    }

    /** Tokenizes all of {@code text}. */
    static Tokens tokenize(String text) {
      return tokenize(text, text.toCharArray());
    }

    /** Tokenizes all of {@code text}, whose characters {@code chars} holds. */
    static Tokens tokenize(String text, char[] chars) {
      Tokens out = new Tokens(text.length() / 4 + 16);
      out.reset(text, chars);
      tokenize(0, text.length(), out);
      return out;
    }

    /** Appends the tokens of {@code [from, to)} of {@code out}'s text to {@code out}. */
    static void tokenize(int from, int to, Tokens out) {
      char[] c = out.chars;
      int i = from;
      int[] affixes = null; // prefix and suffix stacks of one chunk
      while (i < to) {
        char ch = c[i];
        if (ch == ' ' || RefPyText.isSpace(ch)) {
          i++;
          continue;
        }
        int s = i;
        // Scan the chunk, noting whether it is plain ASCII letters (no affix or infix can apply)
        // or ASCII letters and one final mark such as "word," (the next commonest shape), and
        // hashing it for the special-case lookup.
        int letters = 0; // leading ASCII letters
        int hash = 0;
        int hashBeforeLast = 0;
        while (i < to) {
          ch = c[i];
          if (ch <= ' ' || ch >= 0x80) {
            if (RefPyText.isSpace(ch)) {
              break;
            }
          } else if (letters == i - s && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') {
            letters++;
          }
          hashBeforeLast = hash;
          hash = 31 * hash + ch;
          i++;
        }
        int length = i - s;
        int[] pieces = length <= TokenizerExceptions.MAX_LENGTH
            ? TokenizerExceptions.lookup(c, s, i, hash) : null;
        if (pieces != null) {
          addPieces(s, pieces, out);
        } else if (letters == length) {
          out.addLetters(s, i, hash);
        } else if (letters == length - 1 && letters > 0 && splitsOffLetters(c, s, i)) {
          // spaCy splits the mark off as a suffix, then looks the word up as a special case.
          int[] wordPieces = letters <= TokenizerExceptions.MAX_LENGTH
              ? TokenizerExceptions.lookup(c, s, i - 1, hashBeforeLast) : null;
          if (wordPieces != null) {
            addPieces(s, wordPieces, out);
          } else {
            out.addLetters(s, i - 1, hashBeforeLast);
          }
          out.add(i - 1, i);
        } else {
          if (affixes == null) {
            affixes = new int[16];
          }
          affixes = tokenizeChunk(c, s, i, out, affixes);
        }
      }
    }

    /**
     * Whether spaCy splits the last character of [s, e), which follows ASCII letters only, off as
     * a suffix: closing punctuation and quotes always, a period after a lower-case letter or after
     * two upper-case ones ("end." and "USA." but not "A.").
     */
    private static boolean splitsOffLetters(char[] c, int s, int e) {
      char last = c[e - 1];
      switch (last) {
        case ',': case ';': case ':': case '!': case '?': case ')': case '"': case '\'':
          return true;
        case '.':
          char before = c[e - 2];
          return (before >= 'a' && before <= 'z')
              || (e - 3 >= s && before <= 'Z' && c[e - 3] <= 'Z' && c[e - 3] >= 'A');
        default:
          return false;
      }
    }

    private static void addPieces(int at, int[] pieces, Tokens out) {
      for (int len : pieces) {
        out.add(at, at + len);
        at += len;
      }
    }

    private static int[] special(char[] c, int a, int b) {
      if (b - a > TokenizerExceptions.MAX_LENGTH) {
        return null;
      }
      int h = 0;
      for (int i = a; i < b; i++) {
        h = 31 * h + c[i];
      }
      return TokenizerExceptions.lookup(c, a, b, h);
    }

    /** spaCy's affix loop and token attachment for one whitespace-free chunk [s, e). */
    private static int[] tokenizeChunk(char[] c, int s, int e, Tokens out, int[] scratch) {
      int[] stack = scratch;
      int prefixes = 0; // stack[0..prefixes) hold prefix end offsets
      int suffixes = 0; // stack[len-1-k] holds the start of the k-th suffix split off
      int a = s;
      int b = e;
      int lastSize = -1;
      while (a < b && b - a != lastSize) {
        if ((a != s || b != e) && special(c, a, b) != null) {
          break;
        }
        lastSize = b - a;
        int pre = prefixLength(c, a, b);
        if (pre != 0 && a + pre < b && special(c, a + pre, b) != null) {
          stack = ensure(stack, prefixes, suffixes);
          stack[prefixes++] = a + pre;
          a += pre;
          break;
        }
        int suf = suffixLength(c, a + pre, b);
        if (suf != 0 && b - suf > a && special(c, a, b - suf) != null) {
          stack = ensure(stack, prefixes, suffixes);
          stack[stack.length - 1 - suffixes++] = b - suf;
          b -= suf;
          break;
        }
        if (pre != 0) {
          stack = ensure(stack, prefixes, suffixes);
          stack[prefixes++] = a + pre;
          a += pre;
        }
        if (suf != 0) {
          stack = ensure(stack, prefixes, suffixes);
          stack[stack.length - 1 - suffixes++] = b - suf;
          b -= suf;
        }
      }
      int at = s;
      for (int k = 0; k < prefixes; k++) {
        out.add(at, stack[k]);
        at = stack[k];
      }
      if (a < b) {
        int[] pieces = special(c, a, b);
        if (pieces != null) {
          addPieces(a, pieces, out);
        } else if (looksLikeUrl(c, a, b)) {
          out.add(a, b);
        } else {
          splitInfixes(c, a, b, out);
        }
      }
      for (int k = suffixes - 1; k >= 0; k--) {
        // Suffix k was the k-th split off the end; it ends where suffix k - 1 starts.
        int suffixStart = stack[stack.length - 1 - k];
        int suffixEnd = k == 0 ? e : stack[stack.length - k];
        out.add(suffixStart, suffixEnd);
      }
      return stack;
    }

    private static int[] ensure(int[] stack, int prefixes, int suffixes) {
      if (prefixes + suffixes < stack.length) {
        return stack;
      }
      int[] grown = new int[stack.length * 2];
      System.arraycopy(stack, 0, grown, 0, prefixes);
      System.arraycopy(stack, stack.length - suffixes, grown, grown.length - suffixes, suffixes);
      return grown;
    }

    private static int codePointAt(char[] c, int i, int limit) {
      char ch = c[i];
      if (Character.isHighSurrogate(ch) && i + 1 < limit && Character.isLowSurrogate(c[i + 1])) {
        return Character.toCodePoint(ch, c[i + 1]);
      }
      return ch;
    }

    private static int codePointBefore(char[] c, int i, int floor) {
      char ch = c[i - 1];
      if (Character.isLowSurrogate(ch) && i - 2 >= floor && Character.isHighSurrogate(c[i - 2])) {
        return Character.toCodePoint(c[i - 2], ch);
      }
      return ch;
    }

    private static boolean regionIs(char[] c, int at, int limit, String s) {
      if (at < 0 || limit - at < s.length()) {
        return false;
      }
      for (int k = 0; k < s.length(); k++) {
        if (c[at + k] != s.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Length of the prefix spaCy splits off {@code [a, b)}: its alternatives are tried in order and
     * the first that matches wins, so this is one character except for a run of dots and the
     * currency codes US$, C$ and A$.
     */
    static int prefixLength(char[] c, int a, int b) {
      char ch = c[a];
      if (ch == '.') {
        int i = a + 1;
        while (i < b && c[i] == '.') {
          i++;
        }
        return i - a >= 2 ? i - a : 0;
      }
      if (ch == '+') {
        return a + 1 < b && CharClasses.isDigit(c[a + 1]) ? 0 : 1;
      }
      if (ch == 'U' && regionIs(c, a, b, "US$")) {
        return 3;
      }
      if ((ch == 'C' || ch == 'A') && a + 1 < b && c[a + 1] == '$') {
        return 2;
      }
      int cp = codePointAt(c, a, b);
      return CharClasses.isPrefixChar(cp) ? Character.charCount(cp) : 0;
    }

    /** Units that split off a number ("5km" is "5" + "km"); spaCy's list. */
    private static final String[] UNITS = ("km km\u00b2 km\u00b3 m m\u00b2 m\u00b3 dm dm\u00b2 dm\u00b3 "
        + "cm cm\u00b2 cm\u00b3 mm mm\u00b2 mm\u00b3 ha \u00b5m nm yd in ft kg g mg \u00b5g t lb oz "
        + "m/s km/h kmh mph hPa Pa mbar mb MB kb KB gb GB tb TB T G M K % "
        + "\u043a\u043c \u043a\u043c\u00b2 \u043a\u043c\u00b3 \u043c \u043c\u00b2 \u043c\u00b3 "
        + "\u0434\u043c \u0434\u043c\u00b2 \u0434\u043c\u00b3 \u0441\u043c \u0441\u043c\u00b2 "
        + "\u0441\u043c\u00b3 \u043c\u043c \u043c\u043c\u00b2 \u043c\u043c\u00b3 \u043d\u043c "
        + "\u043a\u0433 \u0433 \u043c\u0433 \u043c/\u0441 \u043a\u043c/\u0447 \u043a\u041f\u0430 "
        + "\u041f\u0430 \u043c\u0431\u0430\u0440 \u041a\u0431 \u041a\u0411 \u043a\u0431 \u041c\u0431 "
        + "\u041c\u0411 \u043c\u0431 \u0413\u0431 \u0413\u0411 \u0433\u0431 \u0422\u0431 \u0422\u0411 "
        + "\u0442\u0431").split(" ");

    /** Units and the currency codes US$, C$ and A$, which split off a preceding digit. */
    private static final Set<String> AFTER_DIGIT;
    private static final int MAX_AFTER_DIGIT;

    static {
      Set<String> set = new HashSet<>(Arrays.asList(UNITS));
      set.addAll(Arrays.asList("US$", "C$", "A$"));
      AFTER_DIGIT = Set.copyOf(set);
      MAX_AFTER_DIGIT = set.stream().mapToInt(String::length).max().orElse(0);
    }

    /**
     * Length of the suffix spaCy splits off {@code [a, b)}. spaCy searches for the leftmost
     * position where one of its suffix patterns matches up to the end, so the longest matching
     * candidate wins.
     */
    static int suffixLength(char[] c, int a, int b) {
      if (a >= b) {
        return 0;
      }
      int best = 0;
      char last = c[b - 1];
      if (last == '.') {
        int i = b - 1;
        while (i > a && c[i - 1] == '.') {
          i--;
        }
        if (b - i >= 2) {
          return b - i; // a run of dots: nothing longer can match
        }
        if (b - 1 > a) {
          int before = codePointBefore(c, b - 1, a);
          if (CharClasses.splitsPeriodAfter(before)) {
            best = 1;
          } else if (b - 3 >= a && CharClasses.isUpper(c[b - 2]) && CharClasses.isUpper(c[b - 3])) {
            best = 1; // two upper-case letters then a period, as in "USA."
          } else if (b - 3 >= a && "FfCcKk".indexOf(before) >= 0 && c[b - 3] == '\u00b0') {
            best = 1; // "25\u00b0F."
          }
        }
      } else {
        int cp = codePointBefore(c, b, a);
        if (CharClasses.isSuffixChar(cp)) {
          best = Character.charCount(cp);
          if (last == '\u2026' && b - 2 >= a && c[b - 2] == '\u2026') {
            best = 2;
          }
        } else if ((last == 's' || last == 'S') && b - 2 >= a
            && (c[b - 2] == '\'' || c[b - 2] == '\u2019')) {
          best = 2;
        } else if ((last == '+' || CharClasses.isCurrency(last)) && b - 2 >= a
            && CharClasses.isDigit(c[b - 2])) {
          best = 1;
        }
      }
      // A unit or currency code right after the last digit ("5km", "20US$"). Units contain no
      // ASCII digit, so the only candidate starts just after the last digit of the chunk.
      int at = b - 1;
      while (at > a && b - at <= MAX_AFTER_DIGIT && !CharClasses.isDigit(c[at - 1])) {
        at--;
      }
      if (at > a && b - at > best && CharClasses.isDigit(c[at - 1])
          && AFTER_DIGIT.contains(new String(c, at, b - at))) {
        best = b - at;
      }
      return best;
    }

    /**
     * spaCy's URL test, which keeps "example.com/a-b" or "name@host.org" whole: an optional scheme
     * ("http://"), optional user info ending in '@', one or more host labels each followed by a
     * dot, a top-level label of two or more lower-case letters, an optional port and an optional
     * path starting with '/', '?' or '#'. IP hosts are left out.
     */
    static boolean looksLikeUrl(char[] c, int a, int b) {
      boolean dot = false;
      int lastAt = -1;
      int scheme = -1;
      for (int i = a; i < b; i++) {
        char ch = c[i];
        if (ch == '.') {
          dot = true;
        } else if (ch == '@') {
          lastAt = i;
        } else if (ch == ':' && scheme < 0 && i + 2 < b && c[i + 1] == '/' && c[i + 2] == '/') {
          scheme = i;
        }
      }
      if (!dot) {
        return false; // the host needs a dot before its top-level label
      }
      int[] starts = {a, validScheme(c, a, scheme) ? scheme + 3 : -1};
      for (int start : starts) {
        if (start < 0) {
          continue;
        }
        if (hostAndRest(c, start, b)) {
          return true;
        }
        // User info: anything up to an '@'; the regex tries the last '@' first. A host cannot
        // contain '@', so only the last few are worth trying (and a chunk of many '@' stays linear).
        int tries = 0;
        for (int at = lastAt; at > start && tries++ < 4; at = lastIndexOf(c, '@', start, at)) {
          if (hostAndRest(c, at + 1, b)) {
            return true;
          }
        }
      }
      return false;
    }

    private static int lastIndexOf(char[] c, char ch, int from, int before) {
      for (int i = before - 1; i >= from; i--) {
        if (c[i] == ch) {
          return i;
        }
      }
      return -1;
    }

    /** A scheme is two or more of [\w+\-.] before "://". */
    private static boolean validScheme(char[] c, int a, int colon) {
      if (colon < 0 || colon - a < 2) {
        return false;
      }
      for (int i = a; i < colon; i++) {
        char ch = c[i];
        if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '+' || ch == '-' || ch == '.')) {
          return false;
        }
      }
      return true;
    }

    private static boolean isHostChar(char ch) {
      return ch >= 0xa1 || (ch < 0x80 && Character.isLetterOrDigit(ch));
    }

    /** Labels, a lower-case top-level label, then the end, a port or a path. */
    private static boolean hostAndRest(char[] c, int start, int b) {
      int end = start;
      while (end < b && (isHostChar(c[end]) || c[end] == '_' || c[end] == '-' || c[end] == '.')) {
        end++;
      }
      // The top-level label runs from the last dot to the end of the host.
      int lastDot = lastIndexOf(c, '.', start, end);
      if (lastDot <= start) {
        return false;
      }
      int tld = end - lastDot - 1;
      if (tld < 2 || tld > 63) {
        return false;
      }
      for (int i = lastDot + 1; i < end; i++) {
        if (!CharClasses.isLower(c[i])) {
          return false;
        }
      }
      // Each label: 1 to 64 characters, no '_' or '-' first or last.
      int labelStart = start;
      for (int i = start; i <= lastDot; i++) {
        if (c[i] != '.') {
          continue;
        }
        int len = i - labelStart;
        if (len < 1 || len > 64 || !isHostChar(c[labelStart]) || !isHostChar(c[i - 1])) {
          return false;
        }
        labelStart = i + 1;
      }
      if (end == b) {
        return true;
      }
      int i = end;
      if (c[i] == ':') {
        int digits = 0;
        i++;
        while (i < b && c[i] >= '0' && c[i] <= '9') {
          i++;
          digits++;
        }
        if (digits < 2 || digits > 5) {
          return false;
        }
        if (i == b) {
          return true;
        }
      }
      return c[i] == '/' || c[i] == '?' || c[i] == '#';
    }

    /** Splits {@code [a, b)} at spaCy's infixes and adds the pieces. */
    static void splitInfixes(char[] c, int a, int b, Tokens out) {
      int start = a;
      int p = a;
      while (p < b) {
        char ch = c[p];
        if (ch < 0x80 && (ch | 0x20) >= 'a' && (ch | 0x20) <= 'z' || ch >= '0' && ch <= '9') {
          p++; // letters and digits never start an infix
          continue;
        }
        int len = infixLength(c, a, b, p);
        if (len == 0) {
          p += Character.isHighSurrogate(ch) && p + 1 < b ? 2 : 1;
          continue;
        }
        // An infix at the very start is not split (spaCy skips a match at position 0).
        if (p != a) {
          if (p != start) {
            out.add(start, p);
          }
          out.add(p, p + len);
          start = p + len;
        }
        p += len;
      }
      if (start < b) {
        out.add(start, b);
      }
    }

    private static final String[] HYPHENS =
        {"-", "\u2013", "\u2014", "--", "---", "\u2014\u2014", "~"};

    /** Length of the infix match at {@code p} in {@code [a, b)}, 0 when none. */
    private static int infixLength(char[] c, int a, int b, int p) {
      char ch = c[p];
      if (ch == '.') {
        int i = p + 1;
        while (i < b && c[i] == '.') {
          i++;
        }
        if (i - p >= 2) {
          return i - p;
        }
        // A period between a lower-case letter (or quote) and an upper-case letter (or quote).
        if (p > a && p + 1 < b) {
          int before = codePointBefore(c, p, a);
          int after = codePointAt(c, p + 1, b);
          if ((CharClasses.isLower(before) || CharClasses.isQuote(before))
              && (CharClasses.isUpper(after) || CharClasses.isQuote(after))) {
            return 1;
          }
        }
        return 0;
      }
      if (ch == '\u2026') {
        return 1;
      }
      int cp = codePointAt(c, p, b);
      if (CharClasses.isIcon(cp)) {
        return Character.charCount(cp);
      }
      if (p == a) {
        return 0; // the remaining rules need a character before
      }
      int before = codePointBefore(c, p, a);
      boolean hasAfter = p + 1 < b;
      if ((ch == '+' || ch == '-' || ch == '*' || ch == '^') && CharClasses.isDigit(before)
          && hasAfter && (CharClasses.isDigit(c[p + 1]) || c[p + 1] == '-')) {
        return 1;
      }
      if (ch == ',' && hasAfter && CharClasses.isAlpha(before)
          && CharClasses.isAlpha(codePointAt(c, p + 1, b))) {
        return 1;
      }
      if (!(CharClasses.isAlpha(before) || CharClasses.isDigit(before))) {
        return 0;
      }
      // Hyphens, tried in spaCy's order: - – — -- --- —— ~
      if (ch == '-' || ch == '\u2013' || ch == '\u2014' || ch == '~') {
        for (String h : HYPHENS) {
          int end = p + h.length();
          if (end < b && regionIs(c, p, b, h) && CharClasses.isAlpha(codePointAt(c, end, b))) {
            return h.length();
          }
        }
        return 0;
      }
      if ((ch == ':' || ch == '<' || ch == '>' || ch == '=' || ch == '/') && hasAfter
          && CharClasses.isAlpha(codePointAt(c, p + 1, b))) {
        return 1;
      }
      return 0;
    }
  }

  /**
   * Counts sentences the way datatrove does for C4 (spaCy's rule-based sentencizer over spaCy's
   * tokens): a sentence ends after a token that is a single sentence-terminal character ('.', '?',
   * '!' and the like), at the next token that is not punctuation. Whitespace other than a single
   * space between words is a token of its own for spaCy, so it can start a sentence too.
   */
  static final class RefSentenceCounter {
    private RefSentenceCounter() {
    }

    /**
     * Sentences in the tokens [from, to) of {@code tokens}, which cover one line of text; at least
     * one.
     */
    static int count(RefWordTokenizer.Tokens tokens, int from, int to) {
      String text = tokens.text;
      int sentences = 1;
      boolean seenTerminal = false;
      for (int k = from; k < to; k++) {
        int s = tokens.start[k];
        int e = tokens.end[k];
        if (k > from && seenTerminal) {
          int gap = s - tokens.end[k - 1];
          if (gap > 1 || (gap == 1 && text.charAt(s - 1) != ' ')) {
            sentences++; // a whitespace token, which is not punctuation
            seenTerminal = false;
          }
        }
        int first = text.codePointAt(s);
        boolean terminal = Character.charCount(first) == e - s
            && CharClasses.SENTENCE_TERMINAL.contains(first);
        if (terminal) {
          seenTerminal = true;
        } else if (seenTerminal && !isPunctuation(text, s, e)) {
          sentences++;
          seenTerminal = false;
        }
      }
      return sentences;
    }

    /** spaCy's {@code is_punct}: every character is Unicode punctuation (category P). */
    private static boolean isPunctuation(String text, int s, int e) {
      for (int i = s; i < e; ) {
        int cp = text.codePointAt(i);
        if (!CharClasses.isUnicodePunctuation(cp)) {
          return false;
        }
        i += Character.charCount(cp);
      }
      return true;
    }
  }

  /**
   * What the quality filters measure about one text, computed once and shared: the words (tokens),
   * their lengths and kinds, and their interned ids. The composite {@code quality} filter hands one
   * instance to each of its rules so the text is tokenized once.
   *
   * <p>Not thread-safe: one instance serves one document on one thread.
   */
  static final class RefTextAnalysis {
    final String text;
    private char[] chars;
    private RefWordTokenizer.Tokens tokens;

    // Per-token measurements, filled by measureWords().
    private int[] codePointLengths;
    private int nonSymbolWords = -1;
    private long nonSymbolLength;
    private int alphaWords;

    // Interned token ids, in order of first occurrence, filled by wordIds().
    private int[] ids;
    private int distinctIds;

    private int textCodePoints = -1;

    // Python's splitlines(): line i is [lineStart[i], lineEnd[i]); filled by lines().
    private int[] lineStart;
    private int[] lineEnd;
    private int lineCount = -1;

    RefTextAnalysis(String text) {
      this.text = text;
    }

    char[] chars() {
      if (chars == null) {
        chars = text.toCharArray();
      }
      return chars;
    }

    /** The text's length as Python counts it (code points). */
    int textLength() {
      if (textCodePoints < 0) {
        // O(1) for Latin-1 strings, a scan otherwise.
        textCodePoints = text.codePointCount(0, text.length());
      }
      return textCodePoints;
    }

    /** Number of lines as Python's {@code str.splitlines} gives them. */
    int lineCount() {
      if (lineCount < 0) {
        splitLines();
      }
      return lineCount;
    }

    /** Start of line i. */
    int lineStart(int i) {
      return lineStart[i];
    }

    /** End of line i: the index of its line break, or the text's length. */
    int lineEnd(int i) {
      return lineEnd[i];
    }

    private void splitLines() {
      char[] c = chars();
      int n = c.length;
      int[] starts = new int[16];
      int[] ends = new int[16];
      int count = 0;
      int s = 0;
      for (int i = 0; i < n; i++) {
        char ch = c[i];
        if (ch >= 0x20 && ch < 0x85) {
          continue; // printable ASCII, the common case
        }
        if (RefPyText.isLineBreak(ch)) {
          if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
          }
          starts[count] = s;
          ends[count++] = i;
          if (ch == '\r' && i + 1 < n && c[i + 1] == '\n') {
            i++;
          }
          s = i + 1;
        }
      }
      if (s < n) {
        if (count == starts.length) {
          starts = java.util.Arrays.copyOf(starts, count + 1);
          ends = java.util.Arrays.copyOf(ends, count + 1);
        }
        starts[count] = s;
        ends[count++] = n;
      }
      lineStart = starts;
      lineEnd = ends;
      lineCount = count;
    }

    boolean hasTokens() {
      return tokens != null;
    }

    RefWordTokenizer.Tokens tokens() {
      if (tokens == null) {
        tokens = RefWordTokenizer.tokenize(text, chars());
      }
      return tokens;
    }

    int wordCount() {
      return tokens().count;
    }

    private void measureWords() {
      if (nonSymbolWords >= 0) {
        return;
      }
      RefWordTokenizer.Tokens t = tokens();
      int n = t.count;
      codePointLengths = new int[n];
      char[] c = chars;
      int[] starts = t.start;
      int[] ends = t.end;
      boolean[] letters = t.letters;
      int nonSymbol = 0;
      long nonSymbolChars = 0;
      int alpha = 0;
      for (int i = 0; i < n; i++) {
        int from = starts[i];
        int to = ends[i];
        int length = to - from;
        if (letters[i]) {
          // The common case: ASCII letters only, a word with a letter.
          codePointLengths[i] = length;
          nonSymbol++;
          nonSymbolChars += length;
          alpha++;
          continue;
        }
        boolean isWord = false;
        boolean hasLetter = false;
        for (int j = from; j < to; ) {
          int cp = c[j];
          if (cp < 0x80) {
            if (!ASCII_PUNCTUATION[cp]) {
              isWord = true;
              hasLetter |= (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
            }
            j++;
            continue;
          }
          if (Character.isHighSurrogate((char) cp) && j + 1 < to
              && Character.isLowSurrogate(c[j + 1])) {
            cp = Character.toCodePoint((char) cp, c[j + 1]);
            length--; // Python counts the pair once
            j += 2;
          } else {
            j++;
          }
          isWord |= !CharClasses.isDatatrovePunctuation(cp);
          hasLetter |= Character.isLetter(cp);
        }
        codePointLengths[i] = length;
        if (isWord) {
          nonSymbol++;
          nonSymbolChars += length;
        }
        if (hasLetter) {
          alpha++;
        }
      }
      nonSymbolWords = nonSymbol;
      nonSymbolLength = nonSymbolChars;
      alphaWords = alpha;
    }

    private static final boolean[] ASCII_PUNCTUATION = new boolean[128];

    static {
      for (int c = 0; c < 128; c++) {
        ASCII_PUNCTUATION[c] = CharClasses.isDatatrovePunctuation(c);
      }
    }

    /** Words with a character outside datatrove's punctuation set ("non-symbol words"). */
    int nonSymbolWords() {
      measureWords();
      return nonSymbolWords;
    }

    /** Total length, in code points, of the non-symbol words. */
    long nonSymbolLength() {
      measureWords();
      return nonSymbolLength;
    }

    /** Words with at least one alphabetic character (Python's {@code str.isalpha}). */
    int alphaWords() {
      measureWords();
      return alphaWords;
    }

    /** Length of each word in code points. */
    int[] wordLengths() {
      measureWords();
      return codePointLengths;
    }

    /** Interned word ids: equal words get equal ids, numbered in order of first occurrence. */
    int[] wordIds() {
      if (ids != null) {
        return ids;
      }
      RefWordTokenizer.Tokens t = tokens();
      int n = t.count;
      ids = new int[n];
      char[] c = chars;
      int[] hashes = t.hash;
      // Open addressing over token indexes (+1; 0 is empty) in a per-thread table that is left
      // empty again afterwards, so no table is allocated or cleared per document.
      Interning table = INTERNING.get().prepare(n);
      int[] slots = table.slots;
      int mask = table.mask;
      int shift = table.shift;
      int[] firstSlot = table.used;
      int next = 0;
      for (int i = 0; i < n; i++) {
        int h = hashes[i];
        int slot = (h * 0x9E3779B9) >>> shift;
        while (true) {
          int other = slots[slot] - 1;
          if (other < 0) {
            slots[slot] = i + 1;
            firstSlot[next] = slot;
            ids[i] = next++;
            break;
          }
          if (hashes[other] == h && sameToken(c, t, i, other)) {
            ids[i] = ids[other];
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      for (int k = 0; k < next; k++) {
        slots[firstSlot[k]] = 0;
      }
      distinctIds = next;
      return ids;
    }

    /** A per-thread interning table, empty between uses. */
    private static final class Interning {
      int[] slots = new int[0];
      int[] used = new int[0];
      int mask;
      int shift;

      Interning prepare(int entries) {
        int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
        if (slots.length < capacity || slots.length > (1 << 22)) {
          slots = new int[capacity];
        }
        if (used.length < entries) {
          used = new int[Math.max(entries, 64)];
        }
        // Use the first 'capacity' slots only: a small table stays in cache.
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        return this;
      }
    }

    private static final ThreadLocal<Interning> INTERNING = ThreadLocal.withInitial(Interning::new);

    private static boolean sameToken(char[] c, RefWordTokenizer.Tokens t, int i, int j) {
      int a = t.start[i];
      int b = t.start[j];
      int len = t.end[i] - a;
      if (t.end[j] - b != len) {
        return false;
      }
      for (int k = 0; k < len; k++) {
        if (c[a + k] != c[b + k]) {
          return false;
        }
      }
      return true;
    }

    int distinctWords() {
      wordIds();
      return distinctIds;
    }
  }

  /**
   * The two n-gram measurements of Gopher's repetition rules, for every n up to a maximum, the way
   * datatrove computes them:
   *
   * <ul>
   *   <li>{@link #topChars}: the most frequent n-gram's length (words joined by single spaces) times
   *       its count; among equally frequent n-grams the first to occur (Python's
   *       {@code Counter.most_common(1)}).
   *   <li>{@link #duplicateChars}: scanning left to right, the characters (words joined without
   *       separator) of every n-gram seen before, skipping past it when found and not recording the
   *       n-grams it overlaps ({@code find_all_duplicate}).
   * </ul>
   *
   * <p>Only repeated n-grams matter to either measure, and an n-gram can only repeat where the
   * (n-1)-gram it extends repeats. So level n follows the positions whose (n-1)-gram repeats (the
   * "live" positions) and gives each an id for the pair (its (n-1)-gram id, its last word id); in
   * ordinary prose few positions stay live past n = 3, and once none does, every longer n-gram is
   * unique and needs no work. Where datatrove compares joined strings this compares word sequences:
   * different splits of the same characters ("ab"+"c" against "a"+"bc") count as equal there and
   * not here, which real text practically never has.
   */
  static final class RefNGramStats {
    private final int words;
    private final int[] wordIds;
    private final long[] lengthPrefix; // lengthPrefix[i] = total code points of words [0, i)

    private int level;
    private int live;            // number of live positions at the current level
    private int[] livePosition;
    private int[] liveId;  // the current level's n-gram id at each live position
    private int[] counts;  // occurrences per id of the level being built
    private int[] first;   // first live position per id
    private boolean[] seen; // per id, for duplicateChars' scan
    private int ids;              // ids of the current level
    private int[] liveMark; // == level for positions live at that level

    private final long[] top;
    private final long[] duplicate;
    private final boolean[] wantTop;
    private final boolean[] wantDuplicate;

    /** Measures for every n up to {@code maxN}. */
    RefNGramStats(RefTextAnalysis analysis, int maxN) {
      this(analysis, all(maxN), all(maxN));
    }

    private static boolean[] all(int maxN) {
      boolean[] b = new boolean[maxN + 1];
      java.util.Arrays.fill(b, true);
      return b;
    }

    /**
     * Measures only what is asked for: {@code wantTop[n]} and {@code wantDuplicate[n]} (both arrays
     * one longer than the largest n asked for).
     */
    RefNGramStats(RefTextAnalysis analysis, boolean[] wantTop, boolean[] wantDuplicate) {
      this.wantTop = wantTop;
      this.wantDuplicate = wantDuplicate;
      int maxN = wantTop.length - 1;
      this.wordIds = analysis.wordIds();
      this.words = wordIds.length;
      int[] lengths = analysis.wordLengths();
      lengthPrefix = new long[words + 1];
      for (int i = 0; i < words; i++) {
        lengthPrefix[i + 1] = lengthPrefix[i] + lengths[i];
      }
      top = new long[maxN + 1];
      duplicate = new long[maxN + 1];
      // Working arrays are reused per thread: allocating and zeroing them per document cost more
      // than the counting itself.
      Work w = WORK.get().ensure(words + 1);
      livePosition = w.livePosition;
      liveId = w.liveId;
      counts = w.counts;
      first = w.first;
      seen = w.seen;
      liveMark = w.liveMark;
      Arrays.fill(liveMark, 0, words + 1, 0);
      Arrays.fill(counts, 0, Math.max(1, words), 0);

      // Level 1: words. Word ids are numbered in order of first occurrence already.
      int distinct = analysis.distinctWords();
      ids = distinct;
      int best = -1;
      int bestCount = 1;
      for (int i = 0; i < words; i++) {
        int id = wordIds[i];
        int c = ++counts[id];
        if (c == 1) {
          first[id] = i;
        } else if (c > bestCount || (c == bestCount && id < best)) {
          best = id;
          bestCount = c;
        }
      }
      level = 1;
      if (wantTop.length > 1 && wantTop[1] || wantDuplicate.length > 1 && wantDuplicate[1]) {
        live = words;
        for (int i = 0; i < words; i++) {
          livePosition[i] = i;
          liveId[i] = wordIds[i];
        }
        record(1, best, bestCount);
      } else {
        for (int i = 0; i < words; i++) {
          if (counts[wordIds[i]] > 1) {
            livePosition[live] = i;
            liveId[live++] = wordIds[i];
          }
        }
        if (top.length > 1) {
          top[1] = -1;
          duplicate[1] = -1;
        }
      }
      markLive();
      // Everything is computed now, while this instance holds the thread's working arrays, so that
      // a later instance on the same thread cannot disturb it.
      advanceTo(maxN);
      livePosition = null;
      liveId = null;
      counts = null;
      first = null;
      seen = null;
      liveMark = null;
    }

    /** Marks the live positions of the current level. */
    private void markLive() {
      for (int k = 0; k < live; k++) {
        liveMark[livePosition[k]] = level;
      }
    }

    /** Per-thread working arrays, grown as needed; large ones are not kept. */
    private static final class Work {
      int[] livePosition = new int[0];
      int[] liveId = new int[0];
      int[] counts = new int[0];
      int[] first = new int[0];
      boolean[] seen = new boolean[0];
      int[] liveMark = new int[0];

      long[] keys = new long[0];
      int[] values = new int[0];
      int[] usedSlots = new int[0];
      int mask;
      int shift;

      /** Sizes the (empty) pair table for about {@code entries} entries. */
      Work table(int entries) {
        int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, entries)) * 4);
        if (keys.length < capacity || keys.length > (1 << 22)) {
          keys = new long[capacity];
          Arrays.fill(keys, EMPTY);
          values = new int[capacity];
        }
        if (usedSlots.length < entries) {
          usedSlots = new int[Math.max(64, entries)];
        }
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        return this;
      }

      Work ensure(int size) {
        if (livePosition.length < size || livePosition.length > (1 << 20)) {
          livePosition = new int[size];
          liveId = new int[size];
          counts = new int[size];
          first = new int[size];
          seen = new boolean[size];
          liveMark = new int[size];
        }
        return this;
      }
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /** Number of n-grams in the text. */
    int count(int n) {
      return Math.max(0, words - n + 1);
    }

    /** Length times count of the most frequent n-gram; 0 when there is none. */
    long topChars(int n) {
      if (!wantTop[n]) {
        throw new IllegalArgumentException("top n-gram for n = " + n + " was not asked for");
      }
      return top[n];
    }

    /** Characters in repeated n-grams, counted as datatrove's {@code find_all_duplicate} does. */
    long duplicateChars(int n) {
      if (!wantDuplicate[n]) {
        throw new IllegalArgumentException("duplicate n-grams for n = " + n + " were not asked for");
      }
      return duplicate[n];
    }

    private long span(int position, int n) {
      return lengthPrefix[position + n] - lengthPrefix[position];
    }

    private void advanceTo(int n) {
      while (level < n) {
        if (live == 0) {
          // Nothing repeats any more: every longer n-gram is unique.
          for (int m = level + 1; m < top.length; m++) {
            top[m] = count(m) == 0 ? 0 : span(0, m) + m - 1;
            duplicate[m] = 0;
          }
          level = top.length - 1;
          return;
        }
        buildLevel(level + 1);
      }
    }

    /** Ids for level n at the positions live at level n - 1, then keeps those that repeat. */
    private void buildLevel(int n) {
      level = n;
      int candidates = 0;
      int ids = 0;
      int best = -1;
      int bestCount = 1;
      if (live > 0) {
        // Open addressing from (previous id, last word id) to this level's id, in a per-thread
        // table that is emptied again below by walking the slots used.
        Work w = WORK.get().table(live);
        long[] keys = w.keys;
        int[] values = w.values;
        int[] usedSlots = w.usedSlots;
        int mask = w.mask;
        int shift = w.shift;
        int lastStart = words - n; // an n-gram must fit
        int previous = n - 1;
        for (int k = 0; k < live; k++) {
          int i = livePosition[k];
          if (i > lastStart) {
            break; // positions are increasing
          }
          if (liveMark[i + 1] != previous) {
            continue; // its last n-1 words do not repeat, so neither does the n-gram
          }
          long key = ((long) liveId[k] << 32) | wordIds[i + n - 1];
          int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
          int id;
          while (true) {
            long found = keys[slot];
            if (found == key) {
              id = values[slot];
              break;
            }
            if (found == EMPTY) {
              keys[slot] = key;
              values[slot] = ids;
              usedSlots[ids] = slot;
              id = ids++;
              counts[id] = 0;
              first[id] = i;
              break;
            }
            slot = (slot + 1) & mask;
          }
          int c = ++counts[id];
          // Ids are numbered in order of first occurrence, so the lowest id wins a tie.
          if (c > bestCount || (c == bestCount && id < best)) {
            best = id;
            bestCount = c;
          }
          livePosition[candidates] = i;
          liveId[candidates++] = id;
        }
      }
      if (ids > 0) {
        Work w = WORK.get();
        for (int k = 0; k < ids; k++) {
          w.keys[w.usedSlots[k]] = EMPTY;
        }
      }
      live = candidates;
      this.ids = ids;
      record(n, best, bestCount);
      markLive();
    }

    private static final long EMPTY = -1L; // keys are never negative: ids are

    /**
     * Records level n's measures, {@code best} being its most frequent n-gram id (-1 when nothing
     * repeats) from the live positions holding this level's ids (every other position's n-gram is
     * unique), then narrows the live positions to the repeats.
     */
    private void record(int n, int best, int bestCount) {
      if (count(n) == 0) {
        live = 0;
        if (n < top.length) {
          top[n] = 0;
          duplicate[n] = 0;
        }
        return;
      }
      if (n < top.length) {
        if (best < 0) {
          top[n] = span(0, n) + n - 1; // nothing repeats: the first n-gram, once
          duplicate[n] = 0;
        } else {
          top[n] = wantTop[n] ? (span(first[best], n) + n - 1) * bestCount : -1;
          duplicate[n] = wantDuplicate[n] ? duplicates(n, live) : -1;
        }
      }
      // Keep the positions whose n-gram repeats.
      int kept = 0;
      if (best >= 0) {
        for (int k = 0; k < live; k++) {
          if (counts[liveId[k]] > 1) {
            livePosition[kept] = livePosition[k];
            liveId[kept++] = liveId[k];
          }
        }
      }
      live = kept;
    }

    /** datatrove's scan, over the positions that can repeat (the others are always new). */
    private long duplicates(int n, int candidates) {
      Arrays.fill(seen, 0, ids, false);
      long repeated = 0;
      int resume = 0; // positions before this were skipped over after a repeat
      for (int k = 0; k < candidates; k++) {
        int i = livePosition[k];
        if (i < resume) {
          continue;
        }
        int id = liveId[k];
        if (counts[id] < 2) {
          continue; // unique: seen once, never again
        }
        if (seen[id]) {
          repeated += span(i, n);
          resume = i + n;
        } else {
          seen[id] = true;
        }
      }
      return repeated;
    }
  }

  /**
   * Gopher's repetition rules, computed as datatrove's {@code RefGopherRepetitionFilter} computes
   * them, in its order; the first that fails rejects the document:
   *
   * <ol>
   *   <li>Paragraphs are the stripped text split at runs of two or more '\n'. {@code
   *       gopher_dup_para_frac}: paragraphs equal to an earlier one, per paragraph; {@code
   *       gopher_dup_para_char_frac}: their characters per character of the text.
   *   <li>Lines are the text split at runs of '\n' (empty first or last lines included, as
   *       Python's {@code re.split} gives them). {@code gopher_dup_line_frac} and {@code
   *       gopher_dup_line_char_frac} likewise.
   *   <li>{@code gopher_top_N_gram}: the most frequent word n-gram's characters (words joined by a
   *       space, times its count) per character of the text; checked only when the text has
   *       n-grams.
   *   <li>{@code gopher_dup_N_gram}: the characters of repeated word n-grams (see {@link
   *       RefNGramStats}) per character of the text.
   * </ol>
   *
   * <p>Lengths are code points, as Python's {@code len}. An empty text passes (datatrove would
   * divide by zero). Comparisons are strict: a fraction equal to its limit passes.
   *
   * <p>Thread-safe; never changes the text.
   */
  static final class RefGopherRepetitionFilter implements DocumentProcessor {
    private final GopherRepetitionConfig config;
    private final int maxN;
    private final boolean[] wantTop;
    private final boolean[] wantDuplicate;

    public RefGopherRepetitionFilter(GopherRepetitionConfig config) {
      this.config = config;
      this.maxN = config.maxN();
      wantTop = new boolean[maxN + 1];
      wantDuplicate = new boolean[maxN + 1];
      for (NGramLimit l : config.topNGramCharFractions()) {
        wantTop[l.n()] = l.maxFraction() > 0;
      }
      for (NGramLimit l : config.dupNGramCharFractions()) {
        wantDuplicate[l.n()] = l.maxFraction() > 0;
      }
    }

    public RefGopherRepetitionFilter() {
      this(GopherRepetitionConfig.defaults());
    }

    public GopherRepetitionConfig config() {
      return config;
    }

    @Override
    public String name() {
      return GopherRepetitionConfig.NAME;
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      Optional<Outcome.Rejected> rejected = check(new RefTextAnalysis(document.text()));
      return rejected.isPresent() ? rejected.get() : Outcome.keep(document);
    }

    /** The first rule {@code text} fails, or empty when it passes them all. */
    public Optional<Outcome.Rejected> check(String text) {
      return check(new RefTextAnalysis(text));
    }

    Optional<Outcome.Rejected> check(RefTextAnalysis a) {
      GopherRepetitionConfig c = config;
      String text = a.text;
      if (text.isEmpty()) {
        return Optional.empty();
      }
      double length = a.textLength();

      if (c.maxDupParagraphFraction() > 0 || c.maxDupParagraphCharFraction() > 0) {
        Segments paragraphs = paragraphs(text);
        long[] dup = paragraphs.duplicates(text);
        double fraction = (double) dup[0] / paragraphs.count;
        if (c.maxDupParagraphFraction() > 0 && fraction > c.maxDupParagraphFraction()) {
          return reject("gopher_dup_para_frac", "repeated paragraphs " + dup[0] + "/"
              + paragraphs.count + " = " + fmt(fraction) + " > " + fmt(c.maxDupParagraphFraction()));
        }
        double chars = dup[1] / length;
        if (c.maxDupParagraphCharFraction() > 0 && chars > c.maxDupParagraphCharFraction()) {
          return reject("gopher_dup_para_char_frac", "characters in repeated paragraphs "
              + fmt(chars) + " > " + fmt(c.maxDupParagraphCharFraction()));
        }
      }
      if (c.maxDupLineFraction() > 0 || c.maxDupLineCharFraction() > 0) {
        Segments lines = lines(text);
        long[] dup = lines.duplicates(text);
        double fraction = (double) dup[0] / lines.count;
        if (c.maxDupLineFraction() > 0 && fraction > c.maxDupLineFraction()) {
          return reject("gopher_dup_line_frac", "repeated lines " + dup[0] + "/" + lines.count
              + " = " + fmt(fraction) + " > " + fmt(c.maxDupLineFraction()));
        }
        double chars = dup[1] / length;
        if (c.maxDupLineCharFraction() > 0 && chars > c.maxDupLineCharFraction()) {
          return reject("gopher_dup_line_char_frac", "characters in repeated lines "
              + fmt(chars) + " > " + fmt(c.maxDupLineCharFraction()));
        }
      }
      if (maxN == 0) {
        return Optional.empty();
      }
      RefNGramStats ngrams = new RefNGramStats(a, wantTop, wantDuplicate);
      for (NGramLimit limit : c.topNGramCharFractions()) {
        int n = limit.n();
        if (ngrams.count(n) == 0 || limit.maxFraction() == 0) {
          continue;
        }
        double fraction = ngrams.topChars(n) / length;
        if (fraction > limit.maxFraction()) {
          return reject("gopher_top_" + n + "_gram", "characters in the most frequent " + n
              + "-gram " + fmt(fraction) + " > " + fmt(limit.maxFraction()));
        }
      }
      for (NGramLimit limit : c.dupNGramCharFractions()) {
        int n = limit.n();
        if (limit.maxFraction() == 0) {
          continue;
        }
        double fraction = ngrams.duplicateChars(n) / length;
        if (fraction > limit.maxFraction()) {
          return reject("gopher_dup_" + n + "_gram", "characters in repeated " + n + "-grams "
              + fmt(fraction) + " > " + fmt(limit.maxFraction()));
        }
      }
      return Optional.empty();
    }

    /** Text ranges [start[i], end[i]). */
    static final class Segments {
      int count;
      int[] start = new int[16];
      int[] end = new int[16];

      void add(int s, int e) {
        if (count == start.length) {
          start = Arrays.copyOf(start, count * 2);
          end = Arrays.copyOf(end, count * 2);
        }
        start[count] = s;
        end[count] = e;
        count++;
      }

      /**
       * datatrove's {@code find_duplicates}: how many segments equal an earlier one, and their
       * total length. Both are independent of order, so only segments whose length some other
       * segment shares need comparing.
       */
      long[] duplicates(String text) {
        if (count < 2) {
          return new long[] {0, 0};
        }
        int[] lengths = new int[count];
        for (int i = 0; i < count; i++) {
          lengths[i] = end[i] - start[i];
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        Set<String> seen = null;
        long duplicates = 0;
        long chars = 0;
        for (int i = 0; i < count; i++) {
          int len = lengths[i];
          int at = Arrays.binarySearch(sorted, len);
          boolean shared = (at > 0 && sorted[at - 1] == len)
              || (at + 1 < count && sorted[at + 1] == len);
          if (!shared) {
            continue;
          }
          if (seen == null) {
            seen = new HashSet<>();
          }
          String segment = text.substring(start[i], end[i]);
          if (!seen.add(segment)) {
            duplicates++;
            chars += segment.codePointCount(0, segment.length());
          }
        }
        return new long[] {duplicates, chars};
      }
    }

    /** The stripped text split at runs of two or more '\n' (Python's {@code re.split}). */
    static Segments paragraphs(String text) {
      int from = RefPyText.stripStart(text, 0, text.length());
      int to = RefPyText.stripEnd(text, from, text.length());
      Segments out = new Segments();
      int start = from;
      int i = from;
      while (true) {
        int nl = text.indexOf('\n', i);
        if (nl < 0 || nl >= to) {
          break;
        }
        int runEnd = nl + 1;
        while (runEnd < to && text.charAt(runEnd) == '\n') {
          runEnd++;
        }
        if (runEnd - nl >= 2) {
          out.add(start, nl);
          start = runEnd;
        }
        i = runEnd;
      }
      out.add(start, to);
      return out;
    }

    /** The text split at runs of '\n' (Python's {@code re.split("\n+", text)}). */
    static Segments lines(String text) {
      Segments out = new Segments();
      int n = text.length();
      int start = 0;
      int i = 0;
      while (true) {
        int nl = text.indexOf('\n', i);
        if (nl < 0) {
          break;
        }
        int runEnd = nl + 1;
        while (runEnd < n && text.charAt(runEnd) == '\n') {
          runEnd++;
        }
        out.add(start, nl);
        start = runEnd;
        i = runEnd;
      }
      out.add(start, n);
      return out;
    }

    private static Optional<Outcome.Rejected> reject(String reason, String detail) {
      return Optional.of(new Outcome.Rejected(reason, detail));
    }
  }

  /**
   * Gopher's quality heuristics, as datatrove's {@code RefGopherQualityFilter} applies them, in its
   * order; the first rule that fails rejects the document:
   *
   * <ol>
   *   <li>{@code gopher_too_few_words} / {@code gopher_too_many_words}: the number of non-symbol
   *       words (words with a character outside datatrove's punctuation set) is within
   *       [minWords, maxWords].
   *   <li>{@code gopher_mean_word_too_short} / {@code gopher_mean_word_too_long}: their mean length
   *       is within [minMeanWordLength, maxMeanWordLength].
   *   <li>{@code gopher_symbol_ratio}: '#' characters per word, and separately ellipses ("..." or
   *       "…") per word, at most maxSymbolWordRatio. "Per word" counts every token, symbols
   *       included, as datatrove does.
   *   <li>{@code gopher_bullet_lines}: the share of lines whose first non-blank character is '•' or
   *       '-' is at most maxBulletLineRatio.
   *   <li>{@code gopher_ellipsis_lines}: the share of lines ending (before trailing blanks) with an
   *       ellipsis is at most maxEllipsisLineRatio.
   *   <li>{@code gopher_too_few_alpha_words}: the share of tokens with a letter is at least
   *       minAlphaWordRatio.
   *   <li>{@code gopher_too_few_stop_words}: at least minStopWords distinct stop words occur.
   * </ol>
   *
   * <p>Words are counted with {@link RefWordTokenizer}, datatrove's spaCy tokenization; lines are
   * Python's {@code splitlines}. Where datatrove would divide by zero (an empty text with the word
   * minimum switched off) the ratio rules pass. The comparisons are strict as in datatrove: a value
   * equal to its limit passes.
   *
   * <p>Thread-safe; never changes the text.
   */
  static final class RefGopherQualityFilter implements DocumentProcessor {
    private final GopherQualityConfig config;
    private final String[] stopWords;
    private final int[] stopWordHashes;
    private final int maxStopWordLength;

    public RefGopherQualityFilter(GopherQualityConfig config) {
      this.config = config;
      List<String> words = new ArrayList<>(config.effectiveStopWords());
      stopWords = words.toArray(new String[0]);
      stopWordHashes = new int[stopWords.length];
      int max = 0;
      for (int i = 0; i < stopWords.length; i++) {
        stopWordHashes[i] = stopWords[i].hashCode();
        max = Math.max(max, stopWords[i].length());
      }
      maxStopWordLength = max;
    }

    public RefGopherQualityFilter() {
      this(GopherQualityConfig.defaults());
    }

    public GopherQualityConfig config() {
      return config;
    }

    @Override
    public String name() {
      return GopherQualityConfig.NAME;
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      Optional<Outcome.Rejected> rejected = check(new RefTextAnalysis(document.text()));
      return rejected.isPresent() ? rejected.get() : Outcome.keep(document);
    }

    /** The first rule {@code text} fails, or empty when it passes them all. */
    public Optional<Outcome.Rejected> check(String text) {
      return check(new RefTextAnalysis(text));
    }

    Optional<Outcome.Rejected> check(RefTextAnalysis a) {
      GopherQualityConfig c = config;
      String text = a.text;
      int nonSymbol = a.nonSymbolWords();
      if (c.minWords() > 0 && nonSymbol < c.minWords()) {
        return reject("gopher_too_few_words", nonSymbol + " words < " + c.minWords());
      }
      if (c.maxWords() > 0 && nonSymbol > c.maxWords()) {
        return reject("gopher_too_many_words", nonSymbol + " words > " + c.maxWords());
      }
      if (nonSymbol > 0) {
        double mean = (double) a.nonSymbolLength() / nonSymbol;
        if (c.minMeanWordLength() > 0 && mean < c.minMeanWordLength()) {
          return reject("gopher_mean_word_too_short",
              "mean word length " + fmt(mean) + " < " + fmt(c.minMeanWordLength()));
        }
        if (c.maxMeanWordLength() > 0 && mean > c.maxMeanWordLength()) {
          return reject("gopher_mean_word_too_long",
              "mean word length " + fmt(mean) + " > " + fmt(c.maxMeanWordLength()));
        }
      }
      int words = a.wordCount();
      if (words == 0) {
        return Optional.empty();
      }
      if (c.maxSymbolWordRatio() > 0) {
        double hashes = (double) RefPyText.count(text, '#') / words;
        if (hashes > c.maxSymbolWordRatio()) {
          return reject("gopher_symbol_ratio",
              "'#' per word " + fmt(hashes) + " > " + fmt(c.maxSymbolWordRatio()));
        }
        double ellipses = (double) (RefPyText.count(text, "...") + RefPyText.count(text, '\u2026')) / words;
        if (ellipses > c.maxSymbolWordRatio()) {
          return reject("gopher_symbol_ratio",
              "ellipses per word " + fmt(ellipses) + " > " + fmt(c.maxSymbolWordRatio()));
        }
      }
      if (c.maxBulletLineRatio() > 0 || c.maxEllipsisLineRatio() > 0) {
        Optional<Outcome.Rejected> lines = checkLines(a);
        if (lines.isPresent()) {
          return lines;
        }
      }
      if (c.minAlphaWordRatio() > 0) {
        double alpha = (double) a.alphaWords() / words;
        if (alpha < c.minAlphaWordRatio()) {
          return reject("gopher_too_few_alpha_words",
              "share of words with a letter " + fmt(alpha) + " < " + fmt(c.minAlphaWordRatio()));
        }
      }
      if (c.minStopWords() > 0) {
        int found = countStopWords(a, c.minStopWords());
        if (found < c.minStopWords()) {
          return reject("gopher_too_few_stop_words",
              found + " distinct stop words < " + c.minStopWords());
        }
      }
      return Optional.empty();
    }

    private Optional<Outcome.Rejected> checkLines(RefTextAnalysis a) {
      String text = a.text;
      int lines = a.lineCount();
      int bullets = 0;
      int ellipses = 0;
      for (int i = 0; i < lines; i++) {
        int start = a.lineStart(i);
        int end = a.lineEnd(i);
        int first = RefPyText.stripStart(text, start, end);
        if (first < end && (text.charAt(first) == '\u2022' || text.charAt(first) == '-')) {
          bullets++;
        }
        int last = RefPyText.stripEnd(text, start, end);
        if (last > start && (text.charAt(last - 1) == '\u2026'
            || (last - start >= 3 && text.startsWith("...", last - 3)))) {
          ellipses++;
        }
      }
      if (lines == 0) {
        return Optional.empty();
      }
      GopherQualityConfig c = config;
      double bulletRatio = (double) bullets / lines;
      if (c.maxBulletLineRatio() > 0 && bulletRatio > c.maxBulletLineRatio()) {
        return reject("gopher_bullet_lines",
            "share of bullet lines " + fmt(bulletRatio) + " > " + fmt(c.maxBulletLineRatio()));
      }
      double ellipsisRatio = (double) ellipses / lines;
      if (c.maxEllipsisLineRatio() > 0 && ellipsisRatio > c.maxEllipsisLineRatio()) {
        return reject("gopher_ellipsis_lines", "share of lines ending in an ellipsis "
            + fmt(ellipsisRatio) + " > " + fmt(c.maxEllipsisLineRatio()));
      }
      return Optional.empty();
    }

    /** Distinct stop words among the words, counting no further than {@code enough}. */
    private int countStopWords(RefTextAnalysis a, int enough) {
      RefWordTokenizer.Tokens t = a.tokens();
      int[] hashes = t.hash;
      String text = a.text;
      long seen = 0; // fits: lists are short; longer ones fall back to a boolean array
      boolean[] seenMany = stopWords.length > 64 ? new boolean[stopWords.length] : null;
      int found = 0;
      for (int i = 0; i < t.count && found < enough; i++) {
        int len = t.end[i] - t.start[i];
        if (len > maxStopWordLength) {
          continue;
        }
        int h = hashes[i];
        for (int k = 0; k < stopWords.length; k++) {
          if (stopWordHashes[k] == h && stopWords[k].length() == len
              && text.startsWith(stopWords[k], t.start[i])) {
            boolean already = seenMany != null ? seenMany[k] : (seen & (1L << k)) != 0;
            if (!already) {
              found++;
              if (seenMany != null) {
                seenMany[k] = true;
              } else {
                seen |= 1L << k;
              }
            }
            break;
          }
        }
      }
      return found;
    }

    private static Optional<Outcome.Rejected> reject(String reason, String detail) {
      return Optional.of(new Outcome.Rejected(reason, detail));
    }
  }

  /**
   * C4's line rules, as datatrove's {@code RefC4QualityFilter} applies them: the text is split into
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
   * changes nothing. Sentences are counted as spaCy's sentencizer does ({@link RefSentenceCounter}).
   *
   * <p>Counters: {@code c4_lines_dropped_<rule>} for each rule that dropped lines.
   *
   * <p>Thread-safe.
   */
  static final class RefC4QualityFilter implements DocumentProcessor {
    private static final String[] POLICY_PHRASES = {"terms of use", "privacy policy"};
    private static final String[] COOKIE_PHRASES =
        {"cookie policy", "uses cookies", "use of cookies", "use cookies"};

    private final C4Config config;

    public RefC4QualityFilter(C4Config config) {
      this.config = config;
    }

    public RefC4QualityFilter() {
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
      return apply(document, new RefTextAnalysis(document.text()), false, context);
    }

    /**
     * Applies the rules; {@code sharedTokens} says whether {@code analysis} may be tokenized as a
     * whole (another rule needs its tokens too) rather than line by line.
     */
    Outcome apply(Document document, RefTextAnalysis analysis, boolean sharedTokens,
        StageContext context) {
      C4Config c = config;
      String text = document.text();
      Lowered lowered = new Lowered(text);
      Occurrences lorem = new Occurrences(lowered.text, "lorem ipsum");
      Occurrences javascript = new Occurrences(lowered.text, "javascript");
      Occurrences curly = new Occurrences(text, "{");
      Occurrences cookie = new Occurrences(lowered.text, "cookie");
      Occurrences[] policies = new Occurrences[POLICY_PHRASES.length];
      for (int i = 0; i < policies.length; i++) {
        policies[i] = new Occurrences(lowered.text, POLICY_PHRASES[i]);
      }
      RefWordTokenizer.Tokens tokens = sharedTokens || analysis.hasTokens() ? analysis.tokens() : null;
      int tokenCursor = 0;
      RefWordTokenizer.Tokens lineTokens = null;

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
        int a = RefPyText.stripStart(text, lineStart, breakAt);
        int b = RefPyText.stripEnd(text, a, breakAt);
        if (a != lineStart || b != breakAt) {
          changed = true;
        }

        // Words of the stripped line, before citation removal.
        boolean tooLong = false;
        int words;
        if (c.maxWordLength() > 0 && b - a > c.maxWordLength()) {
          long packed = wordsAndLongest(text, a, b);
          words = (int) (packed >>> 32);
          tooLong = (int) packed > c.maxWordLength();
        } else {
          words = countWords(text, a, b, c.minWordsPerLine());
        }
        if (tooLong) {
          dropped[LONG_WORD]++;
          changed = true;
          continue;
        }
        String line = null; // non-null when citation removal changed the line
        if (c.removeCitations()) {
          line = removeCitations(text, a, b);
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
            ? (lowered.aligned ? lorem.within(a, b) : lowered.line(a, b).contains("lorem ipsum"))
            : lineLower.contains("lorem ipsum"))) {
          count(context, dropped);
          return Outcome.reject("c4_lorem_ipsum", "a line contains \"lorem ipsum\"");
        }
        if (c.dropJavascriptLines() && (line == null
            ? (lowered.aligned ? javascript.within(a, b) : lowered.line(a, b).contains("javascript"))
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
            sentences += RefSentenceCounter.count(tokens, tokenCursor, end);
            tokenCursor = end;
          } else {
            if (lineTokens == null) {
              lineTokens = new RefWordTokenizer.Tokens();
            }
            if (line == null) {
              lineTokens.reset(text, analysis.chars());
              RefWordTokenizer.tokenize(a, b, lineTokens);
            } else {
              lineTokens.reset(line, line.toCharArray());
              RefWordTokenizer.tokenize(0, line.length(), lineTokens);
            }
            sentences += lineTokens.count == 0 ? 1 : RefSentenceCounter.count(lineTokens, 0,
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
        int from = RefPyText.stripStart(out, 0, out.length());
        int to = RefPyText.stripEnd(out, from, out.length());
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
      if (line != null || !lowered.aligned) {
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
        String l = lowered.text.substring(a, b);
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
    static int countWords(String s, int a, int b, int enough) {
      int words = 0;
      boolean inWord = false;
      for (int i = a; i < b && words < enough; i++) {
        boolean space = RefPyText.isSpace(s.charAt(i));
        if (!space && !inWord) {
          words++;
        }
        inWord = !space;
      }
      return words;
    }

    /** Word count (high 32 bits) and longest word in code points (low 32 bits) of a line. */
    static long wordsAndLongest(String s, int a, int b) {
      int words = 0;
      int longest = 0;
      int i = a;
      while (i < b) {
        while (i < b && RefPyText.isSpace(s.charAt(i))) {
          i++;
        }
        if (i >= b) {
          break;
        }
        int start = i;
        while (i < b && !RefPyText.isSpace(s.charAt(i))) {
          i++;
        }
        words++;
        longest = Math.max(longest, s.codePointCount(start, i));
      }
      return ((long) words << 32) | longest;
    }

    /** The text in lower case, aligned index for index with the original when possible. */
    private static final class Lowered {
      final String original;
      final String text;
      final boolean aligned;

      Lowered(String original) {
        this.original = original;
        String lower = original.toLowerCase(Locale.ROOT);
        // A few characters change length in lower case (U+0130); then work line by line.
        this.aligned = lower.length() == original.length();
        this.text = aligned ? lower : original;
      }

      String line(int a, int b) {
        return original.substring(a, b).toLowerCase(Locale.ROOT);
      }
    }

    /** Finds a phrase's occurrences in order, each search starting where lines have got to. */
    private static final class Occurrences {
      private final String haystack;
      private final String needle;
      private int next = -2; // -2: not searched yet; -1: no more occurrences

      Occurrences(String haystack, String needle) {
        this.haystack = haystack;
        this.needle = needle;
      }

      boolean within(int a, int b) {
        if (next == -1) {
          return false;
        }
        if (next < a) {
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

  /**
   * The three datatrove quality filters as one stage: {@link RefGopherRepetitionFilter}, then {@link
   * RefGopherQualityFilter}, then {@link RefC4QualityFilter}, each optional, sharing one tokenization.
   * The rejection reason is the failing rule's own ({@code gopher_dup_line_frac}, {@code
   * gopher_too_few_words}, {@code c4_too_few_sentences}...).
   *
   * <p>The order is the one of datatrove's reference pipelines (its FineWeb and Common Crawl
   * examples run RefGopherRepetitionFilter, RefGopherQualityFilter, RefC4QualityFilter), and it matters: the
   * Gopher rules measure the page as extracted, so its repeated navigation lines, bullet lists and
   * trailing ellipses still count against it, whereas after C4 has dropped every line without final
   * punctuation those signals would be gone. C4 is also the only one that edits the text, so
   * running it last lets the Gopher rules share the tokens C4 then reuses to count sentences.
   *
   * <p>Thread-safe.
   */
  static final class RefQualityFilter implements DocumentProcessor {
    private final QualityConfig config;
    private final RefGopherRepetitionFilter repetition;
    private final RefGopherQualityFilter quality;
    private final RefC4QualityFilter c4;

    public RefQualityFilter(QualityConfig config) {
      this.config = config;
      repetition = config.gopherRepetitionEnabled()
          ? new RefGopherRepetitionFilter(config.gopherRepetition()) : null;
      quality = config.gopherQualityEnabled()
          ? new RefGopherQualityFilter(config.gopherQuality()) : null;
      c4 = config.c4Enabled() ? new RefC4QualityFilter(config.c4()) : null;
    }

    public RefQualityFilter() {
      this(QualityConfig.defaults());
    }

    public QualityConfig config() {
      return config;
    }

    @Override
    public String name() {
      return QualityConfig.NAME;
    }

    @Override
    public Outcome process(Document document, StageContext context) {
      RefTextAnalysis analysis = new RefTextAnalysis(document.text());
      if (repetition != null) {
        Optional<Outcome.Rejected> rejected = repetition.check(analysis);
        if (rejected.isPresent()) {
          return rejected.get();
        }
      }
      if (quality != null) {
        Optional<Outcome.Rejected> rejected = quality.check(analysis);
        if (rejected.isPresent()) {
          return rejected.get();
        }
      }
      if (c4 != null) {
        return c4.apply(document, analysis, repetition != null || quality != null, context);
      }
      return Outcome.keep(document);
    }
  }

}