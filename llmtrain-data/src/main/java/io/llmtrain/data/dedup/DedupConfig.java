package io.llmtrain.data.dedup;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of exact deduplication (processor {@code dedup}, {@link ExactDeduplicator}).
 *
 * <p>Two documents are duplicates when their texts are equal after the normalization below, which
 * is applied for hashing only (kept documents are written unchanged). Defaults:
 *
 * <ul>
 *   <li>{@code form = nfc}: canonical composition, so "é" typed as one character
 *       or as "e" plus a combining accent is the same text ({@code nfkc} also folds compatibility
 *       forms such as ligatures and full-width letters; {@code none} compares code units).
 *   <li>{@code collapseWhitespace = true}: any run of whitespace (spaces, tabs, line breaks,
 *       no-break spaces) counts as one space, and leading and trailing whitespace is ignored, so
 *       re-wrapped or re-indented copies are caught.
 *   <li>{@code lowercase = false}: case is significant, as in the text's meaning.
 *   <li>{@code stripPunctuation = false}: when true, Unicode punctuation, symbols, control and
 *       format characters are ignored ("Hello, world!" equals "Hello world").
 *   <li>{@code rememberIds = false}: when true, the id of each first occurrence is kept so
 *       rejections name it; this costs 5 to 8 more bytes per distinct document (a reference
 *       next to each fingerprint), plus the id strings.
 *   <li>{@code expectedDocuments = 0}: distinct documents to size the fingerprint table for up
 *       front (0: start small and grow), which avoids re-hashing in very large runs.
 * </ul>
 */
public final class DedupConfig implements StageSpec {
  public static final String NAME = "dedup";

  /** The Unicode normalization applied before hashing. */
  public enum Normalization {
    NONE, NFC, NFKC
  }

  private final Normalization form;
  private final boolean collapseWhitespace;
  private final boolean lowercase;
  private final boolean stripPunctuation;
  private final boolean rememberIds;
  private final int expectedDocuments;

  private DedupConfig(Builder b) {
    this.form = b.form;
    this.collapseWhitespace = b.collapseWhitespace;
    this.lowercase = b.lowercase;
    this.stripPunctuation = b.stripPunctuation;
    this.rememberIds = b.rememberIds;
    this.expectedDocuments = b.expectedDocuments;
  }

  public static DedupConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static DedupConfig fromParams(Params p) {
    DedupConfig d = defaults();
    Builder b = builder()
        .form(
            p.getEnum("form", Normalization.class, d.form))
        .collapseWhitespace(p.getBoolean("collapseWhitespace", d.collapseWhitespace))
        .lowercase(p.getBoolean("lowercase", d.lowercase))
        .stripPunctuation(p.getBoolean("stripPunctuation", d.stripPunctuation))
        .rememberIds(p.getBoolean("rememberIds", d.rememberIds))
        .expectedDocuments(p.getInt("expectedDocuments", d.expectedDocuments, 0,
            Builder.MAX_EXPECTED_DOCUMENTS));
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
    m.put("form", form.name().toLowerCase(Locale.ROOT));
    m.put("collapseWhitespace", collapseWhitespace);
    m.put("lowercase", lowercase);
    m.put("stripPunctuation", stripPunctuation);
    m.put("rememberIds", rememberIds);
    m.put("expectedDocuments", expectedDocuments);
    return Collections.unmodifiableMap(m);
  }

  public Normalization form() {
    return form;
  }

  public boolean collapseWhitespace() {
    return collapseWhitespace;
  }

  public boolean lowercase() {
    return lowercase;
  }

  public boolean stripPunctuation() {
    return stripPunctuation;
  }

  public boolean rememberIds() {
    return rememberIds;
  }

  public int expectedDocuments() {
    return expectedDocuments;
  }

  public Builder toBuilder() {
    return builder()
        .form(form)
        .collapseWhitespace(collapseWhitespace)
        .lowercase(lowercase)
        .stripPunctuation(stripPunctuation)
        .rememberIds(rememberIds)
        .expectedDocuments(expectedDocuments);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DedupConfig c
        && form == c.form
        && collapseWhitespace == c.collapseWhitespace
        && lowercase == c.lowercase
        && stripPunctuation == c.stripPunctuation
        && rememberIds == c.rememberIds
        && expectedDocuments == c.expectedDocuments;
  }

  @Override
  public int hashCode() {
    return Objects.hash(form, collapseWhitespace, lowercase, stripPunctuation,
        rememberIds, expectedDocuments);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link DedupConfig}; starts from the defaults. */
  public static final class Builder {
    /** Bounded so that a fingerprint table sized for it stays within one Java array. */
    static final int MAX_EXPECTED_DOCUMENTS = 500_000_000;

    private Normalization form = Normalization.NFC;
    private boolean collapseWhitespace = true;
    private boolean lowercase = false;
    private boolean stripPunctuation = false;
    private boolean rememberIds = false;
    private int expectedDocuments = 0;

    private Builder() {
    }

    public Builder form(Normalization form) {
      this.form = requireNonNull(form, "form");
      return this;
    }

    public Builder collapseWhitespace(boolean collapse) {
      this.collapseWhitespace = collapse;
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

    public Builder rememberIds(boolean remember) {
      this.rememberIds = remember;
      return this;
    }

    public Builder expectedDocuments(int expected) {
      this.expectedDocuments = expected;
      return this;
    }

    public DedupConfig build() {
      checkArgument(expectedDocuments >= 0 && expectedDocuments <= MAX_EXPECTED_DOCUMENTS,
          "expectedDocuments must be from 0 to %s, got %s", MAX_EXPECTED_DOCUMENTS,
          expectedDocuments);
      return new DedupConfig(this);
    }
  }
}
