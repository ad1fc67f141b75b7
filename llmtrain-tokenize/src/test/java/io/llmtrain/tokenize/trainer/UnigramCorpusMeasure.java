package io.llmtrain.tokenize.trainer;

import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.model.UnigramModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: measures Unigram training on a plain-text corpus (words split on whitespace, each
 * with the metaspace prefix). Arguments: corpus, vocabulary size, optional held-out file and
 * optional output tokenizer model JSON. Prints timings and tokens per held-out byte.
 */
public final class UnigramCorpusMeasure {
  private UnigramCorpusMeasure() {
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int vocabSize = Integer.parseInt(args[1]);
    long t0 = System.nanoTime();
    Map<String, Long> counts = new HashMap<>();
    String all = Files.readString(corpus, StandardCharsets.UTF_8);
    int i = 0;
    while (i < all.length()) {
      while (i < all.length() && Character.isWhitespace(all.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < all.length() && !Character.isWhitespace(all.charAt(i))) {
        i++;
      }
      if (i > start) {
        counts.merge("\u2581" + all.substring(start, i), 1L, Long::sum);
      }
    }
    WordCounts wc = TestWordCounts.of(counts);
    com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu1 = os.getProcessCpuTime();
    long t1 = System.nanoTime();
    UnigramTrainer.Training t = new UnigramTrainer(UnigramTrainerConfig.builder()
        .vocabSize(vocabSize)
        .splitByUnicodeScript(!"false".equals(System.getProperty("splitByUnicodeScript")))
        .build()).trainWithReport(wc);
    long t2 = System.nanoTime();
    long cpu2 = os.getProcessCpuTime();
    System.out.printf("training CPU time %.2f s (all threads)%n", (cpu2 - cpu1) / 1e9);
    System.out.printf("words: %d distinct, %d total; counting %.2f s, training %.2f s%n",
        wc.size(), wc.totalCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    System.out.printf("seed %d pieces, %d rounds: %s%n", t.seedPieces(), t.rounds().size(),
        t.rounds().stream().map(r -> r.pieces() + ":" + r.logLikelihoods()).toList());
    UnigramModel m = t.model();
    System.out.println("vocab " + m.vocabSize());
    if (args.length > 2) {
      String text = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
      long tokens = 0;
      for (String line : text.split("\n")) {
        for (String w : line.trim().split("\\s+")) {
          if (!w.isEmpty()) {
            tokens += m.tokenize("\u2581" + w).size();
          }
        }
      }
      long bytes = text.getBytes(StandardCharsets.UTF_8).length;
      System.out.printf("held-out: %d bytes, %d tokens, %.4f bytes/token%n", bytes, tokens,
          (double) bytes / tokens);
    }
    if (args.length > 3) {
      Files.writeString(Path.of(args[3]), Json.MAPPER.writeValueAsString(m.toJson()));
    }
    List<String> first = m.pieces().subList(0, Math.min(60, m.vocabSize()));
    System.out.println("first pieces: " + first);
  }
}
