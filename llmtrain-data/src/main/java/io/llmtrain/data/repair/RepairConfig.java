package io.llmtrain.data.repair;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of text repair (processor {@code repair}, {@link TextRepairer}). Every repair can
 * be switched off; defaults:
 *
 * <ul>
 *   <li>{@code fixMojibake = true}: UTF-8 text that was read as Windows-1252 or Latin-1
 *       ("aÃ§Ã£o", "â€™") is decoded again as UTF-8, conservatively (see {@link Mojibake}).
 *   <li>{@code fixC1Controls = true}: the C1 controls U+0080-U+009F that Windows-1252 gives a
 *       meaning become that character ("\u0096" becomes "–", "\u0085" "…"). Text never uses
 *       them as controls; they appear when Windows-1252 text was read as ISO-8859-1.
 *   <li>{@code removeControlChars = true}: C0 and C1 control characters other than tab and line
 *       feed are removed, and the noncharacters U+FFFE/U+FFFF with them; form feed, vertical tab
 *       and next-line (U+0085) separate lines, so they become a line feed instead.
 *   <li>{@code normalizeNewlines = true}: CR LF and a lone CR become LF.
 *   <li>{@code removeSurrogates = true}: UTF-16 surrogates without their pair, which no encoding
 *       can write, are removed.
 *   <li>{@code removeReplacementChars = false}: when true, U+FFFD (left where some earlier decoder
 *       met bytes it could not read) is removed. Off by default because it marks damage that
 *       quality filters may want to see, and removing it can join the words around it.
 *   <li>{@code removeZeroWidth = true}: zero-width space, word joiner, byte-order mark (U+FEFF)
 *       and soft hyphen are removed; zero-width (non-)joiners are removed next to ASCII or
 *       whitespace, and kept between other characters, where they shape Indic and Persian text and
 *       join emoji.
 * </ul>
 */
public final class RepairConfig implements StageSpec {
  public static final String NAME = "repair";

  private final boolean fixMojibake;
  private final boolean fixC1Controls;
  private final boolean removeControlChars;
  private final boolean normalizeNewlines;
  private final boolean removeSurrogates;
  private final boolean removeReplacementChars;
  private final boolean removeZeroWidth;

  private RepairConfig(Builder b) {
    this.fixMojibake = b.fixMojibake;
    this.fixC1Controls = b.fixC1Controls;
    this.removeControlChars = b.removeControlChars;
    this.normalizeNewlines = b.normalizeNewlines;
    this.removeSurrogates = b.removeSurrogates;
    this.removeReplacementChars = b.removeReplacementChars;
    this.removeZeroWidth = b.removeZeroWidth;
  }

  public static RepairConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static RepairConfig fromParams(Params p) {
    RepairConfig d = defaults();
    Builder b = builder()
        .fixMojibake(p.getBoolean("fixMojibake", d.fixMojibake))
        .fixC1Controls(p.getBoolean("fixC1Controls", d.fixC1Controls))
        .removeControlChars(p.getBoolean("removeControlChars", d.removeControlChars))
        .normalizeNewlines(p.getBoolean("normalizeNewlines", d.normalizeNewlines))
        .removeSurrogates(p.getBoolean("removeSurrogates", d.removeSurrogates))
        .removeReplacementChars(p.getBoolean("removeReplacementChars", d.removeReplacementChars))
        .removeZeroWidth(p.getBoolean("removeZeroWidth", d.removeZeroWidth));
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
    m.put("fixMojibake", fixMojibake);
    m.put("fixC1Controls", fixC1Controls);
    m.put("removeControlChars", removeControlChars);
    m.put("normalizeNewlines", normalizeNewlines);
    m.put("removeSurrogates", removeSurrogates);
    m.put("removeReplacementChars", removeReplacementChars);
    m.put("removeZeroWidth", removeZeroWidth);
    return Collections.unmodifiableMap(m);
  }

  public boolean fixMojibake() {
    return fixMojibake;
  }

  public boolean fixC1Controls() {
    return fixC1Controls;
  }

  public boolean removeControlChars() {
    return removeControlChars;
  }

  public boolean normalizeNewlines() {
    return normalizeNewlines;
  }

  public boolean removeSurrogates() {
    return removeSurrogates;
  }

  public boolean removeReplacementChars() {
    return removeReplacementChars;
  }

  public boolean removeZeroWidth() {
    return removeZeroWidth;
  }

  public Builder toBuilder() {
    return builder()
        .fixMojibake(fixMojibake)
        .fixC1Controls(fixC1Controls)
        .removeControlChars(removeControlChars)
        .normalizeNewlines(normalizeNewlines)
        .removeSurrogates(removeSurrogates)
        .removeReplacementChars(removeReplacementChars)
        .removeZeroWidth(removeZeroWidth);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RepairConfig c
        && fixMojibake == c.fixMojibake
        && fixC1Controls == c.fixC1Controls
        && removeControlChars == c.removeControlChars
        && normalizeNewlines == c.normalizeNewlines
        && removeSurrogates == c.removeSurrogates
        && removeReplacementChars == c.removeReplacementChars
        && removeZeroWidth == c.removeZeroWidth;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fixMojibake, fixC1Controls, removeControlChars, normalizeNewlines, removeSurrogates,
        removeReplacementChars, removeZeroWidth);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link RepairConfig}; starts from the defaults. */
  public static final class Builder {
    private boolean fixMojibake = true;
    private boolean fixC1Controls = true;
    private boolean removeControlChars = true;
    private boolean normalizeNewlines = true;
    private boolean removeSurrogates = true;
    private boolean removeReplacementChars = false;
    private boolean removeZeroWidth = true;

    private Builder() {
    }

    public Builder fixMojibake(boolean v) {
      this.fixMojibake = v;
      return this;
    }

    public Builder fixC1Controls(boolean v) {
      this.fixC1Controls = v;
      return this;
    }

    public Builder removeControlChars(boolean v) {
      this.removeControlChars = v;
      return this;
    }

    public Builder normalizeNewlines(boolean v) {
      this.normalizeNewlines = v;
      return this;
    }

    public Builder removeSurrogates(boolean v) {
      this.removeSurrogates = v;
      return this;
    }

    public Builder removeReplacementChars(boolean v) {
      this.removeReplacementChars = v;
      return this;
    }

    public Builder removeZeroWidth(boolean v) {
      this.removeZeroWidth = v;
      return this;
    }

    public RepairConfig build() {
      return new RepairConfig(this);
    }
  }
}
