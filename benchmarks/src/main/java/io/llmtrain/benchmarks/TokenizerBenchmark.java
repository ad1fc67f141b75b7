package io.llmtrain.benchmarks;

import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.TokenizerRecipe.ModelType;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.rust.RustTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tokenizer training side by side with SentencePiece's {@code spm_train} (Debian package {@code
 * sentencepiece}), in one run, on the same corpus and vocabulary size, for BPE and Unigram:
 * training wall time (alternating ours and theirs, median of the repeats; ours also on its first,
 * cold run in a fresh JVM), and compression in bytes per token on held-out text (the last 10% of
 * lines, never trained on). Then encoding throughput of our trained BPE tokenizer through the
 * Hugging Face Rust path (DJL) and the Java path.
 *
 * <pre>
 * benchmarks/run TokenizerBenchmark --corpus ../shared/corpora/kjv.txt --vocab-size 8000
 * </pre>
 */
public final class TokenizerBenchmark {
  private TokenizerBenchmark() {
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> a = BenchmarkSupport.args(argv);
    Path corpus = Path.of(a.getOrDefault("corpus", "../shared/corpora/kjv.txt"));
    int vocab = Integer.parseInt(a.getOrDefault("vocab-size", "8000"));
    int repeat = Integer.parseInt(a.getOrDefault("repeat", "3"));
    int threads = Integer.parseInt(a.getOrDefault("threads",
        Integer.toString(Runtime.getRuntime().availableProcessors())));
    String spm = a.getOrDefault("spm-train", "spm_train");

    List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
    int cut = (int) (lines.size() * 0.9);
    Path work = Files.createTempDirectory("tokenizer-bench");
    Path train = Files.write(work.resolve("train.txt"), lines.subList(0, cut),
        StandardCharsets.UTF_8);
    List<String> heldOut = lines.subList(cut, lines.size());
    Path heldOutFile = Files.write(work.resolve("heldout.txt"), heldOut, StandardCharsets.UTF_8);
    long heldOutBytes = 0;
    for (String l : heldOut) {
      heldOutBytes += l.getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf("corpus %s: %,d lines, training on %,d (%.1f MB), held out %,d "
            + "(%,d bytes); vocabulary %,d; %d threads (ours and spm_train --num_threads)%n",
        corpus, lines.size(), cut, Files.size(train) / 1e6, heldOut.size(), heldOutBytes, vocab,
        threads);

    Tokenizer bpe = null;
    // Byte-level BPE is GPT-2's layout; metaspace BPE splits as SentencePiece does (at spaces
    // only), the like-for-like comparison with spm_train's BPE.
    Map<String, TokenizerRecipe> recipes = new java.util.LinkedHashMap<>();
    recipes.put("bpe", TokenizerRecipe.builder(ModelType.BPE).vocabSize(vocab).threads(threads)
        .build());
    recipes.put("bpe-metaspace", TokenizerRecipe.builder(ModelType.BPE).vocabSize(vocab)
        .threads(threads).bpeSplit(TokenizerRecipe.BpeSplit.METASPACE).build());
    recipes.put("unigram", TokenizerRecipe.builder(ModelType.UNIGRAM).vocabSize(vocab)
        .threads(threads).build());
    for (Map.Entry<String, TokenizerRecipe> entry : recipes.entrySet()) {
      String label = entry.getKey();
      TokenizerRecipe recipe = entry.getValue();
      ModelType type = recipe.model();
      List<Double> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      Tokenizer trained = null;
      Path model = work.resolve("spm-" + label);
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        trained = recipe.trainOnFiles(List.of(train));
        ours.add((System.nanoTime() - t0) / 1e9);
        theirs.add(spmTrain(spm, train, model, vocab, type, threads));
        System.out.printf("  %-13s run %d: ours %.2f s, spm_train %.2f s%n", label, i + 1,
            ours.get(i), theirs.get(i));
      }
      long ourTokens = 0;
      for (String l : heldOut) {
        ourTokens += trained.encode(l, false).length;
      }
      long spmTokens = spmTokens(spm.replace("spm_train", "spm_encode"), model, heldOutFile);
      double ourBpt = (double) heldOutBytes / ourTokens;
      double spmBpt = (double) heldOutBytes / spmTokens;
      System.out.printf(Locale.ROOT, "RESULT %s training: ours median %.2f s (first, cold JVM "
              + "%.2f s), spm_train median %.2f s: %.2fx faster%n", label,
          BenchmarkSupport.median(ours), ours.get(0), BenchmarkSupport.median(theirs),
          BenchmarkSupport.median(theirs) / BenchmarkSupport.median(ours));
      System.out.printf(Locale.ROOT, "RESULT %s held-out compression: ours %.4f bytes/token "
              + "(%,d tokens), spm %.4f bytes/token (%,d tokens): ours %+.2f%%%n", label, ourBpt,
          ourTokens, spmBpt, spmTokens, 100 * (ourBpt / spmBpt - 1));
      if (label.equals("bpe")) {
        bpe = trained;
      }
    }

    // Encoding throughput of the BPE tokenizer, every line of the corpus a document.
    Path json = work.resolve("bpe.json");
    TokenizerJson.write(bpe, json);
    Tokenizer java = bpe;
    long bytes = Files.size(corpus);
    try (RustTokenizer rust = RustTokenizer.load(json, threads)) {
      for (int i = 0; i < 2 + repeat; i++) {
        double r = throughput(() -> rust.encodeBatch(lines, false), bytes);
        double j = throughput(() -> java.encodeBatch(lines, false), bytes);
        System.out.printf("  encode run %d: rust %.1f MB/s, java %.1f MB/s%n", i + 1, r, j);
        if (i == 1 + repeat) {
          System.out.printf(Locale.ROOT, "RESULT encoding (BPE %,d, %d threads, %,d lines): "
              + "rust %.1f MB/s, java %.1f MB/s (last run; the first two are warm-up)%n",
              vocab, threads, lines.size(), r, j);
        }
      }
    }
  }

  private static double throughput(Runnable encode, long bytes) {
    long t0 = System.nanoTime();
    encode.run();
    return bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
  }

  private static double spmTrain(String spm, Path train, Path prefix, int vocab, ModelType type,
      int threads) throws IOException, InterruptedException {
    List<String> cmd = List.of(spm, "--input=" + train, "--model_prefix=" + prefix,
        "--vocab_size=" + vocab, "--model_type=" + type.label(), "--num_threads=" + threads,
        "--minloglevel=1");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + ")");
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static long spmTokens(String spmEncode, Path prefix, Path heldOut)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(spmEncode, "--model=" + prefix + ".model",
        "--output_format=id", "--input=" + heldOut).redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    long tokens = 0;
    try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank()) {
          tokens += line.trim().split(" ").length;
        }
      }
    }
    if (p.waitFor() != 0) {
      throw new IOException(spmEncode + " failed");
    }
    return tokens;
  }
}
