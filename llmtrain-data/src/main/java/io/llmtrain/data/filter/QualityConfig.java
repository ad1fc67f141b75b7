package io.llmtrain.data.filter;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the composite {@code quality} filter, which runs {@code gopher-repetition},
 * {@code gopher-quality} and {@code c4} in that order over one tokenization of the text.
 *
 * <p>Parameters are the three filters' own, flattened with a prefix: {@code gopherRepetition.},
 * {@code gopherQuality.} and {@code c4.}, plus {@code <prefix>enabled} (default true) to switch
 * each off. For example {@code gopherQuality.stopWordLanguages=[en, pt]} or {@code
 * c4.enabled=false}.
 */
public final class QualityConfig implements StageSpec {
  public static final String NAME = "quality";

  static final String REPETITION = "gopherRepetition.";
  static final String QUALITY = "gopherQuality.";
  static final String C4 = "c4.";

  private final boolean gopherRepetitionEnabled;
  private final GopherRepetitionConfig gopherRepetition;
  private final boolean gopherQualityEnabled;
  private final GopherQualityConfig gopherQuality;
  private final boolean c4Enabled;
  private final C4Config c4;

  private QualityConfig(Builder b) {
    gopherRepetitionEnabled = b.gopherRepetitionEnabled;
    gopherRepetition = b.gopherRepetition;
    gopherQualityEnabled = b.gopherQualityEnabled;
    gopherQuality = b.gopherQuality;
    c4Enabled = b.c4Enabled;
    c4 = b.c4;
  }

  public static QualityConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .gopherRepetitionEnabled(gopherRepetitionEnabled)
        .gopherRepetition(gopherRepetition)
        .gopherQualityEnabled(gopherQualityEnabled)
        .gopherQuality(gopherQuality)
        .c4Enabled(c4Enabled)
        .c4(c4);
  }

  /** Reads every parameter and rejects unknown ones. */
  public static QualityConfig fromParams(Params p) {
    QualityConfig c = builder()
        .gopherRepetitionEnabled(p.getBoolean(REPETITION + "enabled", true))
        .gopherRepetition(GopherRepetitionConfig.read(p, REPETITION, NAME))
        .gopherQualityEnabled(p.getBoolean(QUALITY + "enabled", true))
        .gopherQuality(GopherQualityConfig.read(p, QUALITY, NAME))
        .c4Enabled(p.getBoolean(C4 + "enabled", true))
        .c4(C4Config.read(p, C4, NAME))
        .build();
    p.finish();
    return c;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(REPETITION + "enabled", gopherRepetitionEnabled);
    m.putAll(gopherRepetition.params(REPETITION));
    m.put(QUALITY + "enabled", gopherQualityEnabled);
    m.putAll(gopherQuality.params(QUALITY));
    m.put(C4 + "enabled", c4Enabled);
    m.putAll(c4.params(C4));
    return m;
  }

  public boolean gopherRepetitionEnabled() {
    return gopherRepetitionEnabled;
  }

  public GopherRepetitionConfig gopherRepetition() {
    return gopherRepetition;
  }

  public boolean gopherQualityEnabled() {
    return gopherQualityEnabled;
  }

  public GopherQualityConfig gopherQuality() {
    return gopherQuality;
  }

  public boolean c4Enabled() {
    return c4Enabled;
  }

  public C4Config c4() {
    return c4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QualityConfig c && gopherRepetitionEnabled == c.gopherRepetitionEnabled
        && gopherRepetition.equals(c.gopherRepetition)
        && gopherQualityEnabled == c.gopherQualityEnabled
        && gopherQuality.equals(c.gopherQuality) && c4Enabled == c.c4Enabled && c4.equals(c.c4);
  }

  @Override
  public int hashCode() {
    return Objects.hash(gopherRepetitionEnabled, gopherRepetition, gopherQualityEnabled,
        gopherQuality, c4Enabled, c4);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link QualityConfig}; starts with all three filters on, at their defaults. */
  public static final class Builder {
    private boolean gopherRepetitionEnabled = true;
    private GopherRepetitionConfig gopherRepetition = GopherRepetitionConfig.defaults();
    private boolean gopherQualityEnabled = true;
    private GopherQualityConfig gopherQuality = GopherQualityConfig.defaults();
    private boolean c4Enabled = true;
    private C4Config c4 = C4Config.defaults();

    private Builder() {
    }

    public Builder gopherRepetitionEnabled(boolean value) {
      gopherRepetitionEnabled = value;
      return this;
    }

    public Builder gopherRepetition(GopherRepetitionConfig value) {
      gopherRepetition = requireNonNull(value, "gopherRepetition");
      return this;
    }

    public Builder gopherQualityEnabled(boolean value) {
      gopherQualityEnabled = value;
      return this;
    }

    public Builder gopherQuality(GopherQualityConfig value) {
      gopherQuality = requireNonNull(value, "gopherQuality");
      return this;
    }

    public Builder c4Enabled(boolean value) {
      c4Enabled = value;
      return this;
    }

    public Builder c4(C4Config value) {
      c4 = requireNonNull(value, "c4");
      return this;
    }

    public QualityConfig build() {
      return new QualityConfig(this);
    }
  }
}
