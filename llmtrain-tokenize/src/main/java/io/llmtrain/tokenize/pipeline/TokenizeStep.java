package io.llmtrain.tokenize.pipeline;

import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.Step;
import io.llmtrain.tokenize.Encoders;
import io.llmtrain.tokenize.TextEncoder;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.json.TokenizerProvenance;
import io.llmtrain.tokenize.shard.ShardEncoder;
import io.llmtrain.tokenize.shard.ShardStats;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.tokenize.trainer.WordCounter;
import io.llmtrain.tokenize.trainer.WordCounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Trains (or copies) a tokenizer into the step's directory as {@code tokenizer.json} with its
 * provenance sidecar, then encodes the corpus into {@code tokens/corpus.bin} (and its sidecar).
 */
final class TokenizeStep implements Step {
  private final TokenizeConfig config;

  TokenizeStep(TokenizeConfig config) {
    this.config = config;
  }

  @Override
  public Set<String> requires() {
    return Set.of(Artifacts.CORPUS);
  }

  @Override
  public Set<String> produces() {
    return Set.of(Artifacts.TOKENIZER, Artifacts.TOKENS);
  }

  @Override
  public Result run(Context context) throws Exception {
    Path corpus = context.artifact(Artifacts.CORPUS);
    Path dir = context.outputDirectory();
    Path json = dir.resolve("tokenizer.json");
    Map<String, Object> metrics = new LinkedHashMap<>();
    TokenizerRecipe recipe = config.recipe();
    Tokenizer java = null;
    if (recipe != null) {
      long start = System.nanoTime();
      WordCounter counter = recipe.newCounter();
      WordCounts counts;
      try (CorpusTexts texts = new CorpusTexts(corpus)) {
        counter.addTexts(() -> texts);
        counts = counter.counts();
      }
      java = recipe.train(counts);
      TokenizerJson.write(java, json);
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("documents", counter.texts());
      stats.put("distinct_pieces", counts.size());
      stats.put("seed", context.seed());
      TokenizerProvenance.write(json, recipe.params(), List.of(SourceFile.of(corpus)), stats);
      metrics.put("train_seconds", (System.nanoTime() - start) / 1e9);
    } else {
      Files.copy(config.tokenizer(), json, StandardCopyOption.REPLACE_EXISTING);
    }

    long start = System.nanoTime();
    try (Encoders.Opened opened = java != null && config.encoder() == Encoders.Kind.JAVA
        ? new Encoders.Opened(java, Encoders.Kind.JAVA)
        : Encoders.open(json, config.encoder(), Runtime.getRuntime().availableProcessors())) {
      TextEncoder encoder = opened.encoder();
      metrics.put("encoder", opened.kind().label());
      int eos = eosId(encoder, json, recipe);
      ShardStats stats = ShardEncoder.builder(encoder, eos).config(config.shards())
          .output(dir.resolve("tokens").resolve("corpus.bin"))
          .tokenizerSha256(SourceFile.of(json).sha256())
          .seed(context.seed())
          .provenance("tokenize", config.params())
          .build()
          .encode(DataSource.jsonl(corpus, "text"));
      metrics.put("vocab_size", encoder.vocabSize());
      metrics.putAll(stats.toMap());
      metrics.put("encode_seconds", (System.nanoTime() - start) / 1e9);
    }
    return new Result(Map.of(Artifacts.TOKENIZER, json, Artifacts.TOKENS, dir.resolve("tokens")),
        metrics);
  }

  private static int eosId(TextEncoder encoder, Path json, TokenizerRecipe recipe) {
    if (recipe != null) {
      return encoder.tokenToId(recipe.eosToken());
    }
    return ShardEncoder.findEos(encoder).orElseThrow(() -> new InputException(json.toString(),
        "has none of the usual end-of-document tokens (<|endoftext|>, <|end_of_text|>, </s>, "
            + "<eos>, [EOS]) to put between documents", null));
  }

  /** The texts of the corpus JSONL, read once, closing the file when done. */
  private static final class CorpusTexts implements Iterator<String>, AutoCloseable {
    private final RecordReader reader;
    private String next;

    CorpusTexts(Path corpus) throws IOException {
      reader = DataSource.jsonl(corpus, "text").open(ErrorPolicy.FAIL);
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          Document d = reader.nextDocument();
          next = d == null ? null : d.text();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String t = next;
      next = null;
      return t;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
