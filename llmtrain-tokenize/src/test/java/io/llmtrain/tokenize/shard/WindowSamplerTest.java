package io.llmtrain.tokenize.shard;

import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenRegion;
import io.llmtrain.core.tokens.WindowSampler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowSamplerTest {
  static final int EOS = 0;

  @TempDir
  Path dir;

  TokenDataset ds;

  /** 200 documents of 20..69 tokens; token value = (position % 999) + 1, EOS = 0 between. */
  @BeforeEach
  void writeDataset() throws IOException {
    Path shard = dir.resolve("ids.bin");
    long pos = 0;
    try (ShardWriter w = ShardWriter.create(shard, ShardOptions.builder(1000, EOS).build())) {
      for (int d = 0; d < 200; d++) {
        int[] doc = new int[20 + (d * 37) % 50];
        for (int i = 0; i < doc.length; i++) {
          doc[i] = (int) ((pos + i) % 999) + 1;
        }
        pos += doc.length + 1;
        w.writeDocument(doc);
      }
      w.commit();
    }
    ds = TokenDataset.open(List.of(shard), 64);
  }

  @Test
  void windowsAreConsecutiveTokensAndTargetsAreInputsShiftedByOne() {
    WindowSampler s = WindowSampler.create(ds, ds.all(), 16, 4, 1);
    WindowSampler.Batch b = s.next();
    assertThat(b.inputs()).hasSize(64);
    assertThat(b.targets()).hasSize(64);
    for (int r = 0; r < 4; r++) {
      int[] window = ds.window(b.starts()[r], 17);
      for (int t = 0; t < 16; t++) {
        assertThat(b.input(r, t)).isEqualTo(window[t]);
        assertThat(b.target(r, t)).isEqualTo(window[t + 1]);
      }
    }
  }

  @Test
  void sameSeedSameBatchesOtherSeedOtherBatches() {
    List<long[]> a = starts(WindowSampler.create(ds, ds.all(), 16, 8, 42), 20);
    List<long[]> b = starts(WindowSampler.create(ds, ds.all(), 16, 8, 42), 20);
    List<long[]> c = starts(WindowSampler.create(ds, ds.all(), 16, 8, 43), 20);
    assertThat(a).usingRecursiveComparison().isEqualTo(b);
    assertThat(a).usingRecursiveComparison().isNotEqualTo(c);
  }

  @Test
  void resumeFromSavedStateContinuesIdentically() throws IOException {
    WindowSampler original = WindowSampler.create(ds, ds.all(), 16, 8, 7);
    starts(original, 5);
    WindowSampler.State saved = original.state();
    assertThat(saved.step()).isEqualTo(5);
    List<WindowSampler.Batch> expected = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expected.add(original.next());
    }
    // The state survives a checkpoint written as JSON.
    WindowSampler.State reread = io.llmtrain.core.io.Json.MAPPER.readValue(
        io.llmtrain.core.io.Json.MAPPER.writeValueAsString(saved), WindowSampler.State.class);
    assertThat(reread).isEqualTo(saved);
    WindowSampler resumed = WindowSampler.resume(ds, ds.all(), reread);
    for (int i = 0; i < 10; i++) {
      WindowSampler.Batch got = resumed.next();
      assertThat(got.step()).isEqualTo(expected.get(i).step());
      assertThat(got.starts()).containsExactly(expected.get(i).starts());
      assertThat(got.inputs()).containsExactly(expected.get(i).inputs());
      assertThat(got.targets()).containsExactly(expected.get(i).targets());
    }
    TokenDataset.Split split = ds.split(0.1, 3);
    assertThatThrownBy(() -> WindowSampler.resume(ds, split.train(), saved))
        .isInstanceOf(ConfigException.class).hasMessageContaining("another region");
  }

  @Test
  void splitIsSeededDisjointCoversEverythingAndStartsAtDocuments() {
    TokenDataset.Split s = ds.split(0.1, 11);
    assertThat(ds.split(0.1, 11).validation()).isEqualTo(s.validation());
    assertThat(ds.split(0.1, 12).validation()).isNotEqualTo(s.validation());
    assertThat(s.validation().spans()).hasSize(1);
    TokenRegion.Span val = s.validation().spans().get(0);
    assertThat(s.train().size() + s.validation().size()).isEqualTo(ds.size());
    assertThat((double) val.length() / ds.size()).isBetween(0.07, 0.13);
    for (TokenRegion.Span t : s.train().spans()) {
      assertThat(t.end() <= val.start() || t.start() >= val.end()).isTrue();
    }
    // Edges at document starts: the token before each edge is an end-of-document id.
    assertThat(ds.get(val.start() - 1)).isEqualTo(EOS);
    if (val.end() < ds.size()) {
      assertThat(ds.get(val.end() - 1)).isEqualTo(EOS);
    }
  }

  @Test
  void windowsNeverCrossTheTrainValidationEdge() {
    TokenDataset.Split s = ds.split(0.2, 5);
    TokenRegion.Span val = s.validation().spans().get(0);
    int block = 32;
    WindowSampler train = WindowSampler.create(ds, s.train(), block, 16, 9);
    WindowSampler valid = WindowSampler.create(ds, s.validation(), block, 16, 9);
    for (int i = 0; i < 300; i++) {
      for (long start : train.next().starts()) {
        long end = start + block + 1;
        assertThat(end <= val.start() || start >= val.end())
            .as("train window [%s, %s) vs validation %s", start, end, val).isTrue();
      }
      for (long start : valid.next().starts()) {
        assertThat(start).isGreaterThanOrEqualTo(val.start());
        assertThat(start + block + 1).isLessThanOrEqualTo(val.end());
      }
    }
  }

  @Test
  void everyStartThatFitsIsDrawnAndNoOther() {
    // Spans [0, 40) and [100, 110): block 32 fits at starts 0..7 only; the short span never.
    TokenRegion r = TokenRegion.of(List.of(new long[] {0, 40}, new long[] {100, 110}));
    WindowSampler s = WindowSampler.create(ds, r, 32, 8, 1);
    java.util.TreeSet<Long> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 50; i++) {
      for (long start : s.next().starts()) {
        seen.add(start);
      }
    }
    assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void evaluationBatchesScoreEachValidationTokenOnceOrAnEvenSample() {
    TokenDataset.Split s = ds.split(0.1, 5);
    TokenRegion.Span val = s.validation().spans().get(0);
    int block = 16;
    List<WindowSampler.Batch> all =
        WindowSampler.evaluationBatches(ds, s.validation(), block, 4, Integer.MAX_VALUE);
    long windows = (val.length() - 1) / block;
    assertThat((long) all.size()).isEqualTo(windows / 4);
    long expectedStart = val.start();
    for (WindowSampler.Batch b : all) {
      for (int r = 0; r < 4; r++) {
        assertThat(b.starts()[r]).isEqualTo(expectedStart);
        assertThat(b.target(r, block - 1)).isEqualTo(ds.get(expectedStart + block));
        expectedStart += block;
      }
    }
    assertThat(WindowSampler.evaluationBatches(ds, s.validation(), block, 4, Integer.MAX_VALUE))
        .extracting(WindowSampler.Batch::starts).usingRecursiveComparison()
        .isEqualTo(all.stream().map(WindowSampler.Batch::starts).toList());

    List<WindowSampler.Batch> few = WindowSampler.evaluationBatches(ds, s.validation(), block, 4, 3);
    assertThat(few).hasSize(3);
    long first = few.get(0).starts()[0];
    long last = few.get(2).starts()[3];
    assertThat(first).isEqualTo(val.start());
    assertThat(last).as("spread over the region").isGreaterThan(val.start() + val.length() / 2);
    assertThatThrownBy(() -> WindowSampler.evaluationBatches(ds, TokenRegion.of(0, 40), 16, 4, 1))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not one batch");
  }

  @Test
  void regionTooSmallForOneWindowIsRefused() {
    assertThatThrownBy(() -> WindowSampler.create(ds, TokenRegion.of(0, 10), 10, 1, 0))
        .isInstanceOf(ConfigException.class).hasMessageContaining("blockSize + 1 = 11");
    assertThat(WindowSampler.create(ds, TokenRegion.of(0, 11), 10, 1, 0).next().starts())
        .containsExactly(0);
  }

  private static List<long[]> starts(WindowSampler s, int batches) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      out.add(s.next().starts());
    }
    return out;
  }
}
