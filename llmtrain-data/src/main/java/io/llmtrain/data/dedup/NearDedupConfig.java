package io.llmtrain.data.dedup;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of MinHash LSH near-duplicate detection (processor {@code near-dedup},
 * {@link MinHashDeduplicator}). Defaults follow datatrove's MinHash settings:
 *
 * <ul>
 *   <li>{@code shingleSize = 5}: shingles are runs of 5 words.
 *   <li>{@code bands = 14}, {@code rows = 8}: 112 hash functions; documents agreeing on all 8
 *       values of any band are near duplicates, which happens with probability 0.92 at Jaccard
 *       similarity 0.8, 0.56 at 0.7 and 0.05 at 0.5 (threshold near (1/14)^(1/8) = 0.72).
 *   <li>{@code seed = 1}: fixes the hash functions, hence the result, for a given input.
 *   <li>{@code lowercase = true}, {@code stripPunctuation = true}, {@code foldAccents = true}:
 *       words are compared lower-cased, without punctuation, symbols or control characters, and
 *       without accents or other combining marks (é and e match), as datatrove simplifies text.
 *   <li>{@code transitive = false}: only kept documents are remembered, so every dropped document
 *       shares a band with a kept one. When true, the band keys of dropped documents are
 *       remembered too, so a chain A ~ B ~ C drops C even if it is not similar to A, as
 *       datatrove's and text-dedup's clustering do; this costs memory for dropped documents too.
 *   <li>{@code rememberIds = false}: when true, rejections name the earlier document they match;
 *       this costs 75 to 110 more bytes per kept document (a reference per band key), plus
 *       the id strings.
 *   <li>{@code expectedDocuments = 0}: kept documents to size the band tables for up front (0:
 *       start small and grow).
 * </ul>
 */
public final class NearDedupConfig implements StageSpec {
  public static final String NAME = "near-dedup";

  static final int MAX_SHINGLE_SIZE = 64;
  static final int MAX_BANDS = 512;
  static final int MAX_ROWS = 64;
  static final int MAX_HASHES = 4096;
  static final int MAX_EXPECTED_DOCUMENTS = 500_000_000;

  private final int shingleSize;
  private final int bands;
  private final int rows;
  private final long seed;
  private final boolean lowercase;
  private final boolean stripPunctuation;
  private final boolean foldAccents;
  private final boolean transitive;
  private final boolean rememberIds;
  private final int expectedDocuments;

  private NearDedupConfig(Builder b) {
    this.shingleSize = b.shingleSize;
    this.bands = b.bands;
    this.rows = b.rows;
    this.seed = b.seed;
    this.lowercase = b.lowercase;
    this.stripPunctuation = b.stripPunctuation;
    this.foldAccents = b.foldAccents;
    this.transitive = b.transitive;
    this.rememberIds = b.rememberIds;
    this.expectedDocuments = b.expectedDocuments;
  }

  public static NearDedupConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static NearDedupConfig fromParams(Params p) {
    NearDedupConfig d = defaults();
    Builder b = builder()
        .shingleSize(p.getInt("shingleSize", d.shingleSize, 1, MAX_SHINGLE_SIZE))
        .bands(p.getInt("bands", d.bands, 1, MAX_BANDS))
        .rows(p.getInt("rows", d.rows, 1, MAX_ROWS))
        .seed(p.getLong("seed", d.seed, Long.MIN_VALUE, Long.MAX_VALUE))
        .lowercase(p.getBoolean("lowercase", d.lowercase))
        .stripPunctuation(p.getBoolean("stripPunctuation", d.stripPunctuation))
        .foldAccents(p.getBoolean("foldAccents", d.foldAccents))
        .transitive(p.getBoolean("transitive", d.transitive))
        .rememberIds(p.getBoolean("rememberIds", d.rememberIds))
        .expectedDocuments(p.getInt("expectedDocuments", d.expectedDocuments, 0,
            MAX_EXPECTED_DOCUMENTS));
    p.finish();
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + NAME + "': "
          + e.getMessage());
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shingleSize", shingleSize);
    m.put("bands", bands);
    m.put("rows", rows);
    m.put("seed", seed);
    m.put("lowercase", lowercase);
    m.put("stripPunctuation", stripPunctuation);
    m.put("foldAccents", foldAccents);
    m.put("transitive", transitive);
    m.put("rememberIds", rememberIds);
    m.put("expectedDocuments", expectedDocuments);
    return Collections.unmodifiableMap(m);
  }

  public int shingleSize() {
    return shingleSize;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  public long seed() {
    return seed;
  }

  public boolean lowercase() {
    return lowercase;
  }

  public boolean stripPunctuation() {
    return stripPunctuation;
  }

  public boolean foldAccents() {
    return foldAccents;
  }

  public boolean transitive() {
    return transitive;
  }

  public boolean rememberIds() {
    return rememberIds;
  }

  public int expectedDocuments() {
    return expectedDocuments;
  }

  /**
   * The Jaccard similarity at which a pair is about as likely as not to be caught:
   * {@code (1 / bands)^(1 / rows)}.
   */
  public double approximateThreshold() {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }

  /** Probability that two texts with Jaccard similarity {@code s} share at least one band. */
  public double detectionProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  public Builder toBuilder() {
    return builder()
        .shingleSize(shingleSize)
        .bands(bands)
        .rows(rows)
        .seed(seed)
        .lowercase(lowercase)
        .stripPunctuation(stripPunctuation)
        .foldAccents(foldAccents)
        .transitive(transitive)
        .rememberIds(rememberIds)
        .expectedDocuments(expectedDocuments);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NearDedupConfig c
        && shingleSize == c.shingleSize
        && bands == c.bands
        && rows == c.rows
        && seed == c.seed
        && lowercase == c.lowercase
        && stripPunctuation == c.stripPunctuation
        && foldAccents == c.foldAccents
        && transitive == c.transitive
        && rememberIds == c.rememberIds
        && expectedDocuments == c.expectedDocuments;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shingleSize, bands, rows, seed, lowercase, stripPunctuation, foldAccents,
        transitive, rememberIds, expectedDocuments);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link NearDedupConfig}; starts from the defaults. */
  public static final class Builder {
    private int shingleSize = 5;
    private int bands = 14;
    private int rows = 8;
    private long seed = 1;
    private boolean lowercase = true;
    private boolean stripPunctuation = true;
    private boolean foldAccents = true;
    private boolean transitive = false;
    private boolean rememberIds = false;
    private int expectedDocuments = 0;

    private Builder() {
    }

    /** Words per shingle, 1 to 64. */
    public Builder shingleSize(int words) {
      this.shingleSize = words;
      return this;
    }

    /** Number of LSH bands, 1 to 512. */
    public Builder bands(int bands) {
      this.bands = bands;
      return this;
    }

    /** Signature values per band, 1 to 64. */
    public Builder rows(int rows) {
      this.rows = rows;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder lowercase(boolean lowercase) {
      this.lowercase = lowercase;
      return this;
    }

    public Builder stripPunctuation(boolean strip) {
      this.stripPunctuation = strip;
      return this;
    }

    public Builder foldAccents(boolean fold) {
      this.foldAccents = fold;
      return this;
    }

    public Builder transitive(boolean transitive) {
      this.transitive = transitive;
      return this;
    }

    public Builder rememberIds(boolean remember) {
      this.rememberIds = remember;
      return this;
    }

    public Builder expectedDocuments(int expected) {
      this.expectedDocuments = expected;
      return this;
    }

    public NearDedupConfig build() {
      checkArgument(shingleSize >= 1 && shingleSize <= MAX_SHINGLE_SIZE,
          "shingleSize must be from 1 to %s, got %s", MAX_SHINGLE_SIZE, shingleSize);
      checkArgument(bands >= 1 && bands <= MAX_BANDS, "bands must be from 1 to %s, got %s",
          MAX_BANDS, bands);
      checkArgument(rows >= 1 && rows <= MAX_ROWS, "rows must be from 1 to %s, got %s",
          MAX_ROWS, rows);
      checkArgument(bands * rows <= MAX_HASHES,
          "bands * rows (the number of hash functions) must be at most %s, got %s * %s",
          MAX_HASHES, bands, rows);
      checkArgument(expectedDocuments >= 0 && expectedDocuments <= MAX_EXPECTED_DOCUMENTS,
          "expectedDocuments must be from 0 to %s, got %s", MAX_EXPECTED_DOCUMENTS,
          expectedDocuments);
      return new NearDedupConfig(this);
    }
  }
}
