package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the composite {@code clean} stage ({@link Cleaner}): symbol runs, emoji, PII,
 * offensive words and boilerplate lines, each switchable and configured like its own stage.
 *
 * <p>Parameters: {@code symbols}, {@code emoji}, {@code pii}, {@code offensive} and
 * {@code boilerplate} (booleans, all true by default) switch the parts; each part's own parameters
 * follow its name and a dot, for example {@code symbols.minRun=6}, {@code emoji.mode=replace},
 * {@code pii.phone=false}, {@code offensive.mode=mask}, {@code boilerplate.languages=en}. See
 * {@link SymbolsConfig}, {@link EmojiConfig}, {@link PiiConfig}, {@link OffensiveConfig} and
 * {@link BoilerplateConfig} for those.
 */
public final class CleanConfig implements StageSpec {
  public static final String NAME = "clean";

  static final String SYMBOLS = "symbols";
  static final String EMOJI = "emoji";
  static final String PII = "pii";
  static final String OFFENSIVE = "offensive";
  static final String BOILERPLATE = "boilerplate";

  private static final CleanConfig DEFAULTS = builder().build();

  private final boolean symbolsEnabled;
  private final boolean emojiEnabled;
  private final boolean piiEnabled;
  private final boolean offensiveEnabled;
  private final boolean boilerplateEnabled;
  private final SymbolsConfig symbols;
  private final EmojiConfig emoji;
  private final PiiConfig pii;
  private final OffensiveConfig offensive;
  private final BoilerplateConfig boilerplate;

  private CleanConfig(Builder b) {
    this.symbolsEnabled = b.symbolsEnabled;
    this.emojiEnabled = b.emojiEnabled;
    this.piiEnabled = b.piiEnabled;
    this.offensiveEnabled = b.offensiveEnabled;
    this.boilerplateEnabled = b.boilerplateEnabled;
    this.symbols = b.symbols;
    this.emoji = b.emoji;
    this.pii = b.pii;
    this.offensive = b.offensive;
    this.boilerplate = b.boilerplate;
  }

  public static CleanConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static CleanConfig fromParams(Params p) {
    boolean symbolsOn = p.getBoolean(SYMBOLS, true);
    SymbolsConfig.Builder symbols = SymbolsConfig.read(p, SYMBOLS + ".");
    boolean emojiOn = p.getBoolean(EMOJI, true);
    EmojiConfig.Builder emoji = EmojiConfig.read(p, EMOJI + ".");
    boolean piiOn = p.getBoolean(PII, true);
    PiiConfig.Builder pii = PiiConfig.read(p, PII + ".");
    boolean offensiveOn = p.getBoolean(OFFENSIVE, true);
    OffensiveConfig.Builder offensive = OffensiveConfig.read(p, OFFENSIVE + ".");
    boolean boilerplateOn = p.getBoolean(BOILERPLATE, true);
    BoilerplateConfig.Builder boilerplate = BoilerplateConfig.read(p, BOILERPLATE + ".");
    p.finish();
    // The switches go last: setting a part's configuration switches the part on.
    return Configs.build(NAME, () -> builder().symbols(symbols.build()).emoji(emoji.build())
        .pii(pii.build()).offensive(offensive.build()).boilerplate(boilerplate.build())
        .symbolsEnabled(symbolsOn).emojiEnabled(emojiOn).piiEnabled(piiOn)
        .offensiveEnabled(offensiveOn).boilerplateEnabled(boilerplateOn).build());
  }

  public boolean symbolsEnabled() {
    return symbolsEnabled;
  }

  public boolean emojiEnabled() {
    return emojiEnabled;
  }

  public boolean piiEnabled() {
    return piiEnabled;
  }

  public boolean offensiveEnabled() {
    return offensiveEnabled;
  }

  public boolean boilerplateEnabled() {
    return boilerplateEnabled;
  }

  public SymbolsConfig symbols() {
    return symbols;
  }

  public EmojiConfig emoji() {
    return emoji;
  }

  public PiiConfig pii() {
    return pii;
  }

  public OffensiveConfig offensive() {
    return offensive;
  }

  public BoilerplateConfig boilerplate() {
    return boilerplate;
  }

  /**
   * The markers the parts write into the text: PII placeholders, the offensive mask, the emoji
   * replacement, as far as those parts and modes are on. The symbols part treats them as words.
   */
  List<String> markers() {
    List<String> markers = new ArrayList<>();
    if (emojiEnabled && emoji.mode() == EmojiConfig.Mode.REPLACE) {
      markers.add(emoji.replacement());
    }
    if (piiEnabled) {
      markers.addAll(List.of(pii.emailPlaceholder(), pii.ipPlaceholder(), pii.phonePlaceholder(),
          pii.cardPlaceholder()));
    }
    if (offensiveEnabled && offensive.mode() == OffensiveConfig.Mode.MASK) {
      markers.add(offensive.mask());
    }
    return markers;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Every option, the parts in the order they run, each switch before the part's options. */
  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(SYMBOLS, symbolsEnabled);
    m.putAll(symbols.params(SYMBOLS + "."));
    m.put(EMOJI, emojiEnabled);
    m.putAll(emoji.params(EMOJI + "."));
    m.put(PII, piiEnabled);
    m.putAll(pii.params(PII + "."));
    m.put(OFFENSIVE, offensiveEnabled);
    m.putAll(offensive.params(OFFENSIVE + "."));
    m.put(BOILERPLATE, boilerplateEnabled);
    m.putAll(boilerplate.params(BOILERPLATE + "."));
    return m;
  }

  public Builder toBuilder() {
    Builder b = builder().symbols(symbols).emoji(emoji).pii(pii).offensive(offensive)
        .boilerplate(boilerplate);
    b.symbolsEnabled = symbolsEnabled;
    b.emojiEnabled = emojiEnabled;
    b.piiEnabled = piiEnabled;
    b.offensiveEnabled = offensiveEnabled;
    b.boilerplateEnabled = boilerplateEnabled;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CleanConfig c && symbolsEnabled == c.symbolsEnabled
        && emojiEnabled == c.emojiEnabled && piiEnabled == c.piiEnabled
        && offensiveEnabled == c.offensiveEnabled && boilerplateEnabled == c.boilerplateEnabled
        && symbols.equals(c.symbols) && emoji.equals(c.emoji) && pii.equals(c.pii)
        && offensive.equals(c.offensive) && boilerplate.equals(c.boilerplate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(symbolsEnabled, emojiEnabled, piiEnabled, offensiveEnabled,
        boilerplateEnabled, symbols, emoji, pii, offensive, boilerplate);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /**
   * Builds a {@link CleanConfig}; starts from the defaults (every part on, with its defaults).
   * Setting a part's configuration also switches it on.
   */
  public static final class Builder {
    private boolean symbolsEnabled = true;
    private boolean emojiEnabled = true;
    private boolean piiEnabled = true;
    private boolean offensiveEnabled = true;
    private boolean boilerplateEnabled = true;
    private SymbolsConfig symbols = SymbolsConfig.defaults();
    private EmojiConfig emoji = EmojiConfig.defaults();
    private PiiConfig pii = PiiConfig.defaults();
    private OffensiveConfig offensive = OffensiveConfig.defaults();
    private BoilerplateConfig boilerplate = BoilerplateConfig.defaults();

    private Builder() {
    }

    public Builder symbols(SymbolsConfig symbols) {
      this.symbols = requireNonNull(symbols, "symbols");
      this.symbolsEnabled = true;
      return this;
    }

    public Builder emoji(EmojiConfig emoji) {
      this.emoji = requireNonNull(emoji, "emoji");
      this.emojiEnabled = true;
      return this;
    }

    public Builder pii(PiiConfig pii) {
      this.pii = requireNonNull(pii, "pii");
      this.piiEnabled = true;
      return this;
    }

    public Builder offensive(OffensiveConfig offensive) {
      this.offensive = requireNonNull(offensive, "offensive");
      this.offensiveEnabled = true;
      return this;
    }

    public Builder boilerplate(BoilerplateConfig boilerplate) {
      this.boilerplate = requireNonNull(boilerplate, "boilerplate");
      this.boilerplateEnabled = true;
      return this;
    }

    public Builder symbolsEnabled(boolean enabled) {
      this.symbolsEnabled = enabled;
      return this;
    }

    public Builder emojiEnabled(boolean enabled) {
      this.emojiEnabled = enabled;
      return this;
    }

    public Builder piiEnabled(boolean enabled) {
      this.piiEnabled = enabled;
      return this;
    }

    public Builder offensiveEnabled(boolean enabled) {
      this.offensiveEnabled = enabled;
      return this;
    }

    public Builder boilerplateEnabled(boolean enabled) {
      this.boilerplateEnabled = enabled;
      return this;
    }

    public CleanConfig build() {
      CleanConfig config = new CleanConfig(this);
      // The markers one part writes must survive the other parts, or cleaning twice would not
      // equal cleaning once: "****." must not become a symbol run, "[EMOJI]" must not be PII.
      if (emojiEnabled && emoji.mode() == EmojiConfig.Mode.REPLACE) {
        checkMarker(config, "emoji.replacement", emoji.replacement());
      }
      if (piiEnabled) {
        checkMarker(config, "pii.emailPlaceholder", pii.emailPlaceholder());
        checkMarker(config, "pii.ipPlaceholder", pii.ipPlaceholder());
        checkMarker(config, "pii.phonePlaceholder", pii.phonePlaceholder());
        checkMarker(config, "pii.cardPlaceholder", pii.cardPlaceholder());
      }
      if (offensiveEnabled && offensive.mode() == OffensiveConfig.Mode.MASK) {
        checkMarker(config, "offensive.mask", offensive.mask());
      }
      return config;
    }

    private void checkMarker(CleanConfig config, String key, String marker) {
      for (String probe : new String[] {"a " + marker + " b", "a " + marker + ".", marker + "!!",
          "x-" + marker + "~~~~~~"}) {
        String cleaned = probe;
        if (symbolsEnabled) {
          cleaned = new SymbolRunRemover(symbols, config.markers()).apply(cleaned);
        }
        if (emojiEnabled) {
          cleaned = new EmojiRemover(emoji).apply(cleaned);
        }
        if (piiEnabled) {
          cleaned = new PiiRedactor(pii).apply(cleaned);
        }
        if (probe.endsWith("~~~~~~") && symbolsEnabled) {
          // The noise after the marker goes; the marker itself must stay.
          checkArgument(cleaned.contains(marker), "%s '%s' would itself be changed by the other "
              + "parts of 'clean' ('%s' became '%s'); choose another", key, marker, probe,
              cleaned);
          continue;
        }
        checkArgument(cleaned.equals(probe), "%s '%s' would itself be changed by the other parts "
            + "of 'clean' ('%s' became '%s'); choose another", key, marker, probe, cleaned);
      }
    }
  }
}
