package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.SourceFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.spi.Params;
import io.llmtrain.tokenize.rust.RustTokenizer;
import io.llmtrain.tokenize.rust.RustFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardEncoderTest {
  static RustTokenizer one;
  static RustTokenizer two;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() {
    one = RustTokenizer.load(RustFixtures.byteBpe(), 1);
    two = RustTokenizer.load(RustFixtures.byteBpe(), 2);
  }

  @AfterAll
  static void close() {
    one.close();
    two.close();
  }

  static List<Document> documents() {
    List<String> texts = List.of(RustFixtures.ENGLISH, RustFixtures.PORTUGUESE,
        RustFixtures.CJK, RustFixtures.EMOJI);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      docs.add(Document.of("d" + i, i + " " + texts.get(i % 4).repeat(1 + i % 5)));
    }
    return docs;
  }

  /** Splits a dataset at its end-of-document ids. */
  static List<int[]> documentsOf(TokenDataset ds) {
    int[] all = ds.window(0, (int) ds.size());
    List<int[]> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == ds.eosId()) {
        out.add(Arrays.copyOfRange(all, from, i));
        from = i + 1;
      }
    }
    assertThat(from).as("the dataset ends with an end-of-document id").isEqualTo(all.length);
    return out;
  }

  @Test
  void shardsHoldEveryDocumentInOrderAndDecodeBack() throws IOException {
    int eos = ShardEncoder.findEos(two).getAsInt();
    Path out = dir.resolve("corpus.bin");
    ShardStats stats = ShardEncoder.builder(two, eos)
        .config(ShardConfig.builder().maxShardTokens(2_000).batchDocuments(16).build())
        .output(out).tokenizerSha256(two.sha256()).provenance("tokenizer", "byte-bpe.json")
        .build().encode(documents().iterator());

    List<Document> docs = documents();
    assertThat(stats.documents()).isEqualTo(docs.size());
    assertThat(stats.shards()).hasSizeGreaterThan(3);
    assertThat(stats.shards().get(0).getFileName().toString()).isEqualTo("corpus-00000.bin");
    long bytes = 0;
    long tokens = 0;
    for (Document d : docs) {
      bytes += d.text().getBytes(StandardCharsets.UTF_8).length;
      tokens += one.encode(d.text(), false).length;
    }
    assertThat(stats.bytes()).isEqualTo(bytes);
    assertThat(stats.tokens()).isEqualTo(tokens);
    assertThat(stats.shardTokens()).isEqualTo(tokens + docs.size());
    assertThat(stats.bytesPerToken()).isEqualTo((double) bytes / tokens);

    TokenDataset ds = TokenDataset.open(dir);
    assertThat(ds.shards()).containsExactlyElementsOf(stats.shards());
    assertThat(ds.size()).isEqualTo(stats.shardTokens());
    assertThat(ds.documents()).isEqualTo(docs.size());
    assertThat(ds.tokenizerSha256()).isEqualTo(two.sha256());
    for (ShardSidecar sc : ds.sidecars()) {
      assertThat(sc.tokens()).isLessThanOrEqualTo(2_000);
      assertThat(sc.config()).containsEntry("maxShardTokens", 2_000)
          .containsEntry("tokenizer", "byte-bpe.json");
    }
    List<int[]> decoded = documentsOf(ds);
    assertThat(decoded).hasSize(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      assertThat(one.decode(decoded.get(i), false)).isEqualTo(docs.get(i).text());
    }
  }

  @Test
  void aShorterRerunLeavesNoShardOfTheEarlierRunBehind() throws IOException {
    Path out = dir.resolve("corpus.bin");
    ShardEncoder.builder(one, 316)
        .config(ShardConfig.builder().maxShardTokens(500).build()).output(out).build()
        .encode(documents().iterator());
    ShardStats second = ShardEncoder.builder(one, 316)
        .config(ShardConfig.builder().maxShardTokens(5_000).build()).output(out).build()
        .encode(documents().iterator());
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".bin")).sorted().toList())
          .containsExactlyElementsOf(second.shards());
    }
    assertThat(TokenDataset.open(dir).size()).isEqualTo(second.shardTokens());
  }

  @Test
  void outputIsTheSameForAnyNumberOfThreads() throws IOException {
    ShardConfig cfg = ShardConfig.builder().batchDocuments(7).build();
    ShardEncoder.builder(one, 316).config(cfg).output(dir.resolve("a.bin")).build()
        .encode(documents().iterator());
    ShardEncoder.builder(two, 316).config(cfg).output(dir.resolve("b.bin")).build()
        .encode(documents().iterator());
    try (ParallelTextEncoder four = ParallelTextEncoder.of(one, 4)) {
      ShardEncoder.builder(four, 316).config(cfg).output(dir.resolve("c.bin")).build()
          .encode(documents().iterator());
    }
    byte[] a = Files.readAllBytes(dir.resolve("a.bin"));
    assertThat(Files.readAllBytes(dir.resolve("b.bin"))).isEqualTo(a);
    assertThat(Files.readAllBytes(dir.resolve("c.bin"))).isEqualTo(a);
    assertThat(Files.readString(dir.resolve("b.json")))
        .isEqualTo(Files.readString(dir.resolve("a.json")));
  }

  @Test
  void withoutOutputItOnlyCounts() throws IOException {
    ShardStats stats = ShardEncoder.builder(two, 316).build().encode(documents().iterator());
    assertThat(stats.shards()).isEmpty();
    assertThat(stats.shardTokens()).isZero();
    assertThat(stats.tokens()).isPositive();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void dataSourceFilesAreHashedIntoTheSidecar() throws IOException {
    Path jsonl = dir.resolve("in.jsonl");
    Files.writeString(jsonl, "{\"id\":\"a\",\"body\":\"Olá, mundo! A canção não acabou.\"}\n"
        + "{\"id\":\"b\",\"body\":\"The end of the day 🌅\"}\n");
    Path out = dir.resolve("out/ids.bin");
    List<io.llmtrain.core.Progress> seen = new ArrayList<>();
    ShardStats stats = ShardEncoder.builder(one, 316).output(out)
        .config(ShardConfig.builder().batchDocuments(1).build())
        .progress(new io.llmtrain.core.ProgressListener() {
          @Override
          public void update(io.llmtrain.core.Progress p) {
            seen.add(p);
          }

          @Override
          public void finished(io.llmtrain.core.Progress p) {
            seen.add(p);
          }
        })
        .build().encode(DataSource.jsonl(jsonl, "body"));
    assertThat(stats.documents()).isEqualTo(2);
    assertThat(seen).extracting(io.llmtrain.core.Progress::documentsIn).containsExactly(1L, 2L, 2L);
    assertThat(seen.get(2).bytesRead()).isEqualTo(Files.size(jsonl));
    assertThat(seen.get(2).totalBytes()).isEqualTo(Files.size(jsonl));
    ShardSidecar sc = ShardSidecar.read(dir.resolve("out/ids.json"));
    assertThat(sc.sources()).singleElement().satisfies(s -> {
      assertThat(s.path()).endsWith("in.jsonl");
      assertThat(s.bytes()).isEqualTo(Files.size(jsonl));
      assertThat(s.sha256()).isEqualTo(SourceFile.of(jsonl).sha256()).hasSize(64);
    });
    List<int[]> docs = documentsOf(TokenDataset.open(out));
    assertThat(one.decode(docs.get(0), false)).isEqualTo("Olá, mundo! A canção não acabou.");
    assertThat(one.decode(docs.get(1), false)).isEqualTo("The end of the day 🌅");
  }

  @Test
  void configReadsParamsStrictlyAndRoundTrips() {
    ShardConfig c = ShardConfig.fromParams(Params.of("shards",
        Map.of("maxShardTokens", 1_000_000, "dtype", "uint32", "batchDocuments", 64)));
    assertThat(c.maxShardTokens()).isEqualTo(1_000_000);
    assertThat(c.dtype()).isEqualTo(ShardConfig.Dtype.UINT32);
    assertThat(ShardConfig.fromParams(Params.of(c))).isEqualTo(c);
    assertThat(ShardConfig.fromParams(Params.of("shards", Map.of()))).isEqualTo(
        ShardConfig.defaults());
    assertThatThrownBy(() -> ShardConfig.fromParams(Params.of("shards",
        Map.of("maxShardToken", 5)))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("maxShardToken");
    assertThatThrownBy(() -> ShardConfig.fromParams(Params.of("shards",
        Map.of("dtype", "int8")))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("dtype");
  }

  @Test
  void utf8LengthCountsLikeTheEncoder() {
    for (String s : List.of(RustFixtures.ENGLISH, RustFixtures.PORTUGUESE,
        RustFixtures.CJK, RustFixtures.EMOJI, "")) {
      assertThat(ShardEncoder.utf8Length(s)).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
