package io.llmtrain.core.io;

/**
 * HTML helpers shared by the reports the library writes (training and evaluation), so they escape
 * text the same way and share one look.
 */
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

  /**
   * Starts a self-contained report page: the head with {@code title} (escaped) and the reports'
   * shared style sheet, {@code css} holding the page's own rules, then the body's heading.
   */
  public static void startPage(StringBuilder h, String title, String css) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em auto;max-width:960px;")
        .append("color:#222}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}\n")
        .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;")
        .append("vertical-align:top}\n")
        .append("th{background:#f3f3f3;font-weight:normal}\n")
        .append(css)
        .append("img{max-width:100%;display:block;margin:.5em 0}\n")
        .append("footer{color:#777;font-size:.85em;margin-top:2em}\n</style>\n</head>\n<body>\n");
    h.append("<h1>").append(escape(title)).append("</h1>\n");
  }
}
