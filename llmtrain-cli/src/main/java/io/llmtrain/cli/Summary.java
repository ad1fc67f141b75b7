package io.llmtrain.cli;

import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.StageReport;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/** The short table a run ends with: per stage in, out, rejected and the main reasons. */
final class Summary {
  private Summary() {
  }

  static void print(PipelineReport r, PrintStream out) {
    int width = Math.max(10, r.stages().stream().mapToInt(s -> s.name().length()).max()
        .orElse(10));
    String row = "%-" + width + "s %10s %10s %10s  %s%n";
    out.printf(row, "stage", "in", "out", "rejected", "top reasons");
    for (StageReport s : r.stages()) {
      String reasons = s.rejected().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
          .limit(3)
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(Collectors.joining(", "));
      out.printf(row, s.name(), fmt(s.documentsIn()), fmt(s.documentsOut()),
          fmt(s.rejectedTotal()), reasons);
    }
    double seconds = r.wallMillis() / 1000.0;
    out.printf("%s documents in, %s kept (%.1f%%), %s rejected; %.1f MB in, %.1f MB out; "
            + "%.1f s (%.1f MB/s)%n",
        fmt(r.documentsIn()), fmt(r.documentsOut()),
        r.documentsIn() == 0 ? 0.0 : 100.0 * r.documentsOut() / r.documentsIn(),
        fmt(r.rejectedTotal()), r.bytesIn() / 1e6, r.bytesOut() / 1e6, seconds,
        r.megabytesPerSecond());
  }

  private static String fmt(long n) {
    return String.format("%,d", n);
  }
}
