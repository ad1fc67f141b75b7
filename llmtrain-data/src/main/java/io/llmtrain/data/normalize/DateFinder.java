package io.llmtrain.data.normalize;

import static io.llmtrain.data.normalize.TextChars.digitsEnd;
import static io.llmtrain.data.normalize.TextChars.digitsValue;
import static io.llmtrain.data.normalize.TextChars.isAsciiDigit;
import static io.llmtrain.data.normalize.TextChars.isHorizontalSpace;
import static io.llmtrain.data.normalize.TextChars.standsAloneAfter;
import static io.llmtrain.data.normalize.TextChars.standsAloneBefore;

/**
 * Finds dates. Candidates are looked for only at runs of ASCII digits, so text without digits
 * costs one scan. Recognized forms (case is ignored, years have four digits):
 * <ul>
 *   <li>ISO: {@code 2024-03-12}, with an optional time {@code 2024-03-12T10:15:00Z}
 *       ({@code T}, minutes, optional seconds and fraction, optional {@code Z} or offset), and
 *       {@code 2024/03/12}, {@code 2024.03.12};</li>
 *   <li>day or month first, one separator throughout: {@code 12/03/2024}, {@code 12-03-2024},
 *       {@code 12.03.2024}; one of the first two fields must be a month (1..12), the other a day;
 *       </li>
 *   <li>day first, written: {@code 3 March 2024}, {@code 3 de março de 2024},
 *       {@code 1º de janeiro de 2024}, {@code 3 de marzo del 2024}, {@code 1er mars 2024},
 *       {@code 3. März 2024}, {@code 3rd of March, 2024}, abbreviations with or without a period;
 *       </li>
 *   <li>month first, English: {@code March 3, 2024}, {@code Mar. 3, 2024},
 *       {@code March 3rd 2024}.</li>
 * </ul>
 * Not dates: times ({@code 10:30}), versions ({@code 1.2.3}), two-digit years, dates without a
 * year or without a day ({@code 3 de março}, {@code March 2024}), anything glued to a word or to
 * further digits ({@code 12/03/2024/7}, {@code v2024-03-12}).
 */
final class DateFinder {
  private DateFinder() {
  }

  static Replacements find(String s) {
    Replacements r = new Replacements(s);
    int n = s.length();
    int floor = 0;
    int i = 0;
    while (i < n) {
      if (!isAsciiDigit(s.charAt(i))) {
        i++;
        continue;
      }
      int runEnd = digitsEnd(s, i);
      int start = monthFirstStart(s, i, floor);
      int end = start >= 0 ? monthFirstEnd(s, i, runEnd) : -1;
      if (end < 0 || !standsAloneBefore(s, start) || !standsAloneAfter(s, end)) {
        start = i;
        end = -1;
        if (standsAloneBefore(s, i)) {
          end = numericEnd(s, i, runEnd);
          if (end < 0 || !standsAloneAfter(s, end)) {
            end = dayFirstEnd(s, i, runEnd);
            if (end >= 0 && !standsAloneAfter(s, end)) {
              end = -1;
            }
          }
        }
      }
      if (end < 0) {
        i = runEnd;
        continue;
      }
      r.replace(start, end, Placeholder.DATE.token());
      floor = end;
      i = end;
    }
    return r;
  }

  // ---- numeric forms --------------------------------------------------------------------------

  private static int numericEnd(String s, int start, int firstEnd) {
    int n = s.length();
    int firstLength = firstEnd - start;
    if (firstEnd >= n) {
      return -1;
    }
    char sep = s.charAt(firstEnd);
    if (sep != '-' && sep != '/' && sep != '.') {
      return -1;
    }
    int second = firstEnd + 1;
    int secondEnd = digitsEnd(s, second);
    int secondLength = secondEnd - second;
    if (secondLength < 1 || secondLength > 2 || secondEnd >= n || s.charAt(secondEnd) != sep) {
      return -1;
    }
    int third = secondEnd + 1;
    int thirdEnd = digitsEnd(s, third);
    int thirdLength = thirdEnd - third;
    if (firstLength == 4) {
      // Year first: year, month, day.
      if (thirdLength < 1 || thirdLength > 2) {
        return -1;
      }
      int month = digitsValue(s, second, secondEnd);
      int day = digitsValue(s, third, thirdEnd);
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        return -1;
      }
      if (sep == '-' && secondLength == 2 && thirdLength == 2 && thirdEnd < n
          && (s.charAt(thirdEnd) == 'T' || s.charAt(thirdEnd) == 't')) {
        int timeEnd = isoTimeEnd(s, thirdEnd + 1);
        return timeEnd >= 0 ? timeEnd : thirdEnd;
      }
      return thirdEnd;
    }
    if (firstLength > 2 || thirdLength != 4) {
      return -1;
    }
    int a = digitsValue(s, start, firstEnd);
    int b = digitsValue(s, second, secondEnd);
    boolean dayMonth = a >= 1 && a <= 31 && b >= 1 && b <= 12;
    boolean monthDay = a >= 1 && a <= 12 && b >= 1 && b <= 31;
    return dayMonth || monthDay ? thirdEnd : -1;
  }

  /** hh:mm[:ss[.fff]][Z|±hh[:]mm|±hh], starting after the 'T'; -1 if malformed. */
  private static int isoTimeEnd(String s, int from) {
    int p = twoDigits(s, from, 23);
    if (p < 0 || p >= s.length() || s.charAt(p) != ':') {
      return -1;
    }
    p = twoDigits(s, p + 1, 59);
    if (p < 0) {
      return -1;
    }
    int n = s.length();
    if (p < n && s.charAt(p) == ':') {
      int seconds = twoDigits(s, p + 1, 60);
      if (seconds < 0) {
        return -1;
      }
      p = seconds;
      if (p + 1 < n && (s.charAt(p) == '.' || s.charAt(p) == ',') && isAsciiDigit(s.charAt(p + 1))) {
        p = digitsEnd(s, p + 1);
      }
    }
    if (p < n && (s.charAt(p) == 'Z' || s.charAt(p) == 'z')) {
      return p + 1;
    }
    if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
      int digits = digitsEnd(s, p + 1) - (p + 1);
      if (digits == 4) {
        // Compact offset: ±hhmm.
        int hours = digitsValue(s, p + 1, p + 3);
        int minutes = digitsValue(s, p + 3, p + 5);
        return hours <= 23 && minutes <= 59 ? p + 5 : -1;
      }
      int hours = twoDigits(s, p + 1, 23);
      if (hours < 0) {
        return -1;
      }
      if (hours < n && s.charAt(hours) == ':') {
        return twoDigits(s, hours + 1, 59);
      }
      return hours;
    }
    return p;
  }

  /** End of exactly two digits at {@code from} with a value up to {@code max}, else -1. */
  private static int twoDigits(String s, int from, int max) {
    if (from + 2 > s.length() || digitsEnd(s, from) != from + 2) {
      return -1;
    }
    return digitsValue(s, from, from + 2) <= max ? from + 2 : -1;
  }

  // ---- written forms, day first ---------------------------------------------------------------

  private static int dayFirstEnd(String s, int start, int dayEnd) {
    if (!isDay(s, start, dayEnd)) {
      return -1;
    }
    int n = s.length();
    int p = ordinalEnd(s, dayEnd, true);
    int afterDay = spacesEnd(s, p);
    if (afterDay == p) {
      return -1;
    }
    p = afterDay;
    int connector = connectorEnd(s, p, "de", "of");
    if (connector >= 0) {
      int next = spacesEnd(s, connector);
      if (next == connector) {
        return -1;
      }
      p = next;
    }
    int monthStart = p;
    int monthEnd = wordEnd(s, monthStart);
    if (!MonthNames.isMonth(s, monthStart, monthEnd)) {
      return -1;
    }
    p = monthEnd;
    if (p < n && s.charAt(p) == '.' && MonthNames.isAbbreviation(s, monthStart, monthEnd)) {
      p++;
    }
    return yearAfterMonth(s, p, true);
  }

  // ---- written forms, month first (English) ---------------------------------------------------

  /** Start of an English month name before the day at {@code dayStart}, or -1. */
  private static int monthFirstStart(String s, int dayStart, int floor) {
    int k = dayStart;
    while (k > floor && isHorizontalSpace(s.charAt(k - 1))) {
      k--;
    }
    if (k == dayStart) {
      return -1;
    }
    boolean period = k > floor && s.charAt(k - 1) == '.';
    if (period) {
      k--;
    }
    int wordEnd = k;
    while (k > floor && Character.isLetter(s.charAt(k - 1))) {
      k--;
    }
    if (k == wordEnd || !MonthNames.isEnglishMonth(s, k, wordEnd)) {
      return -1;
    }
    if (period && !MonthNames.isAbbreviation(s, k, wordEnd)) {
      return -1;
    }
    return k;
  }

  private static int monthFirstEnd(String s, int dayStart, int dayEnd) {
    if (!isDay(s, dayStart, dayEnd)) {
      return -1;
    }
    return yearAfterMonth(s, ordinalEnd(s, dayEnd, false), false);
  }

  // ---- shared pieces --------------------------------------------------------------------------

  /**
   * After the month (or the day, month first): optional comma, spaces, an optional "de"/"del"
   * (day first only) and a four-digit year. Returns the end of the year or -1.
   */
  private static int yearAfterMonth(String s, int from, boolean allowConnector) {
    int n = s.length();
    int p = from;
    if (p < n && s.charAt(p) == ',') {
      p++;
    }
    int next = spacesEnd(s, p);
    if (next == p) {
      return -1;
    }
    p = next;
    if (allowConnector) {
      int connector = connectorEnd(s, p, "de", "del");
      if (connector >= 0) {
        next = spacesEnd(s, connector);
        if (next == connector) {
          return -1;
        }
        p = next;
      }
    }
    int yearEnd = digitsEnd(s, p);
    return yearEnd - p == 4 ? yearEnd : -1;
  }

  private static boolean isDay(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 2) {
      return false;
    }
    int day = digitsValue(s, from, to);
    return day >= 1 && day <= 31;
  }

  /**
   * Skips an ordinal mark right after the day: "st", "nd", "rd", "th"; when {@code romance},
   * also "º", "ª", "°", "o", "a" (NFKC turns º into o), French "er" and the German period.
   */
  private static int ordinalEnd(String s, int from, boolean romance) {
    int n = s.length();
    if (from >= n) {
      return from;
    }
    char c = s.charAt(from);
    if (romance && (c == 'º' || c == 'ª' || c == '°' || c == '.')) {
      return from + 1;
    }
    int end = wordEnd(s, from);
    int length = end - from;
    if (length == 2) {
      String suffix = s.substring(from, end);
      if (suffix.equalsIgnoreCase("st") || suffix.equalsIgnoreCase("nd")
          || suffix.equalsIgnoreCase("rd") || suffix.equalsIgnoreCase("th")
          || (romance && suffix.equalsIgnoreCase("er"))) {
        return end;
      }
    } else if (romance && length == 1 && (c == 'o' || c == 'a' || c == 'O' || c == 'A')) {
      return end;
    }
    return from;
  }

  private static int connectorEnd(String s, int from, String first, String second) {
    int end = wordEnd(s, from);
    String word = s.substring(from, end);
    return word.equalsIgnoreCase(first) || word.equalsIgnoreCase(second) ? end : -1;
  }

  private static int wordEnd(String s, int from) {
    int n = s.length();
    int i = from;
    while (i < n && Character.isLetter(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int spacesEnd(String s, int from) {
    int n = s.length();
    int i = from;
    while (i < n && isHorizontalSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
