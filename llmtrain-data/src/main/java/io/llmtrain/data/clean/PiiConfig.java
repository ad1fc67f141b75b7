package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@code pii} stage ({@link PiiRedactor}).
 *
 * <p>Parameters, each kind switchable with its placeholder: {@code email} (default true,
 * {@code emailPlaceholder} "[EMAIL]"), {@code ip} (IPv4 and IPv6, default true,
 * {@code ipPlaceholder} "[IP]"), {@code phone} (default true, {@code phonePlaceholder}
 * "[PHONE]"), {@code card} (Luhn-valid payment card numbers, default true,
 * {@code cardPlaceholder} "[CARD]").
 */
public final class PiiConfig implements StageSpec {
  public static final String NAME = "pii";

  private static final PiiConfig DEFAULTS = builder().build();

  private final boolean email;
  private final boolean ip;
  private final boolean phone;
  private final boolean card;
  private final String emailPlaceholder;
  private final String ipPlaceholder;
  private final String phonePlaceholder;
  private final String cardPlaceholder;

  private PiiConfig(Builder b) {
    this.email = b.email;
    this.ip = b.ip;
    this.phone = b.phone;
    this.card = b.card;
    this.emailPlaceholder = b.emailPlaceholder;
    this.ipPlaceholder = b.ipPlaceholder;
    this.phonePlaceholder = b.phonePlaceholder;
    this.cardPlaceholder = b.cardPlaceholder;
  }

  public static PiiConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static PiiConfig fromParams(Params p) {
    Builder b = read(p, "");
    p.finish();
    return Configs.build(NAME, b::build);
  }

  static Builder read(Params p, String prefix) {
    Builder b = builder();
    b.email(p.getBoolean(prefix + "email", b.email));
    b.ip(p.getBoolean(prefix + "ip", b.ip));
    b.phone(p.getBoolean(prefix + "phone", b.phone));
    b.card(p.getBoolean(prefix + "card", b.card));
    b.emailPlaceholder(p.getString(prefix + "emailPlaceholder", b.emailPlaceholder));
    b.ipPlaceholder(p.getString(prefix + "ipPlaceholder", b.ipPlaceholder));
    b.phonePlaceholder(p.getString(prefix + "phonePlaceholder", b.phonePlaceholder));
    b.cardPlaceholder(p.getString(prefix + "cardPlaceholder", b.cardPlaceholder));
    return b;
  }

  public boolean email() {
    return email;
  }

  public boolean ip() {
    return ip;
  }

  public boolean phone() {
    return phone;
  }

  public boolean card() {
    return card;
  }

  public String emailPlaceholder() {
    return emailPlaceholder;
  }

  public String ipPlaceholder() {
    return ipPlaceholder;
  }

  public String phonePlaceholder() {
    return phonePlaceholder;
  }

  public String cardPlaceholder() {
    return cardPlaceholder;
  }

  /** True when at least one kind of PII is redacted. */
  public boolean anyEnabled() {
    return email || ip || phone || card;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return params("");
  }

  Map<String, Object> params(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "email", email);
    m.put(prefix + "ip", ip);
    m.put(prefix + "phone", phone);
    m.put(prefix + "card", card);
    m.put(prefix + "emailPlaceholder", emailPlaceholder);
    m.put(prefix + "ipPlaceholder", ipPlaceholder);
    m.put(prefix + "phonePlaceholder", phonePlaceholder);
    m.put(prefix + "cardPlaceholder", cardPlaceholder);
    return m;
  }

  public Builder toBuilder() {
    return builder().email(email).ip(ip).phone(phone).card(card)
        .emailPlaceholder(emailPlaceholder).ipPlaceholder(ipPlaceholder)
        .phonePlaceholder(phonePlaceholder).cardPlaceholder(cardPlaceholder);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiiConfig c && email == c.email && ip == c.ip && phone == c.phone
        && card == c.card && emailPlaceholder.equals(c.emailPlaceholder)
        && ipPlaceholder.equals(c.ipPlaceholder) && phonePlaceholder.equals(c.phonePlaceholder)
        && cardPlaceholder.equals(c.cardPlaceholder);
  }

  @Override
  public int hashCode() {
    return Objects.hash(email, ip, phone, card, emailPlaceholder, ipPlaceholder, phonePlaceholder,
        cardPlaceholder);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link PiiConfig}; starts from the defaults. */
  public static final class Builder {
    private boolean email = true;
    private boolean ip = true;
    private boolean phone = true;
    private boolean card = true;
    private String emailPlaceholder = "[EMAIL]";
    private String ipPlaceholder = "[IP]";
    private String phonePlaceholder = "[PHONE]";
    private String cardPlaceholder = "[CARD]";

    private Builder() {
    }

    public Builder email(boolean email) {
      this.email = email;
      return this;
    }

    public Builder ip(boolean ip) {
      this.ip = ip;
      return this;
    }

    public Builder phone(boolean phone) {
      this.phone = phone;
      return this;
    }

    public Builder card(boolean card) {
      this.card = card;
      return this;
    }

    public Builder emailPlaceholder(String placeholder) {
      this.emailPlaceholder = requireNonNull(placeholder, "emailPlaceholder");
      return this;
    }

    public Builder ipPlaceholder(String placeholder) {
      this.ipPlaceholder = requireNonNull(placeholder, "ipPlaceholder");
      return this;
    }

    public Builder phonePlaceholder(String placeholder) {
      this.phonePlaceholder = requireNonNull(placeholder, "phonePlaceholder");
      return this;
    }

    public Builder cardPlaceholder(String placeholder) {
      this.cardPlaceholder = requireNonNull(placeholder, "cardPlaceholder");
      return this;
    }

    public PiiConfig build() {
      PiiConfig config = new PiiConfig(this);
      // A placeholder that is itself PII would be redacted again on a second pass. The probe
      // detects every kind and uses the default placeholders, so a placeholder such as
      // "x@y.com" cannot pass by replacing itself with itself.
      PiiRedactor redactor = new PiiRedactor(new PiiConfig(new Builder()));
      for (String placeholder : new String[] {emailPlaceholder, ipPlaceholder, phonePlaceholder,
          cardPlaceholder}) {
        checkArgument(placeholder.indexOf('\n') < 0 && placeholder.indexOf('\r') < 0,
            "a PII placeholder must be a single line, got '%s'", placeholder);
        String probe = "x " + placeholder + " x";
        checkArgument(redactor.apply(probe).equals(probe),
            "the PII placeholder '%s' looks like PII itself; choose one such as [EMAIL]",
            placeholder);
      }
      return config;
    }
  }
}
