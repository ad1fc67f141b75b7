package io.llmtrain.core.io;

/** HTML helpers shared by the reports the library writes (training and evaluation). */
public final class Html {
  private Html() {}

  /**
   * Escapes text for HTML element content and quoted attribute values: {@code & < > " '}
   * become entities, everything else is kept as is.
   */
  public static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
