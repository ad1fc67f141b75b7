package io.llmtrain.data.normalize;

import java.util.Locale;

/**
 * Kinds of spans that normalization can replace by a fixed token, so that a model sees one symbol
 * instead of countless distinct addresses, dates and figures. They are applied in declaration
 * order: a URL may contain an e-mail address or a date, and a date contains numbers.
 */
public enum Placeholder {
  /** {@code http://}, {@code https://}, {@code ftp://} and {@code www.} addresses. */
  URL("[URL]"),
  /** E-mail addresses such as {@code ana.souza@example.com.br}. */
  EMAIL("[EMAIL]"),
  /** Numeric (ISO, day/month/year) and written dates in English, Portuguese and more. */
  DATE("[DATE]"),
  /** Stand-alone integers and decimals, with sign and thousands separators. */
  NUMBER("[NUMBER]");

  private final String token;

  Placeholder(String token) {
    this.token = token;
  }

  /** The text that replaces each match, e.g. {@code [URL]}. */
  public String token() {
    return token;
  }

  /** The name used in configurations, e.g. {@code url}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
