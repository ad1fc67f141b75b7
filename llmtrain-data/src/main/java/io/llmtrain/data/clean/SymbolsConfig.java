package io.llmtrain.data.clean;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of the {@code symbols} stage ({@link SymbolRunRemover}).
 *
 * <p>Parameter: {@code minRun} (default 5, from 2 to 1000): the shortest run of punctuation and
 * symbols that can count as noise. Runs shorter than this ("...", "?!", "--", "$$$") are never
 * touched.
 */
public final class SymbolsConfig implements StageSpec {
  public static final String NAME = "symbols";
  public static final int DEFAULT_MIN_RUN = 5;

  private static final SymbolsConfig DEFAULTS = builder().build();

  private final int minRun;

  private SymbolsConfig(Builder b) {
    this.minRun = b.minRun;
  }

  public static SymbolsConfig defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads and checks the parameters; unknown keys are rejected. */
  public static SymbolsConfig fromParams(Params p) {
    Builder b = read(p, "");
    p.finish();
    return Configs.build(NAME, b::build);
  }

  static Builder read(Params p, String prefix) {
    return builder().minRun(p.getInt(prefix + "minRun", DEFAULT_MIN_RUN, 2, 1000));
  }

  public int minRun() {
    return minRun;
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
    m.put(prefix + "minRun", minRun);
    return m;
  }

  public Builder toBuilder() {
    return builder().minRun(minRun);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymbolsConfig c && minRun == c.minRun;
  }

  @Override
  public int hashCode() {
    return minRun;
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link SymbolsConfig}; starts from the defaults. */
  public static final class Builder {
    private int minRun = DEFAULT_MIN_RUN;

    private Builder() {
    }

    public Builder minRun(int minRun) {
      this.minRun = minRun;
      return this;
    }

    public SymbolsConfig build() {
      checkArgument(minRun >= 2 && minRun <= 1000, "minRun must be from 2 to 1000, got %s",
          minRun);
      return new SymbolsConfig(this);
    }
  }
}
