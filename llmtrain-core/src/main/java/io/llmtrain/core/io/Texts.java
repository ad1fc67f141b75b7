package io.llmtrain.core.io;

/** Small text measurements used across modules. */
public final class Texts {
  private Texts() {
  }

  /**
   * The number of bytes UTF-8 needs for this text. Unlike Guava's {@code Utf8.encodedLength} it
   * does not throw on an unpaired surrogate (input not yet repaired has them); it counts the three
   * bytes of the replacement character a writer would emit.
   */
  public static long utf8Length(CharSequence s) {
    long n = 0;
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** Whether the text has a surrogate without its pair (invalid UTF-16, not encodable). */
  public static boolean hasLoneSurrogate(CharSequence s) {
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      }
    }
    return false;
  }

  /** Replaces each unpaired surrogate with {@code replacement}; the same string if none. */
  public static String replaceLoneSurrogates(String s, String replacement) {
    if (!hasLoneSurrogate(s)) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(replacement);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
