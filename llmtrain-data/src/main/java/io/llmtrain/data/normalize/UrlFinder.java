package io.llmtrain.data.normalize;

import static io.llmtrain.data.normalize.TextChars.isAsciiLetter;
import static io.llmtrain.data.normalize.TextChars.isWordChar;

/**
 * Finds web addresses: {@code http://}, {@code https://} and {@code ftp://} followed by a host,
 * and {@code www.} followed by a host with at least one more dot. Candidates are located with
 * {@link String#indexOf}, so text without "://" or "www." costs almost nothing.
 *
 * <p>A URL runs over the characters URLs are made of (letters of any script included) and then
 * gives back trailing punctuation that belongs to the sentence: "see https://example.com/a."
 * keeps its period, "(https://example.com)" its parenthesis, while the balanced parentheses of
 * "https://en.wikipedia.org/wiki/Java_(programming_language)" stay in the URL. Square brackets
 * end a URL, so a placeholder token is never swallowed.
 */
final class UrlFinder {
  private UrlFinder() {
  }

  static Replacements find(String s) {
    Replacements r = new Replacements(s);
    int n = s.length();
    int floor = 0;
    int scheme = s.indexOf("://");
    int www = nextWww(s, 0);
    while (scheme >= 0 || www >= 0) {
      int start;
      int end = -1;
      if (scheme >= 0 && (www < 0 || scheme < www)) {
        // "://" at 'scheme': the scheme letters precede it.
        start = scheme;
        while (start > floor && isAsciiLetter(s.charAt(start - 1))) {
          start--;
        }
        if (isKnownScheme(s, start, scheme) && (start == 0 || !isWordChar(s.charAt(start - 1)))
            && scheme + 3 < n && isWordChar(s.charAt(scheme + 3))) {
          end = bodyEnd(s, start, scheme + 3, true);
        }
        if (end < 0) {
          scheme = s.indexOf("://", scheme + 3);
          continue;
        }
      } else {
        start = www;
        if (start >= floor && (start == 0 || precedesWww(s.charAt(start - 1)))) {
          end = bodyEnd(s, start, start + 4, false);
          if (!isWwwHost(s, start + 4, end)) {
            end = -1;
          }
        }
        if (end < 0) {
          www = nextWww(s, www + 4);
          continue;
        }
      }
      r.replace(start, end, Placeholder.URL.token());
      floor = end;
      if (scheme >= 0 && scheme < end) {
        scheme = s.indexOf("://", end);
      }
      if (www >= 0 && www < end) {
        www = nextWww(s, end);
      }
    }
    return r;
  }

  /** Next "www." in any case, from {@code from}; -1 if none. */
  private static int nextWww(String s, int from) {
    int dot = s.indexOf('.', from + 3);
    while (dot >= 0) {
      int start = dot - 3;
      if (isW(s.charAt(start)) && isW(s.charAt(start + 1)) && isW(s.charAt(start + 2))) {
        return start;
      }
      dot = s.indexOf('.', dot + 1);
    }
    return -1;
  }

  private static boolean isW(char c) {
    return c == 'w' || c == 'W';
  }

  private static boolean isKnownScheme(String s, int from, int to) {
    int length = to - from;
    return (length == 4 && s.regionMatches(true, from, "http", 0, 4))
        || (length == 5 && s.regionMatches(true, from, "https", 0, 5))
        || (length == 3 && s.regionMatches(true, from, "ftp", 0, 3));
  }

  /** "www." must start a word; after '@' it is a mail domain, after '/' or '.' part of a URL. */
  private static boolean precedesWww(char c) {
    return !isWordChar(c) && c != '.' && c != '-' && c != '_' && c != '@' && c != '/';
  }

  /** The host after "www." has a dot between word chars. */
  private static boolean isWwwHost(String s, int from, int end) {
    boolean dot = false;
    for (int k = from; k < end; k++) {
      char c = s.charAt(k);
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
      if (c == '.' && k > from && k + 1 < end && isWordChar(s.charAt(k - 1))
          && isWordChar(s.charAt(k + 1))) {
        dot = true;
      }
    }
    return dot;
  }

  /**
   * End of the URL body starting at {@code from}, after trailing punctuation is given back. Only a
   * URL with a scheme may contain '@' (user info): "www.x.org:ana@example.com" is an address
   * followed by an e-mail address, and deciding otherwise from the text after the '@' would not
   * survive the e-mail placeholder on a second pass.
   */
  private static int bodyEnd(String s, int start, int from, boolean allowAt) {
    int n = s.length();
    int end = from;
    while (end < n && isUrlChar(s.charAt(end)) && (allowAt || s.charAt(end) != '@')) {
      end++;
    }
    while (end > from) {
      char last = s.charAt(end - 1);
      if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?'
          || last == '\'' || last == '*') {
        end--;
      } else if (last == ')' && count(s, start, end, '(') < count(s, start, end, ')')) {
        end--;
      } else {
        break;
      }
    }
    return end > from ? end : -1;
  }

  private static int count(String s, int from, int to, char c) {
    int count = 0;
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == c) {
        count++;
      }
    }
    return count;
  }

  private static boolean isUrlChar(char c) {
    if (c < 0x80) {
      if (isAsciiLetter(c) || (c >= '0' && c <= '9')) {
        return true;
      }
      return switch (c) {
        case '-', '.', '_', '~', ':', '/', '?', '#', '@', '!', '$', '&', '\'', '(', ')', '*', '+',
            ',', ';', '=', '%' -> true;
        default -> false;
      };
    }
    return isWordChar(c);
  }
}
