package io.llmtrain.data.extract;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of {@link AutoExtractor} (processor {@code extract}), which extracts e-mail or
 * HTML per document, for corpora that mix them with plain text. Defaults:
 *
 * <ul>
 *   <li>{@code formatField = "format"}: metadata key that, when present, says what a document is
 *       ({@code email}, {@code html} or {@code text}); otherwise the content decides.
 *   <li>{@code html}, {@code email}: the configurations of the two extractors, defaults when not
 *       given (in parameter maps: nested maps of their own parameters).
 * </ul>
 */
public final class ExtractConfig implements StageSpec {
  public static final String NAME = "extract";

  private final String formatField;
  private final HtmlConfig html;
  private final EmailConfig email;

  private ExtractConfig(Builder b) {
    this.formatField = b.formatField;
    this.html = b.html;
    this.email = b.email;
  }

  public static ExtractConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static ExtractConfig fromParams(Params p) {
    ExtractConfig d = defaults();
    Builder b = builder().formatField(p.getString("formatField", d.formatField));
    if (p.has("html")) {
      b.html(HtmlConfig.fromParams(p.nested("html")));
    }
    if (p.has("email")) {
      b.email(EmailConfig.fromParams(p.nested("email")));
    }
    p.finish();
    return b.build();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatField", formatField);
    m.put("html", html.params());
    m.put("email", email.params());
    return Collections.unmodifiableMap(m);
  }

  public String formatField() {
    return formatField;
  }

  public HtmlConfig html() {
    return html;
  }

  public EmailConfig email() {
    return email;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtractConfig c && formatField.equals(c.formatField)
        && html.equals(c.html) && email.equals(c.email);
  }

  @Override
  public int hashCode() {
    return Objects.hash(formatField, html, email);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  public static final class Builder {
    private String formatField = "format";
    private HtmlConfig html = HtmlConfig.defaults();
    private EmailConfig email = EmailConfig.defaults();

    public Builder formatField(String value) {
      checkArgument(value != null && !value.isBlank(), "formatField must not be blank");
      this.formatField = value;
      return this;
    }

    public Builder html(HtmlConfig value) {
      this.html = Objects.requireNonNull(value, "html");
      return this;
    }

    public Builder email(EmailConfig value) {
      this.email = Objects.requireNonNull(value, "email");
      return this;
    }

    public ExtractConfig build() {
      return new ExtractConfig(this);
    }
  }
}
