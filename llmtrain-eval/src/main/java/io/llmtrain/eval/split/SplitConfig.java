package io.llmtrain.eval.split;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of a held-out split ({@link HeldOutSplit}). Defaults: {@code testFraction 0.1},
 * {@code validationFraction 0} (no validation split), no stratification, documents grouped by
 * the hash of their normalized text ({@code groupBy} unset), {@code seed 0}, JSONL text in
 * {@code text}. Fields may be dotted paths into nested objects ({@code metadata.label}).
 */
public final class SplitConfig {
  private final double testFraction;
  private final double validationFraction;
  private final String stratify;
  private final String groupBy;
  private final long seed;
  private final String textField;

  private SplitConfig(Builder b) {
    this.testFraction = b.testFraction;
    this.validationFraction = b.validationFraction;
    this.stratify = b.stratify;
    this.groupBy = b.groupBy;
    this.seed = b.seed;
    this.textField = b.textField;
  }

  public static SplitConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a configuration from parameters ({@code testFraction, validationFraction, stratify,
   * groupBy, seed, textField}), rejecting unknown keys and bad values.
   */
  public static SplitConfig fromParams(Params p) {
    SplitConfig d = defaults();
    double test = p.getDouble("testFraction", d.testFraction, 0, 1);
    double validation = p.getDouble("validationFraction", d.validationFraction, 0, 1);
    long seed = p.getLong("seed", d.seed, Long.MIN_VALUE, Long.MAX_VALUE);
    String text = p.getString("textField", d.textField);
    String s = p.getString("stratify", null);
    String g = p.getString("groupBy", null);
    p.finish();
    try {
      Builder b = builder().testFraction(test).validationFraction(validation).seed(seed)
          .textField(text);
      if (s != null) {
        b.stratify(s);
      }
      if (g != null) {
        b.groupBy(g);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  public double testFraction() {
    return testFraction;
  }

  /** 0 when there is no validation split. */
  public double validationFraction() {
    return validationFraction;
  }

  /** The field whose values are split in proportion, if any. */
  public Optional<String> stratify() {
    return Optional.ofNullable(stratify);
  }

  /** The field whose equal values keep documents together; empty: the normalized text's hash. */
  public Optional<String> groupBy() {
    return Optional.ofNullable(groupBy);
  }

  public long seed() {
    return seed;
  }

  public String textField() {
    return textField;
  }

  /** The settings as written to the manifest. */
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("testFraction", testFraction);
    m.put("validationFraction", validationFraction);
    m.put("stratify", stratify);
    m.put("groupBy", groupBy);
    m.put("seed", seed);
    m.put("textField", textField);
    return Collections.unmodifiableMap(m);
  }

  public Builder toBuilder() {
    Builder b = builder().testFraction(testFraction).validationFraction(validationFraction)
        .seed(seed).textField(textField);
    b.stratify = stratify;
    b.groupBy = groupBy;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SplitConfig c && params().equals(c.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return "split" + params();
  }

  /** Builds a {@link SplitConfig}; starts from the defaults. */
  public static final class Builder {
    private double testFraction = 0.1;
    private double validationFraction = 0.0;
    private String stratify;
    private String groupBy;
    private long seed;
    private String textField = "text";

    private Builder() {
    }

    /** The share of documents held out for test, in (0, 1). */
    public Builder testFraction(double testFraction) {
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
      }
      this.testFraction = testFraction;
      return this;
    }

    /** The share held out for validation besides test, in [0, 1); 0 writes no validation set. */
    public Builder validationFraction(double validationFraction) {
      if (!(validationFraction >= 0 && validationFraction < 1)) {
        throw new IllegalArgumentException("validationFraction must be in [0, 1), got "
            + validationFraction);
      }
      this.validationFraction = validationFraction;
      return this;
    }

    public Builder stratify(String field) {
      this.stratify = field(field, "stratify");
      return this;
    }

    public Builder groupBy(String field) {
      this.groupBy = field(field, "groupBy");
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder textField(String textField) {
      this.textField = field(textField, "textField");
      return this;
    }

    private static String field(String name, String param) {
      Objects.requireNonNull(name, param);
      if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
        throw new IllegalArgumentException(param + " must be a field name or dotted path, got '"
            + name + "'");
      }
      return name;
    }

    /** Fails when test and validation leave nothing to train on. */
    public SplitConfig build() {
      if (testFraction + validationFraction >= 1) {
        throw new IllegalArgumentException("testFraction + validationFraction must be < 1 so "
            + "that training keeps documents, got " + testFraction + " + " + validationFraction);
      }
      return new SplitConfig(this);
    }
  }
}
