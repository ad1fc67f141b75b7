package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code pii} stage: replaces e-mail addresses, IP addresses, phone numbers and payment card
 * numbers with placeholders ({@code [EMAIL]}, {@code [IP]}, {@code [PHONE]}, {@code [CARD]}).
 *
 * <p>The detectors are hand-written scanners rather than regular expressions, and each runs only
 * when the text can hold what it looks for: e-mail only around '@', IPv6 only around ':', the
 * number detectors only when the text has a digit.
 *
 * <ul>
 *   <li>E-mail: a local part of letters, digits and {@code ._%+-}, '@', and a domain of at least
 *       two labels whose last is alphabetic and two or more letters long.
 *   <li>IPv4: four dot-separated numbers from 0 to 255 without leading zeros, not part of a longer
 *       dotted chain (1.2.3.4.5), not glued to letters (v1.2.3.4), not after a word that numbers
 *       things ("version", "versão", "revision", "section", "seção", "chapter", "artigo").
 *       Version numbers like 1.2.3 and dates like 12.05.2024 are not addresses.
 *   <li>IPv6: full, compressed ({@code ::}) and IPv4-suffixed forms with valid group counts and at
 *       least one digit, so clock times (12:30:45), MAC addresses and C++ scopes stay.
 *   <li>Payment cards: 13 to 19 digits, bare or in groups split by spaces or dashes, first digit 2
 *       to 6 (every card network), passing the Luhn check, not one repeated digit, not an ISBN-13
 *       (978/979), not a yyyyMMddHHmmss timestamp, not glued to an identifier ("2001...139.GB56@").
 *       A 16-digit number that fails Luhn is left alone.
 *   <li>Phones: international numbers (+CC, 8 to 15 digits); US numbers ((555) 123-4567,
 *       555-123-4567, 555.123.4567, 1-800-555-0199); Brazilian numbers ((11) 91234-5678,
 *       11 91234-5678, +55 11 91234-5678); European national numbers with a trunk 0
 *       (020 7946 0958, 01 23 45 67 89, (030) 1234567) or the 00 prefix (0044 20 7946 0958).
 *       Bare digit strings are never phones. Years, dates, times, prices, ordinary
 *       numbers, thousands ("1 234 567"), ISBNs and card numbers do not have these shapes.
 * </ul>
 *
 * <p>Counts {@code pii_email}, {@code pii_ip}, {@code pii_phone}, {@code pii_card}. Thread-safe.
 */
public final class PiiRedactor implements DocumentProcessor {
  public static final String COUNTER_EMAIL = "pii_email";
  public static final String COUNTER_IP = "pii_ip";
  public static final String COUNTER_PHONE = "pii_phone";
  public static final String COUNTER_CARD = "pii_card";

  static final int EMAIL = 0;
  static final int IPV6 = 1;
  static final int IPV4 = 2;
  static final int CARD = 3;
  static final int PHONE = 4;
  private static final String[] COUNTERS =
      {COUNTER_EMAIL, COUNTER_IP, COUNTER_IP, COUNTER_CARD, COUNTER_PHONE};

  /** Words after which a dotted quad is a version or section number, not an address. */
  private static final Set<String> NUMBERING_WORDS = Set.of("version", "versão", "versao", "ver",
      "v", "release", "build", "firmware", "revision", "rev", "revisão", "revisao", "section",
      "sec", "seção", "secao", "secção", "chapter", "capítulo", "capitulo", "article", "artigo",
      "art", "clause", "cláusula", "clausula", "item", "paragraph", "parágrafo", "paragrafo");

  private static final int MAX_GROUPS = 8;

  private final PiiConfig config;
  private final String[] placeholders;

  public PiiRedactor(PiiConfig config) {
    this.config = requireNonNull(config, "config");
    this.placeholders = new String[] {config.emailPlaceholder(), config.ipPlaceholder(),
        config.ipPlaceholder(), config.cardPlaceholder(), config.phonePlaceholder()};
  }

  /** Created on first use: a static field would tie class initialization to PiiConfig's. */
  private static final class DefaultHolder {
    static final PiiRedactor INSTANCE = new PiiRedactor(PiiConfig.defaults());
  }

  /** A shared redactor with the default configuration. */
  public static PiiRedactor withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public PiiConfig config() {
    return config;
  }

  @Override
  public String name() {
    return PiiConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    return Outcome.keep(document.withText(apply(document.text(), context)));
  }

  /** Redacts {@code text}; the same instance when it holds no PII. */
  public String apply(String text) {
    return apply(text, StageContext.NONE);
  }

  String apply(String text, StageContext context) {
    char[] chars = text.toCharArray();
    return apply(text, chars, context, Triage.scan(chars, Integer.MAX_VALUE));
  }

  /**
   * As {@link #apply(String)}, skipping detectors whose character {@code hints} (see
   * {@link Triage}) says is absent; {@code chars} are the characters of {@code text} when the
   * caller has them already, or null.
   */
  String apply(String text, char[] chars, StageContext context, int hints) {
    boolean email = config.email() && (hints & Triage.AT) != 0 && text.indexOf('@') >= 0;
    boolean ipv6 = config.ip() && (hints & Triage.COLON) != 0 && text.indexOf(':') >= 0;
    boolean numbers = (config.ip() || config.phone() || config.card())
        && (hints & Triage.DIGIT) != 0;
    if (!email && !ipv6 && !numbers) {
      return text;
    }
    char[] s = chars != null ? chars : text.toCharArray();
    Spans spans = new Spans();
    if (email) {
      findEmails(text, s, spans);
    }
    if (ipv6) {
      findIpv6(text, s, spans);
    }
    if (numbers) {
      findNumbers(s, spans);
    }
    if (spans.size == 0) {
      return text;
    }
    spans.sortAndResolve();
    TextEditor editor = new TextEditor(text);
    long[] counts = new long[COUNTERS.length];
    for (int k = 0; k < spans.size; k++) {
      int kind = spans.kind(k);
      editor.replace(spans.start(k), spans.end(k), placeholders[kind]);
      counts[kind]++;
    }
    for (int kind = 0; kind < counts.length; kind++) {
      if (counts[kind] > 0) {
        context.count(COUNTERS[kind], counts[kind]);
      }
    }
    return editor.result();
  }

  // ---------------------------------------------------------------- e-mail

  private static void findEmails(String text, char[] s, Spans spans) {
    int n = s.length;
    int from = 0;
    int at;
    while ((at = text.indexOf('@', from)) >= 0) {
      from = at + 1;
      int localStart = at;
      while (localStart > 0 && isLocalChar(s[localStart - 1])) {
        localStart--;
      }
      // Quotes, arrows and dots before the address are not part of it.
      while (localStart < at && !isLetterOrDigit(s[localStart])) {
        localStart++;
      }
      if (localStart == at || s[at - 1] == '.') {
        continue;
      }
      int domainEnd = at + 1;
      while (domainEnd < n && isDomainChar(s[domainEnd])) {
        domainEnd++;
      }
      while (domainEnd > at + 1 && (s[domainEnd - 1] == '.'
          || s[domainEnd - 1] == '-')) {
        domainEnd--;
      }
      if (validDomain(s, at + 1, domainEnd)) {
        spans.add(localStart, domainEnd, EMAIL);
        from = domainEnd;
      }
    }
  }

  private static boolean isLocalChar(char c) {
    return isLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomainChar(char c) {
    return isLetterOrDigit(c) || c == '.' || c == '-';
  }

  private static boolean isLetterOrDigit(char c) {
    if (c < 0x80) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c);
  }

  /** At least two labels, none empty or edged with '-', the last alphabetic and 2+ long. */
  private static boolean validDomain(char[] s, int from, int to) {
    int labels = 0;
    int labelStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s[i] == '.') {
        int len = i - labelStart;
        if (len == 0 || len > 63 || s[labelStart] == '-' || s[i - 1] == '-') {
          return false;
        }
        labels++;
        if (i == to) {
          if (labels < 2 || len < 2) {
            return false;
          }
          for (int k = labelStart; k < to; k++) {
            if (!Character.isLetter(s[k])) {
              return false;
            }
          }
        }
        labelStart = i + 1;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- IPv6

  private static void findIpv6(String text, char[] s, Spans spans) {
    int n = s.length;
    int from = 0;
    int colon;
    while ((colon = text.indexOf(':', from)) >= 0) {
      int start = colon;
      while (start > 0 && isHexOrColon(s[start - 1])) {
        start--;
      }
      int end = colon + 1;
      while (end < n && (isHexOrColon(s[end]) || s[end] == '.')) {
        end++;
      }
      from = end;
      if (start > 0 && (isWordChar(s, start - 1) || s[start - 1] == '.')) {
        continue;
      }
      // A sentence may end right after the address.
      while (end > colon && s[end - 1] == '.') {
        end--;
      }
      if (end - start >= 2 && s[end - 1] == ':' && s[end - 2] != ':') {
        end--;
      }
      if (end < n && isWordChar(s, end)) {
        continue;
      }
      if (validIpv6(s, start, end)) {
        spans.add(start, end, IPV6);
      }
    }
  }

  private static boolean isHexOrColon(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
  }

  static boolean validIpv6(char[] s, int from, int to) {
    if (to - from < 2) {
      return false;
    }
    int groups = 0;
    int colons = 0;
    boolean compressed = false;
    boolean digit = false;
    int i = from;
    if (s[i] == ':') {
      if (s[i + 1] != ':') {
        return false;
      }
    }
    while (i < to) {
      char c = s[i];
      if (c == ':') {
        colons++;
        if (i + 1 < to && s[i + 1] == ':') {
          if (compressed) {
            return false;
          }
          compressed = true;
          colons++;
          i += 2;
          if (i < to && s[i] == ':') {
            return false;
          }
          continue;
        }
        i++;
        if (i == to) {
          return false;
        }
        continue;
      }
      int groupStart = i;
      while (i < to && s[i] != ':' && s[i] != '.') {
        i++;
      }
      if (i < to && s[i] == '.') {
        // An embedded IPv4 address ends the address and counts as two groups.
        if (!validIpv4(s, groupStart, to)) {
          return false;
        }
        groups += 2;
        digit = true;
        break;
      }
      int len = i - groupStart;
      if (len < 1 || len > 4) {
        return false;
      }
      for (int k = groupStart; k < i; k++) {
        if (s[k] <= '9') {
          digit = true;
        }
      }
      groups++;
    }
    if (!digit || colons < 2) {
      return false;
    }
    return compressed ? groups <= 7 : groups == 8;
  }

  private static boolean validIpv4(char[] s, int from, int to) {
    int parts = 0;
    int i = from;
    while (i <= to) {
      int start = i;
      int value = 0;
      while (i < to && s[i] >= '0' && s[i] <= '9') {
        value = value * 10 + (s[i] - '0');
        i++;
        if (i - start > 3) {
          return false;
        }
      }
      int len = i - start;
      if (len == 0 || value > 255 || (len > 1 && s[start] == '0')) {
        return false;
      }
      parts++;
      if (i == to) {
        break;
      }
      if (s[i] != '.') {
        return false;
      }
      i++;
    }
    return parts == 4;
  }

  // ---------------------------------------------------------------- numbers

  /**
   * One pass over the digit groups of the text: each candidate is parsed once into groups and
   * separators and then matched against the IPv4, card and phone shapes. The result is that of
   * calling {@link #numberAt} at every position it does not skip, starting at 0; the search
   * jumps straight to the positions where it can find more than nothing.
   */
  void findNumbers(char[] s, Spans spans) {
    int n = s.length;
    NumberShape shape = null;
    int i = 0;
    while ((i = nextNumberCandidate(s, i)) < n) {
      if (shape == null) {
        shape = SHAPES.get();
      }
      i = numberAt(s, i, shape, spans);
    }
  }

  /**
   * The first position from {@code i} on where {@link #numberAt} can do more than step to the
   * next character, or the length: the next digit, '+' or '(' that {@link #leftBoundaryOk} lets
   * start a number, or the next '(' (numberAt skips the digits after one that is glued to a
   * word). One table load per character and a branch that is rarely taken, even in text full of
   * digits inside words and identifiers.
   */
  private static int nextNumberCandidate(char[] s, int i) {
    final byte[] roles = NUMBER_ROLES;
    int n = s.length;
    int before = i == 0 ? MAY_FOLLOW : roles[s[i - 1]];
    while (i < n) {
      int role = roles[s[i]];
      if ((role & ((before & MAY_FOLLOW) << 1 | OPEN_PAREN)) != 0) {
        return i;
      }
      before = role;
      i++;
    }
    return n;
  }

  /**
   * Looks for a number starting at {@code i}, adding it to {@code spans}; returns where to look
   * next. {@code shape} is scratch.
   */
  int numberAt(char[] s, int i, NumberShape shape, Spans spans) {
    int n = s.length;
    char c = s[i];
    boolean digit = isDigit(c);
    if (!digit && c != '+' && c != '(') {
      return i + 1;
    }
    if (!digit && (i + 1 >= n || !isDigit(s[i + 1]))) {
      return i + 1;
    }
    if (!leftBoundaryOk(s, i)) {
      // Inside a word or a longer number ("Ge1:1", "x86", "3.14"): skip the rest of it.
      i++;
      while (i < n && isAsciiAlnum(s[i])) {
        i++;
      }
      return i;
    }
    if (!shape.parse(s, i)) {
      return Math.max(shape.end, i + 1);
    }
    int kind = classifyLongestPrefix(s, shape);
    if (kind >= 0) {
      spans.add(i, shape.end, kind);
      return shape.end;
    }
    // Retry from the next group that follows a space: "in 2019 call 555-123-4567".
    return shape.nextRetry();
  }

  /**
   * Classifies the longest run of leading groups that is a known shape. The greedy parse may have
   * joined numbers that only a space separates ("10.0.0.1 (555) 123-4567", "555-123-4567 2024"),
   * so shorter prefixes are tried too, but only ending at a space: a number cannot be cut inside
   * a dash or dot chain. Leaves the shape limited to the matched groups.
   */
  private int classifyLongestPrefix(char[] s, NumberShape shape) {
    int parsed = shape.groups;
    for (int k = parsed; k >= 1; k--) {
      boolean whole = k == parsed && !shape.truncated;
      if (!whole && (k < parsed ? shape.sep[k] : shape.sepAfterLast) != ' ') {
        continue;
      }
      shape.limit(k);
      if (whole && !rightBoundaryOk(s, shape.end)) {
        continue;
      }
      int kind = classify(s, shape);
      if (kind >= 0) {
        return kind;
      }
    }
    shape.limit(parsed);
    return -1;
  }

  private int classify(char[] s, NumberShape shape) {
    if (config.ip() && isIpv4(s, shape)) {
      return IPV4;
    }
    if (config.card() && isCard(s, shape)) {
      return CARD;
    }
    if (config.phone() && isPhone(s, shape)) {
      return PHONE;
    }
    return -1;
  }

  private static boolean isDigit(char c) {
    return c <= '9' && c >= '0';
  }

  /** {@link #NUMBER_ROLES}: {@link #leftBoundaryOk} lets a number start right after it. */
  private static final int MAY_FOLLOW = 1;
  /** {@link #NUMBER_ROLES}: a number can start with it (a digit, '+' or '('). */
  private static final int NUMBER_START = 2;
  /** {@link #NUMBER_ROLES}: '('. */
  private static final int OPEN_PAREN = 4;

  /** Per character, its roles above, for the search in {@link #findNumbers}. */
  private static final byte[] NUMBER_ROLES = new byte[0x10000];

  static {
    char[] pair = new char[2];
    for (int c = 0; c < NUMBER_ROLES.length; c++) {
      pair[0] = (char) c;
      int role = leftBoundaryOk(pair, 1) ? MAY_FOLLOW : 0;
      if (isDigit((char) c) || c == '+' || c == '(') {
        role |= NUMBER_START;
      }
      if (c == '(') {
        role |= OPEN_PAREN;
      }
      NUMBER_ROLES[c] = (byte) role;
    }
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isWordChar(char[] s, int i) {
    return CharTables.classOf(s[i]) == CharTables.WORD || s[i] == '_';
  }

  /** A number starts after white space or neutral punctuation, not inside a word or number. */
  private static boolean leftBoundaryOk(char[] s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s[i - 1];
    switch (p) {
      case '.': case ',': case '-': case '/': case '\\': case '+': case '_': case '@': case '=':
      case '&': case '%': case '^':
        return false;
      default:
        return CharTables.classOf(p) != CharTables.WORD;
    }
  }

  private static boolean rightBoundaryOk(char[] s, int end) {
    if (end >= s.length) {
      return true;
    }
    char c = s[end];
    if (isWordChar(s, end)) {
      return false;
    }
    if ((c == ',' || c == '-') && end + 1 < s.length && isDigit(s[end + 1])) {
      return false;
    }
    return true;
  }

  /** Four dotted numbers 0-255; a "/24" CIDR suffix may follow but is not redacted. */
  private static boolean isIpv4(char[] s, NumberShape shape) {
    if (shape.plus || shape.parens != 0 || shape.groups < 4 || shape.groups > 5
        || (shape.groups == 5 && (shape.sep[4] != '/' || shape.len[4] > 3))) {
      return false;
    }
    for (int g = 0; g < 4; g++) {
      int len = shape.len[g];
      if ((g > 0 && shape.sep[g] != '.') || len > 3
          || (len > 1 && s[shape.start[g]] == '0') || shape.value(s, g) > 255) {
        return false;
      }
    }
    if (afterNumberingWord(s, shape.start[0])) {
      return false;
    }
    shape.end = shape.start[3] + shape.len[3];
    return true;
  }

  private static boolean afterNumberingWord(char[] s, int start) {
    int i = start;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ':')) {
      i--;
    }
    int wordEnd = i;
    while (i > 0 && Character.isLetter(s[i - 1])) {
      i--;
    }
    if (i == wordEnd || wordEnd - i > 10) {
      return false;
    }
    return NUMBERING_WORDS.contains(new String(s, i, wordEnd - i).toLowerCase(Locale.ROOT));
  }

  private static boolean isCard(char[] s, NumberShape shape) {
    if (shape.plus || shape.parens != 0 || shape.digits < 13 || shape.digits > 19) {
      return false;
    }
    if (shape.groups > 1) {
      char sep = shape.sep[1];
      if ((sep != ' ' && sep != '-') || !shape.allSeparators(sep)) {
        return false;
      }
      for (int g = 0; g < shape.groups; g++) {
        if (shape.len[g] < 3) {
          return false;
        }
      }
    }
    char first = s[shape.start[0]];
    if (first < '2' || first > '6') {
      return false;
    }
    // Part of an identifier such as a Message-ID ("<20010918112139.GB5613@host>")?
    int end = shape.end;
    if (end + 1 < s.length && (s[end] == '.' || s[end] == '@' || s[end] == '_' || s[end] == ':')
        && isAsciiAlnum(s[end + 1])) {
      return false;
    }
    String digits = shape.digitString(s);
    if (digits.length() == 13 && (digits.startsWith("978") || digits.startsWith("979"))) {
      return false;
    }
    if (shape.groups == 1 && digits.length() == 14 && looksLikeTimestamp(digits)) {
      return false;
    }
    boolean oneDigit = true;
    for (int k = 1; k < digits.length(); k++) {
      if (digits.charAt(k) != first) {
        oneDigit = false;
        break;
      }
    }
    return !oneDigit && Luhn.isValid(digits);
  }

  /** yyyyMMddHHmmss from 1900 to 2099, as in mail headers and log lines. */
  private static boolean looksLikeTimestamp(String d) {
    int century = Integer.parseInt(d.substring(0, 2));
    int month = Integer.parseInt(d.substring(4, 6));
    int day = Integer.parseInt(d.substring(6, 8));
    int hour = Integer.parseInt(d.substring(8, 10));
    return (century == 19 || century == 20) && month >= 1 && month <= 12 && day >= 1 && day <= 31
        && hour <= 23;
  }

  private static boolean isPhone(char[] s, NumberShape shape) {
    int groups = shape.groups;
    int digits = shape.digits;
    if (shape.plus) {
      // +CC followed by the national number; E.164 allows at most 15 digits.
      return shape.len[0] <= 3 && !shape.paren[0] && digits >= 8 && digits <= 15
          && (groups >= 2 || digits >= 10) && shape.len[groups - 1] >= 2 && shape.parens <= 1;
    }
    char first = s[shape.start[0]];
    if (shape.paren[0]) {
      return isAreaCodeInParens(shape, first) && shape.parens == 1;
    }
    if (shape.parens != 0) {
      return false;
    }
    if (groups == 3 && shape.len[0] == 3 && shape.len[1] == 3 && shape.len[2] == 4
        && first >= '2' && isUsSeparator(shape.sep[1]) && shape.allSeparators(shape.sep[1])) {
      return true; // 555-123-4567, 555.123.4567, 555 123 4567
    }
    if (groups == 4 && shape.len[0] == 1 && first == '1' && shape.len[1] == 3
        && shape.len[2] == 3 && shape.len[3] == 4 && isUsSeparator(shape.sep[1])
        && shape.allSeparators(shape.sep[1])) {
      return true; // 1-800-555-0199
    }
    if (groups == 3 && shape.len[0] == 2 && first != '0' && shape.sep[1] == ' '
        && (shape.sep[2] == '-' || shape.sep[2] == ' ') && shape.len[2] == 4
        && (shape.len[1] == 4 || (shape.len[1] == 5 && s[shape.start[1]] == '9'))) {
      return true; // 11 91234-5678, 21 2345-6789
    }
    if (first == '0' && groups >= 2 && shape.len[0] >= 2 && shape.len[0] <= 5
        && shape.allSeparators(shape.sep[1])) {
      for (int g = 1; g < groups; g++) {
        if (shape.len[g] < 2 || shape.len[g] > 8) {
          return false;
        }
      }
      char second = s[shape.start[0] + 1];
      if (second == '0') {
        // 00 is the international prefix: 0044 20 7946 0958.
        return shape.len[0] >= 3 && s[shape.start[0] + 2] != '0'
            && digits - 2 >= 8 && digits - 2 <= 15;
      }
      return digits >= 9 && digits <= 11; // 020 7946 0958, 01 23 45 67 89, 030/1234567
    }
    return false;
  }

  private static boolean isUsSeparator(char c) {
    return c == '-' || c == '.' || c == ' ';
  }

  /** (11) 91234-5678, (555) 123-4567, (030) 1234567, (0xx) ... */
  private static boolean isAreaCodeInParens(NumberShape shape, char first) {
    int area = shape.len[0];
    boolean areaOk = (area == 2 && first != '0') || (area == 3 && (first >= '2' || first == '0'))
        || (area == 4 && first == '0');
    if (!areaOk || shape.groups < 2 || shape.groups > 3) {
      return false;
    }
    int rest = shape.digits - area;
    if (rest < 7 || rest > 9 || shape.len[shape.groups - 1] < 4) {
      return false;
    }
    for (int g = 1; g < shape.groups; g++) {
      if (shape.len[g] < 3) {
        return false;
      }
    }
    return true;
  }

  /** One parser per thread: {@link NumberShape#parse} starts afresh, and parsing never nests. */
  private static final ThreadLocal<NumberShape> SHAPES = ThreadLocal.withInitial(NumberShape::new);

  /** A candidate number parsed into digit groups and the separators between them. */
  static final class NumberShape {
    final int[] start = new int[MAX_GROUPS];
    final int[] len = new int[MAX_GROUPS];
    final boolean[] paren = new boolean[MAX_GROUPS];
    /** sep[g]: the separator before group g (0 when the groups touch, after a parenthesis). */
    final char[] sep = new char[MAX_GROUPS];
    /** Where each group ends, after its closing parenthesis if it has one. */
    final int[] groupEnd = new int[MAX_GROUPS];
    boolean plus;
    int groups;
    int digits;
    int parens;
    int end;
    /** True when parsing stopped at a limit although more groups followed. */
    boolean truncated;
    /** The separator after the last parsed group when truncated. */
    char sepAfterLast;

    /**
     * Parses greedily from {@code from} ('+', '(' or a digit). Returns false when the text there
     * cannot be any of the shapes (too many digits or groups, an unclosed parenthesis); then
     * {@link #end} says where to continue.
     */
    boolean parse(char[] s, int from) {
      int n = s.length;
      int pos = from;
      plus = s[pos] == '+';
      if (plus) {
        pos++;
      }
      groups = 0;
      digits = 0;
      parens = 0;
      truncated = false;
      char pendingSep = 0;
      while (true) {
        int groupBegin = pos;
        boolean inParen = s[pos] == '(';
        if (inParen) {
          pos++;
        }
        int groupStart = pos;
        while (pos < n && isDigit(s[pos])) {
          pos++;
        }
        int length = pos - groupStart;
        if (groups > 0 && (groups == MAX_GROUPS || digits + length > 19)) {
          // Too long for any shape from here on; the groups so far may still be one.
          truncated = true;
          sepAfterLast = pendingSep;
          end = groupEnd[groups - 1];
          return true;
        }
        if (length == 0 || length > 19) {
          end = skipDigitsAndSeparators(s, Math.max(pos, groupBegin + 1));
          return false;
        }
        if (inParen) {
          if (pos >= n || s[pos] != ')') {
            end = pos;
            return false;
          }
          pos++;
          parens++;
        }
        start[groups] = groupStart;
        len[groups] = length;
        paren[groups] = inParen;
        sep[groups] = pendingSep;
        groupEnd[groups] = pos;
        groups++;
        digits += length;
        end = pos;
        if (pos >= n) {
          return true;
        }
        char c = s[pos];
        if (inParen && (isDigit(c) || c == '(')) {
          pendingSep = 0;
          continue;
        }
        if ((c == ' ' || c == '-' || c == '.' || c == '/' || c == '\u00A0') && pos + 1 < n) {
          char d = s[pos + 1];
          if (isDigit(d) || (d == '(' && pos + 2 < n && isDigit(s[pos + 2]))) {
            pendingSep = c == '\u00A0' ? ' ' : c;
            pos++;
            continue;
          }
        }
        if (c == '(' && plus && pos + 1 < n && isDigit(s[pos + 1])) {
          pendingSep = 0;
          continue;
        }
        return true;
      }
    }

    private static int skipDigitsAndSeparators(char[] s, int pos) {
      while (pos < s.length && (isDigit(s[pos]) || s[pos] == '-'
          || s[pos] == '.' || s[pos] == '/')) {
        pos++;
      }
      return pos;
    }

    /** Restricts the shape to its first {@code k} groups. */
    void limit(int k) {
      groups = k;
      digits = 0;
      parens = 0;
      for (int g = 0; g < k; g++) {
        digits += len[g];
        if (paren[g]) {
          parens++;
        }
      }
      end = groupEnd[k - 1];
    }

    /** True when every separator between groups is {@code c}. */
    boolean allSeparators(char c) {
      for (int g = 1; g < groups; g++) {
        if (sep[g] != c) {
          return false;
        }
      }
      return true;
    }

    /** Where to look next after a failed match: the first group after a space, or the end. */
    int nextRetry() {
      for (int g = 1; g < groups; g++) {
        if (sep[g] == ' ') {
          return start[g];
        }
      }
      return end;
    }

    int value(char[] s, int g) {
      int v = 0;
      for (int k = start[g]; k < start[g] + len[g]; k++) {
        v = v * 10 + (s[k] - '0');
      }
      return v;
    }

    String digitString(char[] s) {
      StringBuilder b = new StringBuilder(digits);
      for (int g = 0; g < groups; g++) {
        b.append(s, start[g], len[g]);
      }
      return b.toString();
    }
  }

  /** Found spans as (start, end, kind) triples. */
  static final class Spans {
    private int[] data;
    int size;

    void add(int start, int end, int kind) {
      if (data == null) {
        data = new int[12];
      } else if (size * 3 == data.length) {
        data = Arrays.copyOf(data, data.length * 2);
      }
      data[size * 3] = start;
      data[size * 3 + 1] = end;
      data[size * 3 + 2] = kind;
      size++;
    }

    int start(int k) {
      return data[k * 3];
    }

    int end(int k) {
      return data[k * 3 + 1];
    }

    int kind(int k) {
      return data[k * 3 + 2];
    }

    /**
     * Orders the spans and removes overlaps, keeping the more specific kind (e-mail before IP
     * before card before phone): "555-123-4567@example.com" is one e-mail address.
     */
    void sortAndResolve() {
      // By start, then by the order found (a stable sort): start and index in one long.
      long[] order = new long[size];
      for (int k = 0; k < size; k++) {
        order[k] = (long) start(k) << 32 | k;
      }
      Arrays.sort(order);
      int[] sorted = new int[size * 3];
      int kept = 0;
      for (long key : order) {
        int idx = (int) key;
        int s = start(idx);
        int e = end(idx);
        int kind = kind(idx);
        if (kept > 0 && s < sorted[(kept - 1) * 3 + 1]) {
          if (kind < sorted[(kept - 1) * 3 + 2]) {
            kept--;
          } else {
            continue;
          }
        }
        sorted[kept * 3] = s;
        sorted[kept * 3 + 1] = e;
        sorted[kept * 3 + 2] = kind;
        kept++;
      }
      data = sorted;
      size = kept;
    }
  }
}
