package io.llmtrain.data.filter;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@code gopher-repetition} filter: Gopher's repetition limits (Rae et al.
 * 2021, table A1) with the defaults of datatrove's {@code GopherRepetitionFilter}. A fraction of
 * 0 switches its rule off, as a falsy value does in datatrove.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>key</th><th>default</th><th>datatrove</th></tr>
 *   <tr><td>maxDupLineFraction</td><td>0.3</td><td>dup_line_frac</td></tr>
 *   <tr><td>maxDupParagraphFraction</td><td>0.3</td><td>dup_para_frac</td></tr>
 *   <tr><td>maxDupLineCharFraction</td><td>0.2</td><td>dup_line_char_frac</td></tr>
 *   <tr><td>maxDupParagraphCharFraction</td><td>0.2</td><td>dup_para_char_frac</td></tr>
 *   <tr><td>topNGramCharFractions</td><td>[2:0.2, 3:0.18, 4:0.16]</td><td>top_n_grams</td></tr>
 *   <tr><td>dupNGramCharFractions</td><td>[5:0.15, 6:0.14, 7:0.13, 8:0.12, 9:0.11, 10:0.1]</td>
 *       <td>dup_n_grams</td></tr>
 * </table>
 *
 * <p>The n-gram limits are lists of {@code n:fraction} strings, checked in the order given.
 */
public final class GopherRepetitionConfig implements StageSpec {
  public static final String NAME = "gopher-repetition";

  /** Largest n-gram size accepted, which bounds the work per document. */
  public static final int MAX_N = 32;

  /** A limit on the share of the text's characters an n-gram measurement may reach. */
  public record NGramLimit(int n, double maxFraction) {
    public NGramLimit {
      checkArgument(n >= 1 && n <= MAX_N, "n-gram size must be from 1 to %s, got %s", MAX_N, n);
      checkArgument(maxFraction >= 0 && maxFraction <= 1,
          "n-gram fraction must be within [0, 1], got %s", maxFraction);
    }

    /** Parses {@code "n:fraction"}, as in {@code "2:0.2"}. */
    public static NGramLimit parse(String s) {
      int colon = s.indexOf(':');
      checkArgument(colon > 0, "an n-gram limit is 'n:fraction' like '2:0.2', got '%s'", s);
      try {
        return new NGramLimit(Integer.parseInt(s.substring(0, colon).trim()),
            Double.parseDouble(s.substring(colon + 1).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "an n-gram limit is 'n:fraction' like '2:0.2', got '" + s + "'");
      }
    }

    @Override
    public String toString() {
      return n + ":" + maxFraction;
    }
  }

  private final double maxDupLineFraction;
  private final double maxDupParagraphFraction;
  private final double maxDupLineCharFraction;
  private final double maxDupParagraphCharFraction;
  private final List<NGramLimit> topNGramCharFractions;
  private final List<NGramLimit> dupNGramCharFractions;

  private GopherRepetitionConfig(Builder b) {
    maxDupLineFraction = b.maxDupLineFraction;
    maxDupParagraphFraction = b.maxDupParagraphFraction;
    maxDupLineCharFraction = b.maxDupLineCharFraction;
    maxDupParagraphCharFraction = b.maxDupParagraphCharFraction;
    topNGramCharFractions = List.copyOf(b.topNGramCharFractions);
    dupNGramCharFractions = List.copyOf(b.dupNGramCharFractions);
  }

  public static GopherRepetitionConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxDupLineFraction(maxDupLineFraction)
        .maxDupParagraphFraction(maxDupParagraphFraction)
        .maxDupLineCharFraction(maxDupLineCharFraction)
        .maxDupParagraphCharFraction(maxDupParagraphCharFraction)
        .topNGramCharFractions(topNGramCharFractions)
        .dupNGramCharFractions(dupNGramCharFractions);
  }

  /** Reads every parameter and rejects unknown ones. */
  public static GopherRepetitionConfig fromParams(Params p) {
    GopherRepetitionConfig c = read(p, "", NAME);
    p.finish();
    return c;
  }

  static GopherRepetitionConfig read(Params p, String prefix, String owner) {
    GopherRepetitionConfig d = defaults();
    return FilterSupport.build(owner, () -> builder()
        .maxDupLineFraction(p.getDouble(prefix + "maxDupLineFraction", d.maxDupLineFraction, 0,
            1))
        .maxDupParagraphFraction(p.getDouble(prefix + "maxDupParagraphFraction",
            d.maxDupParagraphFraction, 0, 1))
        .maxDupLineCharFraction(p.getDouble(prefix + "maxDupLineCharFraction",
            d.maxDupLineCharFraction, 0, 1))
        .maxDupParagraphCharFraction(p.getDouble(prefix + "maxDupParagraphCharFraction",
            d.maxDupParagraphCharFraction, 0, 1))
        .topNGramCharFractions(parse(p.getList(prefix + "topNGramCharFractions",
            format(d.topNGramCharFractions))))
        .dupNGramCharFractions(parse(p.getList(prefix + "dupNGramCharFractions",
            format(d.dupNGramCharFractions))))
        .build());
  }

  private static List<NGramLimit> parse(List<String> values) {
    List<NGramLimit> out = new ArrayList<>();
    for (String v : values) {
      out.add(NGramLimit.parse(v));
    }
    return out;
  }

  private static List<String> format(List<NGramLimit> limits) {
    List<String> out = new ArrayList<>();
    for (NGramLimit l : limits) {
      out.add(l.toString());
    }
    return List.copyOf(out);
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
    m.put(prefix + "maxDupLineFraction", maxDupLineFraction);
    m.put(prefix + "maxDupParagraphFraction", maxDupParagraphFraction);
    m.put(prefix + "maxDupLineCharFraction", maxDupLineCharFraction);
    m.put(prefix + "maxDupParagraphCharFraction", maxDupParagraphCharFraction);
    m.put(prefix + "topNGramCharFractions", format(topNGramCharFractions));
    m.put(prefix + "dupNGramCharFractions", format(dupNGramCharFractions));
    return m;
  }

  public double maxDupLineFraction() {
    return maxDupLineFraction;
  }

  public double maxDupParagraphFraction() {
    return maxDupParagraphFraction;
  }

  public double maxDupLineCharFraction() {
    return maxDupLineCharFraction;
  }

  public double maxDupParagraphCharFraction() {
    return maxDupParagraphCharFraction;
  }

  public List<NGramLimit> topNGramCharFractions() {
    return topNGramCharFractions;
  }

  public List<NGramLimit> dupNGramCharFractions() {
    return dupNGramCharFractions;
  }

  /** The largest n any limit uses (0 when there are none). */
  int maxN() {
    int max = 0;
    for (NGramLimit l : topNGramCharFractions) {
      max = Math.max(max, l.n());
    }
    for (NGramLimit l : dupNGramCharFractions) {
      max = Math.max(max, l.n());
    }
    return max;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GopherRepetitionConfig c && maxDupLineFraction == c.maxDupLineFraction
        && maxDupParagraphFraction == c.maxDupParagraphFraction
        && maxDupLineCharFraction == c.maxDupLineCharFraction
        && maxDupParagraphCharFraction == c.maxDupParagraphCharFraction
        && topNGramCharFractions.equals(c.topNGramCharFractions)
        && dupNGramCharFractions.equals(c.dupNGramCharFractions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxDupLineFraction, maxDupParagraphFraction, maxDupLineCharFraction,
        maxDupParagraphCharFraction, topNGramCharFractions, dupNGramCharFractions);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link GopherRepetitionConfig}; starts from the defaults. */
  public static final class Builder {
    private double maxDupLineFraction = 0.3;
    private double maxDupParagraphFraction = 0.3;
    private double maxDupLineCharFraction = 0.2;
    private double maxDupParagraphCharFraction = 0.2;
    private List<NGramLimit> topNGramCharFractions = List.of(
        new NGramLimit(2, 0.2), new NGramLimit(3, 0.18), new NGramLimit(4, 0.16));
    private List<NGramLimit> dupNGramCharFractions = List.of(
        new NGramLimit(5, 0.15), new NGramLimit(6, 0.14), new NGramLimit(7, 0.13),
        new NGramLimit(8, 0.12), new NGramLimit(9, 0.11), new NGramLimit(10, 0.10));

    private Builder() {
    }

    /** Largest share of lines that repeat an earlier line; 0 for no limit. */
    public Builder maxDupLineFraction(double value) {
      maxDupLineFraction = value;
      return this;
    }

    /** Largest share of paragraphs that repeat an earlier paragraph; 0 for no limit. */
    public Builder maxDupParagraphFraction(double value) {
      maxDupParagraphFraction = value;
      return this;
    }

    /** Largest share of the text's characters in repeated lines; 0 for no limit. */
    public Builder maxDupLineCharFraction(double value) {
      maxDupLineCharFraction = value;
      return this;
    }

    /** Largest share of the text's characters in repeated paragraphs; 0 for no limit. */
    public Builder maxDupParagraphCharFraction(double value) {
      maxDupParagraphCharFraction = value;
      return this;
    }

    /** Limits on the most frequent n-gram's characters (length times count) per text length. */
    public Builder topNGramCharFractions(List<NGramLimit> value) {
      topNGramCharFractions = List.copyOf(value);
      return this;
    }

    /** Limits on the characters in repeated n-grams per text length. */
    public Builder dupNGramCharFractions(List<NGramLimit> value) {
      dupNGramCharFractions = List.copyOf(value);
      return this;
    }

    public GopherRepetitionConfig build() {
      for (double f : new double[] {maxDupLineFraction, maxDupParagraphFraction,
          maxDupLineCharFraction, maxDupParagraphCharFraction}) {
        checkArgument(f >= 0 && f <= 1, "repetition fractions must be within [0, 1], got %s", f);
      }
      return new GopherRepetitionConfig(this);
    }
  }
}
