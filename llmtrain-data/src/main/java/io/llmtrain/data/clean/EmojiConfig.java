package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@code emoji} stage ({@link EmojiRemover}).
 *
 * <p>Parameters: {@code mode} ({@code remove} or {@code replace}, default {@code remove}),
 * {@code replacement} (the text that stands for a run of emoji in {@code replace} mode, default
 * {@code [EMOJI]}), {@code textSymbols} (also remove pictographs that are shown as plain text
 * symbols, such as ♥ ✈ ☺ ✔, default {@code true}; typographic signs such as ©, ®, ™ and arrows are
 * always kept unless written as emoji with U+FE0F).
 */
public final class EmojiConfig implements StageSpec {
  public static final String NAME = "emoji";

  /** What happens to an emoji sequence. */
  public enum Mode {
    /** Delete it, tidying the white space around it. */
    REMOVE,
    /** Put the replacement text in its place (one replacement for adjacent emoji). */
    REPLACE
  }

  private static final EmojiConfig DEFAULTS = builder().build();

  private final Mode mode;
  private final String replacement;
  private final boolean textSymbols;

  private EmojiConfig(Builder b) {
    this.mode = b.mode;
    this.replacement = b.replacement;
    this.textSymbols = b.textSymbols;
  }

  public static EmojiConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static EmojiConfig fromParams(Params p) {
    Builder b = read(p, "");
    p.finish();
    return Configs.build(NAME, b::build);
  }

  static Builder read(Params p, String prefix) {
    Builder b = builder();
    b.mode(p.getEnum(prefix + "mode", Mode.class, b.mode));
    b.replacement(p.getString(prefix + "replacement", b.replacement));
    b.textSymbols(p.getBoolean(prefix + "textSymbols", b.textSymbols));
    return b;
  }

  public Mode mode() {
    return mode;
  }

  public String replacement() {
    return replacement;
  }

  public boolean textSymbols() {
    return textSymbols;
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
    m.put(prefix + "mode", mode.name().toLowerCase(Locale.ROOT));
    m.put(prefix + "replacement", replacement);
    m.put(prefix + "textSymbols", textSymbols);
    return m;
  }

  public Builder toBuilder() {
    return builder().mode(mode).replacement(replacement).textSymbols(textSymbols);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EmojiConfig c && mode == c.mode && replacement.equals(c.replacement)
        && textSymbols == c.textSymbols;
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, replacement, textSymbols);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds an {@link EmojiConfig}; starts from the defaults. */
  public static final class Builder {
    private Mode mode = Mode.REMOVE;
    private String replacement = "[EMOJI]";
    private boolean textSymbols = true;

    private Builder() {
    }

    public Builder mode(Mode mode) {
      this.mode = requireNonNull(mode, "mode");
      return this;
    }

    public Builder replacement(String replacement) {
      this.replacement = requireNonNull(replacement, "replacement");
      return this;
    }

    public Builder textSymbols(boolean textSymbols) {
      this.textSymbols = textSymbols;
      return this;
    }

    public EmojiConfig build() {
      checkArgument(replacement.indexOf('\n') < 0 && replacement.indexOf('\r') < 0,
          "the emoji replacement must be a single line, got '%s'", replacement);
      checkArgument(!EmojiRemover.containsEmoji(replacement, textSymbols),
          "the emoji replacement must not itself contain emoji, got '%s'", replacement);
      return new EmojiConfig(this);
    }
  }
}
