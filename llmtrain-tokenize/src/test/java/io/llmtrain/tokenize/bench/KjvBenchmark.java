package io.llmtrain.tokenize.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.Tokenizers;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.trainer.BpeTrainer;
import io.llmtrain.tokenize.trainer.BpeTrainerConfig;
import io.llmtrain.tokenize.trainer.WordCounter;
import io.llmtrain.tokenize.trainer.WordCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures byte-level BPE training and encoding on a corpus (default the KJV).
 * Run: java -cp test-classes:classes:deps io.llmtrain.tokenize.bench.KjvBenchmark CORPUS OUT_DIR
 */
public final class KjvBenchmark {
  private KjvBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args.length > 0 ? args[0] : "/work/shared/corpora/kjv.txt");
    Path out = Path.of(args.length > 1 ? args[1] : "/tmp/kjv-bench");
    Files.createDirectories(out);
    long bytes = Files.size(corpus);
    BpeTrainerConfig cfg = BpeTrainerConfig.builder().vocabSize(8000)
        .specialTokens(List.of("<|endoftext|>")).build();
    BpeModel model = null;
    for (int threads : new int[] {1, 2, 1, 2}) {
      long t0 = System.nanoTime();
      WordCounter counter = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).threads(threads)
          .build();
      counter.addFile(corpus);
      WordCounts counts = counter.counts();
      long t1 = System.nanoTime();
      model = new BpeTrainer(cfg).train(counts);
      long t2 = System.nanoTime();
      System.out.printf("threads=%d count=%.2fs (%d distinct pieces) merges=%.2fs total=%.2fs%n",
          threads, (t1 - t0) / 1e9, counts.size(), (t2 - t1) / 1e9, (t2 - t0) / 1e9);
    }
    Tokenizer tok = Tokenizers.byteLevelBpe(model, cfg.specialTokens(), null, null);
    Path file = out.resolve("kjv-8000.json");
    TokenizerJson.write(tok, file);

    List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8).stream()
        .map(l -> l + "\n").toList();
    long tokens = 0;
    for (int round = 0; round < 3; round++) {
      Tokenizer fresh = TokenizerJson.read(file); // cold cache each round
      long t0 = System.nanoTime();
      tokens = 0;
      for (String l : lines) {
        tokens += fresh.encode(l, false).length;
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("java encode round %d: %.2fs %.2f MB/s, %d tokens, %.3f bytes/token%n",
          round, s, bytes / 1e6 / s, tokens, (double) bytes / tokens);
    }
    for (int round = 0; round < 3; round++) {
      Tokenizer fresh = TokenizerJson.read(file);
      long t0 = System.nanoTime();
      long n = 0;
      for (int[] ids : fresh.encodeBatch(lines, false)) {
        n += ids.length;
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("java encodeBatch (parallel, %d cpus) round %d: %.2fs %.2f MB/s, %d "
          + "tokens%n", Runtime.getRuntime().availableProcessors(), round, s, bytes / 1e6 / s, n);
    }
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
        .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        long n = 0;
        for (String l : lines) {
          n += hf.encode(l, false, false).getIds().length;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("djl encode per line round %d: %.2fs %.2f MB/s, %d tokens%n", round, s,
            bytes / 1e6 / s, n);
      }
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        long n = 0;
        for (int i = 0; i < lines.size(); i += 1024) {
          for (Encoding e : hf.batchEncode(lines.subList(i, Math.min(lines.size(), i + 1024)),
              false, false)) {
            n += e.getIds().length;
          }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("djl batchEncode(1024) round %d: %.2fs %.2f MB/s, %d tokens%n", round,
            s, bytes / 1e6 / s, n);
      }
      String whole = Files.readString(corpus);
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        int n = hf.encode(whole, false, false).getIds().length;
        double s1 = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        int m = TokenizerJson.read(file).encode(whole, false).length;
        double s2 = (System.nanoTime() - t0) / 1e9;
        System.out.printf("whole text in one call round %d: djl %.2fs %.2f MB/s (%d tokens), "
            + "java %.2fs %.2f MB/s (%d tokens)%n", round, s1, bytes / 1e6 / s1, n, s2,
            bytes / 1e6 / s2, m);
      }
      long mismatches = 0;
      for (String l : lines) {
        long[] theirs = hf.encode(l, false, false).getIds();
        if (!Arrays.equals(Arrays.stream(tok.encode(l, false)).asLongStream().toArray(), theirs)) {
          mismatches++;
        }
      }
      System.out.printf("lines with ids differing from DJL: %d of %d%n", mismatches,
          lines.size());
    }
  }
}
