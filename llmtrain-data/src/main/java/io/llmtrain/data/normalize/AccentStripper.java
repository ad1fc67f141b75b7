package io.llmtrain.data.normalize;

import com.ibm.icu.text.Normalizer2;

/**
 * Removes diacritics from Latin and Greek letters: "ação" → "acao", "Ångström" → "Angstrom",
 * "ά" → "α".
 *
 * <p>Works on the canonical decomposition (NFD) of each letter and drops the marks of the generic
 * combining-diacritics blocks, whether the text is precomposed or already decomposed. Decisions:
 * <ul>
 *   <li>Letters that have no decomposition stay: ß, ø, æ, œ, đ, ł, ı, þ. Accent stripping is not
 *       transliteration to ASCII; "Straße" stays "Straße".</li>
 *   <li>Only marks on Latin and Greek letters go. On Cyrillic letters they distinguish letters
 *       (й is not и), and the vowel signs and viramas of Indic, Arabic, Hebrew or Thai script are
 *       not accents (they are not in the generic blocks either). A mark on a symbol stays too:
 *       "≠" must not become "=".</li>
 *   <li>Everything not touched keeps its exact encoding, so with {@code form=none} the rest of the
 *       text is not recomposed behind the user's back.</li>
 * </ul>
 */
final class AccentStripper {
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();

  private AccentStripper() {
  }

  /** Returns the text without diacritics on Latin and Greek letters; the same instance if none. */
  static String strip(String text) {
    int n = text.length();
    int first = 0;
    // No char below U+00C0 decomposes or is a combining mark.
    while (first < n && text.charAt(first) < 0xC0) {
      first++;
    }
    if (first == n) {
      return text;
    }
    StringBuilder out = null;
    boolean afterStrippableBase = first > 0 && isAsciiLetter(text.charAt(first - 1));
    int i = first;
    while (i < n) {
      int cp = text.codePointAt(i);
      int size = Character.charCount(cp);
      if (cp < 0xC0) {
        if (out != null) {
          out.append((char) cp);
        }
        afterStrippableBase = isAsciiLetter(cp);
        i += size;
        continue;
      }
      if (isStrippableMark(cp)) {
        if (afterStrippableBase) {
          if (out == null) {
            out = new StringBuilder(n).append(text, 0, i);
          }
        } else if (out != null) {
          out.appendCodePoint(cp);
        }
        // A mark keeps the state of its base: a second accent on a stripped letter goes too.
        i += size;
        continue;
      }
      if (isNonSpacingMark(cp)) {
        // Script-specific marks (vowel signs, viramas...) are kept and keep the base's state.
        if (out != null) {
          out.appendCodePoint(cp);
        }
        i += size;
        continue;
      }
      boolean strippableBase = isLatinOrGreekLetter(cp);
      String decomposition = strippableBase ? NFD.getDecomposition(cp) : null;
      if (decomposition != null && hasStrippableMark(decomposition)) {
        if (out == null) {
          out = new StringBuilder(n).append(text, 0, i);
        }
        for (int k = 0; k < decomposition.length(); ) {
          int d = decomposition.codePointAt(k);
          if (!isStrippableMark(d)) {
            out.appendCodePoint(d);
          }
          k += Character.charCount(d);
        }
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      afterStrippableBase = strippableBase;
      i += size;
    }
    return out == null ? text : out.toString();
  }

  private static boolean hasStrippableMark(String decomposition) {
    for (int k = 0; k < decomposition.length(); k++) {
      if (isStrippableMark(decomposition.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isLatinOrGreekLetter(int cp) {
    if (cp < 0x80) {
      return isAsciiLetter(cp);
    }
    if (!Character.isLetter(cp)) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.LATIN || script == Character.UnicodeScript.GREEK;
  }

  private static boolean isNonSpacingMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }

  /** Marks of the generic combining-diacritics blocks: the accents of Latin and Greek. */
  static boolean isStrippableMark(int cp) {
    boolean inBlock = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF)
        || (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF)
        || (cp >= 0xFE20 && cp <= 0xFE2F);
    if (!inBlock) {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK;
  }
}
