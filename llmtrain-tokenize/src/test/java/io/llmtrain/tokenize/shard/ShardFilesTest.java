package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.ShardSidecar;
import io.llmtrain.core.tokens.TokenDtype;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing shards and reading them back, and the checks that guard a dataset's files. */
class ShardFilesTest {
  @TempDir
  Path dir;

  static final int[][] DOCS = {{5, 6, 7}, {}, {65535, 0, 1, 2, 3}, {42}};

  private ShardSidecar write(Path shard, ShardOptions options, int[]... docs) throws IOException {
    try (ShardWriter w = ShardWriter.create(shard, options)) {
      for (int[] d : docs) {
        w.writeDocument(d);
      }
      return w.commit();
    }
  }

  @Test
  void uint16ShardIsLittleEndianWithEosAfterEachDocumentAndReadsBack() throws IOException {
    Path shard = dir.resolve("ids.bin");
    ShardSidecar sc = write(shard, ShardOptions.builder(65536, 9).tokenizerSha256("abc")
        .config(Map.of("maxShardTokens", 0)).seed(7L).build(), DOCS);
    assertThat(sc.dtype()).isEqualTo(TokenDtype.UINT16);
    assertThat(sc.tokens()).isEqualTo(9 + 4);
    assertThat(sc.documents()).isEqualTo(4);
    assertThat(Files.size(shard)).isEqualTo(13 * 2);
    ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(shard)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(raw.getShort(0)).isEqualTo((short) 5);
    assertThat(Files.readAllBytes(shard)[0]).isEqualTo((byte) 5);
    assertThat(Short.toUnsignedInt(raw.getShort(2 * 5))).isEqualTo(65535);

    TokenDataset ds = TokenDataset.open(shard);
    assertThat(ds.window(0, 13)).containsExactly(5, 6, 7, 9, 9, 65535, 0, 1, 2, 3, 9, 42, 9);
    assertThat(ds.documents()).isEqualTo(4);
    assertThat(ds.eosId()).isEqualTo(9);
    assertThat(ds.vocabSize()).isEqualTo(65536);
    assertThat(ds.tokenizerSha256()).isEqualTo("abc");
    ShardSidecar read = ShardSidecar.read(dir.resolve("ids.json"));
    assertThat(read).isEqualTo(sc);
    assertThat(read.createdBy()).startsWith("llmtrain ");
    assertThat(read.config()).containsEntry("maxShardTokens", 0);
    assertThat(read.seed()).isEqualTo(7L);
  }

  @Test
  void largerVocabularyGetsUint32AndUint16RefusesIdsThatDoNotFit() throws IOException {
    Path shard = dir.resolve("wide.bin");
    ShardSidecar sc = write(shard, ShardOptions.builder(70_000, 69_999).build(),
        new int[] {65536, 69_998, 1});
    assertThat(sc.dtype()).isEqualTo(TokenDtype.UINT32);
    assertThat(Files.size(shard)).isEqualTo(4 * 4);
    assertThat(TokenDataset.open(shard).window(0, 4)).containsExactly(65536, 69_998, 1, 69_999);

    assertThatThrownBy(() -> ShardOptions.builder(70_000, 0).dtype(TokenDtype.UINT16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint16");
    try (ShardWriter w = ShardWriter.create(dir.resolve("narrow.bin"),
        ShardOptions.builder(300, 0).build())) {
      w.writeDocument(new int[] {1, 2});
      assertThatThrownBy(() -> w.writeDocument(new int[] {3, 300}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("token id 300 at position 1 of document 1");
      assertThatThrownBy(() -> w.writeDocument(new int[] {-1}))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
      ShardSidecar ok = w.commit();
      assertThat(ok.tokens()).as("refused documents leave nothing behind").isEqualTo(3);
    }
    assertThat(TokenDataset.open(dir.resolve("narrow.bin")).window(0, 3)).containsExactly(1, 2, 0);
  }

  @Test
  void uncommittedShardLeavesNoFiles() throws IOException {
    try (ShardWriter w = ShardWriter.create(dir.resolve("gone.bin"),
        ShardOptions.builder(300, 0).build())) {
      w.writeDocument(new int[] {1, 2, 3});
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void manyShardsReadAsOneSequenceAcrossMappedSegments() throws IOException {
    Path d = Files.createDirectories(dir.resolve("set"));
    ShardOptions o = ShardOptions.builder(1000, 999).build();
    int[] a = new int[50];
    int[] b = new int[37];
    for (int i = 0; i < a.length; i++) {
      a[i] = i;
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = 500 + i;
    }
    write(d.resolve("part-00000.bin"), o, a);
    write(d.resolve("part-00001.bin"), o);
    write(d.resolve("part-00002.bin"), o, b, new int[] {7});
    // 8-byte segments: 4 uint16 tokens each, so every window crosses segments and shards.
    TokenDataset ds = TokenDataset.open(List.of(d), 8);
    assertThat(ds.shards()).extracting(p -> p.getFileName().toString())
        .containsExactly("part-00000.bin", "part-00001.bin", "part-00002.bin");
    assertThat(ds.size()).isEqualTo(51 + 38 + 2);
    assertThat(ds.documents()).isEqualTo(3);
    int[] all = ds.window(0, (int) ds.size());
    for (int i = 0; i < 50; i++) {
      assertThat(all[i]).isEqualTo(i);
      assertThat(ds.get(i)).isEqualTo(i);
    }
    assertThat(all[50]).isEqualTo(999);
    assertThat(all[51]).isEqualTo(500);
    assertThat(ds.window(48, 6)).containsExactly(48, 49, 999, 500, 501, 502);
    assertThat(ds.get(ds.size() - 1)).isEqualTo(999);
    assertThatThrownBy(() -> ds.get(ds.size())).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void sidecarThatDisagreesWithTheFileIsRefusedNamingTheField() throws IOException {
    Path shard = dir.resolve("ids.bin");
    write(shard, ShardOptions.builder(300, 0).build(), new int[] {1, 2, 3});
    Path sidecar = dir.resolve("ids.json");
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(sidecar.toFile());

    json.put("tokens", 5);
    Json.MAPPER.writeValue(sidecar.toFile(), json);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("ids.bin").hasMessageContaining("field 'tokens'")
        .hasMessageContaining("10 bytes").hasMessageContaining("8 bytes");

    json.put("tokens", 4).put("dtype", "uint32");
    Json.MAPPER.writeValue(sidecar.toFile(), json);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("field 'tokens'").hasMessageContaining("uint32");

    json.put("dtype", "int8");
    Json.MAPPER.writeValue(sidecar.toFile(), json);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("ids.json").hasMessageContaining("field 'dtype'");

    json.put("dtype", "uint16").put("eosId", 300);
    Json.MAPPER.writeValue(sidecar.toFile(), json);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("field 'eosId'");

    json.put("eosId", 0).remove("vocabSize");
    Json.MAPPER.writeValue(sidecar.toFile(), json);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("field 'vocabSize'").hasMessageContaining("missing");

    Files.delete(sidecar);
    assertThatThrownBy(() -> TokenDataset.open(shard)).isInstanceOf(InputException.class)
        .hasMessageContaining("ids.json").hasMessageContaining("missing");
  }

  @Test
  void shardsOfDifferentTokenizersDoNotMix() throws IOException {
    write(dir.resolve("a.bin"), ShardOptions.builder(300, 0).tokenizerSha256("x").build(),
        new int[] {1});
    write(dir.resolve("b.bin"), ShardOptions.builder(300, 0).tokenizerSha256("y").build(),
        new int[] {1});
    write(dir.resolve("c.bin"), ShardOptions.builder(301, 0).tokenizerSha256("x").build(),
        new int[] {1});
    assertThatThrownBy(() -> TokenDataset.open(dir.resolve("a.bin"), dir.resolve("b.bin")))
        .isInstanceOf(InputException.class).hasMessageContaining("b.json")
        .hasMessageContaining("field 'tokenizerSha256'");
    assertThatThrownBy(() -> TokenDataset.open(dir.resolve("a.bin"), dir.resolve("c.bin")))
        .isInstanceOf(InputException.class).hasMessageContaining("field 'vocabSize'");
  }

  @Test
  void sameInputGivesIdenticalFiles() throws IOException {
    ShardOptions o = ShardOptions.builder(300, 0).config(Map.of("a", 1)).build();
    write(dir.resolve("one.bin"), o, DOCS[0], DOCS[3]);
    write(dir.resolve("two.bin"), o, DOCS[0], DOCS[3]);
    assertThat(Files.readAllBytes(dir.resolve("one.bin")))
        .isEqualTo(Files.readAllBytes(dir.resolve("two.bin")));
    assertThat(Files.readString(dir.resolve("one.json")))
        .isEqualTo(Files.readString(dir.resolve("two.json")));
  }
}
