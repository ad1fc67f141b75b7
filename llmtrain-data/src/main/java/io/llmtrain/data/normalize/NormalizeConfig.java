package io.llmtrain.data.normalize;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the {@code normalize} stage ({@link TextNormalizer}). Every step can be
 * switched on its own; the defaults (NFC, punctuation, whitespace) change the look of text but
 * never its words, so they are safe for any corpus.
 *
 * <table>
 * <caption>Parameters</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code form}</td><td>{@code nfc}</td><td>Unicode normalization form: {@code nfc},
 *     {@code nfkc} (also folds full-width forms, ligatures, superscripts) or {@code none}</td></tr>
 * <tr><td>{@code lowercase}</td><td>{@code false}</td><td>lower-case the text</td></tr>
 * <tr><td>{@code locale}</td><td>{@code und} (root)</td><td>BCP 47 tag whose lower-casing rules
 *     apply, e.g. {@code tr} maps I to dotless ı</td></tr>
 * <tr><td>{@code stripAccents}</td><td>{@code false}</td><td>remove diacritics from Latin and
 *     Greek letters (ação → acao); letters without a decomposition (ß, ø, æ, đ, ł) stay</td></tr>
 * <tr><td>{@code punctuation}</td><td>{@code true}</td><td>straight quotes, ASCII dashes, "..."
 *     for the ellipsis, ASCII spaces</td></tr>
 * <tr><td>{@code emDash}</td><td>{@code hyphen}</td><td>what an em dash becomes when
 *     {@code punctuation} is on (ignored otherwise): {@code hyphen} ("-"),
 *     {@code double-hyphen} ("--") or {@code keep}</td></tr>
 * <tr><td>{@code whitespace}</td><td>{@code true}</td><td>collapse space runs, trim lines, keep at
 *     most one blank line between paragraphs, trim the document</td></tr>
 * <tr><td>{@code placeholders}</td><td>none</td><td>any of {@code url}, {@code email},
 *     {@code date}, {@code number}</td></tr>
 * </table>
 */
public final class NormalizeConfig implements StageSpec {
  /** The processor name. */
  public static final String NAME = "normalize";

  /** Unicode normalization form applied first. */
  public enum Form {
    /** Canonical composition: changes how text is encoded, never what it shows. */
    NFC,
    /** Compatibility composition: also folds ligatures, full-width and superscript forms. */
    NFKC,
    /** Leave the encoding as it is. */
    NONE
  }

  /** What an em dash (and the horizontal bar) becomes under punctuation standardization. */
  public enum EmDash {
    /** A single ASCII hyphen-minus, like every other dash. */
    HYPHEN,
    /** Two hyphens, the typewriter convention, so the em dash stays distinguishable. */
    DOUBLE_HYPHEN,
    /** Left as it is. */
    KEEP
  }

  private static final NormalizeConfig DEFAULTS = new Builder().build();

  private final Form form;
  private final boolean lowercase;
  private final Locale locale;
  private final boolean stripAccents;
  private final boolean punctuation;
  private final EmDash emDash;
  private final boolean whitespace;
  private final Set<Placeholder> placeholders;

  private NormalizeConfig(Builder b) {
    this.form = b.form;
    this.lowercase = b.lowercase;
    this.locale = b.locale;
    this.stripAccents = b.stripAccents;
    this.punctuation = b.punctuation;
    this.emDash = b.emDash;
    this.whitespace = b.whitespace;
    this.placeholders = b.placeholders.isEmpty()
        ? Collections.emptySet()
        : Collections.unmodifiableSet(EnumSet.copyOf(b.placeholders));
  }

  /** NFC, punctuation and whitespace standardization; no case, accent or placeholder changes. */
  public static NormalizeConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads parameters strictly: unknown keys and invalid values fail with a ConfigException. */
  public static NormalizeConfig fromParams(Params p) {
    Builder b = builder()
        .form(p.getEnum("form", Form.class, Form.NFC))
        .lowercase(p.getBoolean("lowercase", false));
    String tag = p.getString("locale", "und");
    try {
      b.locale(tag);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Parameter 'locale' of '" + NAME + "' must be a BCP 47 language "
          + "tag such as 'en', 'pt-BR' or 'tr', got '" + tag + "'");
    }
    b.stripAccents(p.getBoolean("stripAccents", false))
        .punctuation(p.getBoolean("punctuation", true))
        .emDash(p.getEnum("emDash", EmDash.class, EmDash.HYPHEN))
        .whitespace(p.getBoolean("whitespace", true));
    List<Placeholder> kinds = new ArrayList<>();
    for (String name : p.getList("placeholders", List.of())) {
      kinds.add(placeholder(name));
    }
    b.placeholders(kinds);
    p.finish();
    return b.build();
  }

  private static Placeholder placeholder(String name) {
    for (Placeholder kind : Placeholder.values()) {
      if (kind.key().equals(name.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    List<String> known = new ArrayList<>();
    for (Placeholder kind : Placeholder.values()) {
      known.add(kind.key());
    }
    throw new ConfigException("Parameter 'placeholders' of '" + NAME + "' takes "
        + String.join(", ", known) + "; got '" + name + "'");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("form", enumKey(form));
    m.put("lowercase", lowercase);
    m.put("locale", locale.toLanguageTag());
    m.put("stripAccents", stripAccents);
    m.put("punctuation", punctuation);
    m.put("emDash", enumKey(emDash));
    m.put("whitespace", whitespace);
    List<String> kinds = new ArrayList<>();
    for (Placeholder kind : placeholders) {
      kinds.add(kind.key());
    }
    m.put("placeholders", List.copyOf(kinds));
    return Collections.unmodifiableMap(m);
  }

  private static String enumKey(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Form form() {
    return form;
  }

  public boolean lowercase() {
    return lowercase;
  }

  /** The locale whose case rules apply; {@link Locale#ROOT} unless configured. */
  public Locale locale() {
    return locale;
  }

  public boolean stripAccents() {
    return stripAccents;
  }

  public boolean punctuation() {
    return punctuation;
  }

  public EmDash emDash() {
    return emDash;
  }

  public boolean whitespace() {
    return whitespace;
  }

  /** The enabled placeholder kinds, in application order. */
  public Set<Placeholder> placeholders() {
    return placeholders;
  }

  public Builder toBuilder() {
    return new Builder()
        .form(form)
        .lowercase(lowercase)
        .locale(locale)
        .stripAccents(stripAccents)
        .punctuation(punctuation)
        .emDash(emDash)
        .whitespace(whitespace)
        .placeholders(placeholders);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NormalizeConfig c && form == c.form && lowercase == c.lowercase
        && locale.equals(c.locale) && stripAccents == c.stripAccents
        && punctuation == c.punctuation && emDash == c.emDash && whitespace == c.whitespace
        && placeholders.equals(c.placeholders);
  }

  @Override
  public int hashCode() {
    return Objects.hash(form, lowercase, locale, stripAccents, punctuation, emDash, whitespace,
        placeholders);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link NormalizeConfig}; starts from the defaults. */
  public static final class Builder {
    private Form form = Form.NFC;
    private boolean lowercase;
    private Locale locale = Locale.ROOT;
    private boolean stripAccents;
    private boolean punctuation = true;
    private EmDash emDash = EmDash.HYPHEN;
    private boolean whitespace = true;
    private Set<Placeholder> placeholders = EnumSet.noneOf(Placeholder.class);

    private Builder() {
    }

    public Builder form(Form value) {
      this.form = requireNonNull(value, "form");
      return this;
    }

    public Builder lowercase(boolean value) {
      this.lowercase = value;
      return this;
    }

    public Builder locale(Locale value) {
      this.locale = requireNonNull(value, "locale");
      return this;
    }

    /**
     * A BCP 47 tag such as {@code en}, {@code pt-BR} or {@code tr}; {@code und}, {@code root} or
     * the empty string mean the root locale (no language-specific rules).
     *
     * @throws IllegalArgumentException if the tag is not well-formed
     */
    public Builder locale(String tag) {
      requireNonNull(tag, "locale");
      String t = tag.trim();
      if (t.isEmpty() || t.equalsIgnoreCase("root") || t.equalsIgnoreCase("und")) {
        this.locale = Locale.ROOT;
        return this;
      }
      try {
        this.locale = new Locale.Builder().setLanguageTag(t.replace('_', '-')).build();
      } catch (IllformedLocaleException e) {
        throw new IllegalArgumentException("'" + tag + "' is not a BCP 47 language tag", e);
      }
      return this;
    }

    public Builder stripAccents(boolean value) {
      this.stripAccents = value;
      return this;
    }

    public Builder punctuation(boolean value) {
      this.punctuation = value;
      return this;
    }

    public Builder emDash(EmDash value) {
      this.emDash = requireNonNull(value, "emDash");
      return this;
    }

    public Builder whitespace(boolean value) {
      this.whitespace = value;
      return this;
    }

    /** Replaces the set of enabled placeholders. */
    public Builder placeholders(Collection<Placeholder> kinds) {
      requireNonNull(kinds, "placeholders");
      EnumSet<Placeholder> copy = EnumSet.noneOf(Placeholder.class);
      for (Placeholder kind : kinds) {
        copy.add(requireNonNull(kind, "placeholder"));
      }
      this.placeholders = copy;
      return this;
    }

    public Builder placeholders(Placeholder... kinds) {
      return placeholders(List.of(kinds));
    }

    public NormalizeConfig build() {
      return new NormalizeConfig(this);
    }
  }
}
