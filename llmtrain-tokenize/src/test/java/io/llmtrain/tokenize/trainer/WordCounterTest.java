package io.llmtrain.tokenize.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.tokenize.normalizer.Lowercase;
import io.llmtrain.tokenize.pretokenizer.WhitespaceSplit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCounterTest {

  static Map<String, Long> asMap(WordCounts wc) {
    Map<String, Long> m = new HashMap<>();
    for (int i = 0; i < wc.size(); i++) {
      m.put(wc.word(i), wc.count(i));
    }
    return m;
  }

  @Test
  void countsNormalizedPiecesInParallelAsSequentially() {
    List<String> texts = IntStream.range(0, 5000)
        .mapToObj(i -> "Olá Mundo olá " + (i % 7) + " ação AÇÃO").toList();
    WordCounter one = WordCounter.builder().normalizer(Lowercase.INSTANCE)
        .preTokenizer(WhitespaceSplit.INSTANCE).build();
    WordCounter three = WordCounter.builder().normalizer(Lowercase.INSTANCE)
        .preTokenizer(WhitespaceSplit.INSTANCE).threads(3).build();
    one.addTexts(texts);
    three.addTexts(texts.stream());
    Map<String, Long> counts = asMap(one.counts());
    assertThat(counts).containsEntry("olá", 10_000L).containsEntry("ação", 10_000L)
        .containsEntry("mundo", 5000L);
    assertThat(asMap(three.counts())).isEqualTo(counts);
    assertThat(one.texts()).isEqualTo(5000);
  }

  @Test
  void invalidUtf8IsRepairedAndCounted(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("linha válida\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'m', 'a', (byte) 0xE7, 'a', '\n'}); // Latin-1 'ç'
    bytes.writeBytes(new byte[] {(byte) 0xF0, (byte) 0x9F, 'x', '\n'}); // truncated emoji
    bytes.writeBytes("fim".getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("broken.txt");
    Files.write(file, bytes.toByteArray());
    WordCounter c = WordCounter.builder().preTokenizer(WhitespaceSplit.INSTANCE).build();
    c.addFile(file);
    assertThat(c.repairedLines()).isEqualTo(2);
    assertThat(asMap(c.counts())).containsEntry("válida", 1L).containsEntry("ma\uFFFDa", 1L)
        .containsEntry("fim", 1L);
  }

  @Test
  void emptyCorpusIsRefused(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "  \n\n");
    WordCounter c = WordCounter.builder().preTokenizer(WhitespaceSplit.INSTANCE).build();
    c.addFile(empty);
    assertThatThrownBy(c::counts).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the corpus has no text");
  }

  @Test
  void capOnDistinctPiecesPrunesRarePiecesOnly() {
    List<String> texts = IntStream.range(0, 3000).mapToObj(i -> "common rare" + i).toList();
    WordCounter c = WordCounter.builder().preTokenizer(WhitespaceSplit.INSTANCE)
        .maxDistinctPieces(1000).build();
    c.addTexts(texts);
    Map<String, Long> counts = asMap(c.counts());
    assertThat(counts).containsEntry("common", 3000L);
    assertThat(counts.size()).isLessThanOrEqualTo(1000);
    assertThat(c.prunedOccurrences()).isPositive();
  }
}
