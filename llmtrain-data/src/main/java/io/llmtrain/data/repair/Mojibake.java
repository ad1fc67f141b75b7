package io.llmtrain.data.repair;

/**
 * Repairs mojibake: UTF-8 text that was decoded as Windows-1252 or ISO-8859-1, so that "ação"
 * reads "aÃ§Ã£o" and a curly apostrophe reads "â€™". Each such sequence (a character that is a
 * UTF-8 lead byte followed by the right number of characters that are continuation bytes) is
 * re-encoded and decoded as UTF-8, sequence by sequence, so text that mixes good and broken parts
 * is repaired where it is broken. Text encoded twice is repaired by repeating the pass.
 *
 * <p>Correct text must survive, so a sequence is only replaced when
 * <ul>
 *   <li>its bytes are valid UTF-8 (no overlong forms, no surrogates);
 *   <li>the character it stands for is one that real text uses: Latin letters and symbols, Greek,
 *       Cyrillic, Hebrew and Arabic letters, combining accents after a letter, and any assigned,
 *       non-private character beyond U+0800. This alone keeps "“É”" (which would read "ɔ") and
 *       "SÓ»" (Cyrillic "ӻ") intact;
 *   <li>it cannot also be read as real text. Every sequence begins with a Latin-1 letter, so the
 *       real reading is a letter followed by punctuation (closing quotes, dashes, ellipsis,
 *       guillemets, a no-break space...): a Portuguese word in capitals ending in "Ã" before a
 *       quote ("IRMÔ), a standalone capital letter in quotes ("„Ä“"), or "é" before "…”". Such
 *       ambiguous sequences are only repaired in a document that also contains an unambiguous one.
 *       A continuation that no real text puts after a letter ("Ã£", "Ã§", "â€") is unambiguous,
 *       and so is a sequence followed directly by a letter or, for two-byte sequences, preceded by
 *       a lower-case letter, because real punctuation does not sit inside a word.
 * </ul>
 * In a document that has unambiguous mojibake, "Ã" and "Â" followed by a plain space (the no-break
 * space after them was flattened) are also read as "à" and a space.
 */
public final class Mojibake {
  /** Double and triple encodings are common; more layers than this are not worth a pass each. */
  private static final int MAX_PASSES = 3;
  private static final long NO_MATCH = -1;
  private static final long AMBIGUOUS = 1L << 40;
  private static final int NOTHING = -1;

  /** Continuation bytes whose Windows-1252 character real text often puts right after a letter. */
  private static final boolean[] AFTER_LETTER = new boolean[0x40];

  static {
    for (char c : "\u2018\u2019\u201C\u201D\u2026\u2013\u2014\u2039\u203A\u2122\u2022\u00AB\u00BB"
        .concat("\u00A0\u00B0\u00B7\u00A9\u00AE").toCharArray()) {
      AFTER_LETTER[Windows1252.byteOf(c) - 0x80] = true;
    }
  }

  private Mojibake() {
  }

  /** Returns the text with mojibake repaired; the same instance when there is none. */
  public static String fix(String text) {
    return fix(text, new int[1]);
  }

  /**
   * As {@link #fix(String)}, adding the number of repaired sequences to {@code fixed[0]} (a
   * sequence repaired in two passes of a double encoding counts twice).
   */
  public static String fix(String text, int[] fixed) {
    String s = text;
    boolean evidence = false;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      if (!evidence) {
        evidence = hasUnambiguous(s);
      }
      String next = pass(s, evidence, fixed);
      if (next == s) {
        break;
      }
      s = next;
    }
    return s;
  }

  /** Whether a sequence that may be mojibake starts at {@code i}: the cheap pre-check. */
  public static boolean mayStartAt(String s, int i) {
    char c = s.charAt(i);
    if (c < 0xC2 || c > 0xF4 || i + 1 >= s.length()) {
      return false;
    }
    int b = Windows1252.byteOf(s.charAt(i + 1));
    return b >= 0x80 && b <= 0xBF;
  }

  private static boolean hasUnambiguous(String s) {
    for (int i = 0, n = s.length() - 1; i < n; i++) {
      if (mayStartAt(s, i)) {
        long m = match(s, i, i > 0 ? s.charAt(i - 1) : ' ');
        if (m != NO_MATCH && (m & AMBIGUOUS) == 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static String pass(String s, boolean evidence, int[] fixed) {
    StringBuilder out = null;
    int copied = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0xC2 || c > 0xF4) {
        continue;
      }
      int codePoint;
      int span;
      char prevOut = out != null && copied == i && out.length() > 0 ? out.charAt(out.length() - 1)
          : i > 0 ? s.charAt(i - 1) : ' ';
      long m = match(s, i, prevOut);
      if (m != NO_MATCH && (evidence || (m & AMBIGUOUS) == 0)) {
        codePoint = (int) (m >>> 8 & 0x1FFFFF);
        span = (int) (m & 0xFF);
      } else if (evidence && (c == '\u00C3' || c == '\u00C2') && i + 1 < n
          && s.charAt(i + 1) == ' ' && !(i > 0 && Character.isUpperCase(s.charAt(i - 1)))) {
        // "Ã" + no-break space is "à", "Â" + no-break space is a no-break space, and the
        // no-break space became a plain one. A doubled space had the text's own space after it.
        boolean doubled = i + 2 < n && s.charAt(i + 2) == ' ';
        codePoint = c == '\u00C3' ? '\u00E0' : NOTHING;
        span = c == '\u00C3' && doubled ? 2 : 1;
      } else {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, i);
      if (codePoint != NOTHING) {
        out.appendCodePoint(codePoint);
      }
      copied = i + span;
      i += span - 1;
      fixed[0]++;
    }
    if (out == null) {
      return s;
    }
    return out.append(s, copied, n).toString();
  }

  /**
   * The sequence starting at {@code i} (whose character is U+00C2-U+00F4): the code point it
   * stands for (bits 8-28), the characters it spans (bits 0-7) and the {@link #AMBIGUOUS} flag; or
   * {@link #NO_MATCH}. {@code prev} is the character before it, as repaired so far.
   */
  private static long match(String s, int i, char prev) {
    int n = s.length();
    char lead = s.charAt(i);
    int continuations = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    if (i + continuations >= n) {
      return NO_MATCH;
    }
    int cp = lead & (continuations == 1 ? 0x1F : continuations == 2 ? 0x0F : 0x07);
    boolean allAfterLetter = true;
    for (int k = 1; k <= continuations; k++) {
      char ch = s.charAt(i + k);
      int b = Windows1252.byteOf(ch);
      if (b < 0x80 || b > 0xBF) {
        // Decoders turn the undefined byte 0x9D into U+FFFD, so the right double quote (E2 80 9D)
        // commonly arrives as "â€" + U+FFFD; nothing else starting with "â€" ends that way.
        if (k == 2 && ch == '\uFFFD' && lead == '\u00E2' && s.charAt(i + 1) == '\u20AC') {
          return (long) 0x201D << 8 | 3;
        }
        return NO_MATCH;
      }
      if (k == 1 && !validSecondByte(lead, b)) {
        return NO_MATCH;
      }
      cp = cp << 6 | (b & 0x3F);
      allAfterLetter &= AFTER_LETTER[b - 0x80];
    }
    int after = i + continuations + 1;
    char next = after < n ? s.charAt(after) : ' ';
    if (!plausible(cp, prev)) {
      return NO_MATCH;
    }
    long result = (long) cp << 8 | (continuations + 1);
    if (allAfterLetter && couldBeRealText(lead, continuations, prev, next)) {
      result |= AMBIGUOUS;
    }
    return result;
  }

  /** Rules out overlong forms, UTF-16 surrogates and code points above U+10FFFF. */
  private static boolean validSecondByte(char lead, int b) {
    return switch (lead) {
      case '\u00E0' -> b >= 0xA0;
      case '\u00ED' -> b <= 0x9F;
      case '\u00F0' -> b >= 0x90;
      case '\u00F4' -> b <= 0x8F;
      default -> true;
    };
  }

  /**
   * Whether the lead letter followed by punctuation could be what the author wrote, given the
   * characters around it. Punctuation does not sit inside a word, so a letter right after the
   * sequence means mojibake.
   */
  private static boolean couldBeRealText(char lead, int continuations, char prev, char next) {
    if (Character.isLetter(next)) {
      return false;
    }
    if (continuations > 1) {
      // A lower-case Latin-1 letter ending a word or standing alone ("é") before two punctuation
      // marks, such as "é…”".
      return true;
    }
    return switch (lead) {
      // No word ends in "Â".
      case '\u00C2' -> false;
      // Only the end of a word in capitals ("IRMÃ"): "Ã" is not a word of its own.
      case '\u00C3' -> Character.isUpperCase(prev);
      // The end of a word in capitals, or a capital letter on its own ("„Ä“", "Ó!").
      default -> !Character.isLowerCase(prev);
    };
  }

  /** Whether real text plausibly contains this character here. */
  private static boolean plausible(int cp, char prev) {
    if (cp < 0xA0) {
      // A C1 control is no text, but in text encoded twice through ISO-8859-1 ("Ã¢Â\u0080Â\u0099"
      // for "’") it is the middle layer: a continuation byte after a lead byte or another one.
      return cp >= 0x80 && (prev >= 0xC2 && prev <= 0xF4 || prev >= 0x80 && prev < 0xA0);
    }
    if (cp < 0x800) {
      return cp <= 0x17F                // Latin-1 symbols and letters, Latin Ext-A
          || cp >= 0x218 && cp <= 0x21B                 // Romanian comma-below letters
          || cp >= 0x300 && cp <= 0x36F && Character.isLetter(prev) // decomposed accents
          || cp >= 0x386 && cp <= 0x3CE                 // Greek
          || cp >= 0x400 && cp <= 0x45F || cp == 0x490 || cp == 0x491 // Cyrillic
          || cp >= 0x5D0 && cp <= 0x5EA                 // Hebrew letters
          || cp >= 0x621 && cp <= 0x64A;                // Arabic letters
    }
    if (cp == 0xFFFE || cp == 0xFFFF) {
      return false;
    }
    return switch (Character.getType(cp)) {
      case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE, Character.CONTROL ->
          false;
      default -> true;
    };
  }
}
