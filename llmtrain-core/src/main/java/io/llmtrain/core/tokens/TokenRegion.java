package io.llmtrain.core.tokens;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of token positions of a {@link TokenDataset}: sorted, disjoint, non-empty half-open spans
 * {@code [start, end)}. A {@link WindowSampler} draws windows that lie wholly inside one span,
 * so the training and validation regions of a split never share a window.
 */
public final class TokenRegion {
  /** Positions {@code [start, end)}. */
  public record Span(long start, long end) {
    public Span {
      checkArgument(start >= 0 && start < end, "a span needs 0 <= start < end, got [%s, %s)",
          start, end);
    }

    public long length() {
      return end - start;
    }
  }

  private final List<Span> spans;
  private final long size;

  private TokenRegion(List<Span> spans) {
    this.spans = List.copyOf(spans);
    long n = 0;
    for (Span s : spans) {
      n += s.length();
    }
    this.size = n;
  }

  /** The spans; empty ones are dropped, the rest must be sorted and disjoint. */
  public static TokenRegion of(List<long[]> startEnd) {
    List<Span> out = new ArrayList<>();
    long lastEnd = 0;
    for (long[] se : startEnd) {
      checkArgument(se.length == 2, "a span is [start, end]");
      if (se[0] == se[1]) {
        continue;
      }
      Span s = new Span(se[0], se[1]);
      checkArgument(s.start() >= lastEnd, "spans must be sorted and disjoint: [%s, %s) after %s",
          s.start(), s.end(), lastEnd);
      out.add(s);
      lastEnd = s.end();
    }
    return new TokenRegion(out);
  }

  /** One span {@code [start, end)}. */
  public static TokenRegion of(long start, long end) {
    return of(List.of(new long[] {start, end}));
  }

  public List<Span> spans() {
    return spans;
  }

  /** Number of positions in the region. */
  public long size() {
    return size;
  }

  public boolean contains(long position) {
    for (Span s : spans) {
      if (position >= s.start() && position < s.end()) {
        return true;
      }
    }
    return false;
  }

  /** Identifies the region in a sampler's saved state: a resume on another region is refused. */
  long fingerprint() {
    long h = 0x9E3779B97F4A7C15L;
    for (Span s : spans) {
      h = (h ^ s.start()) * 0x100000001B3L;
      h = (h ^ s.end()) * 0x100000001B3L;
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenRegion r && spans.equals(r.spans);
  }

  @Override
  public int hashCode() {
    return spans.hashCode();
  }

  @Override
  public String toString() {
    return "TokenRegion" + spans;
  }
}
