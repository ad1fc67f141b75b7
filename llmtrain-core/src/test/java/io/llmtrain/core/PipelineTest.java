package io.llmtrain.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.DocumentSink;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.OrderedProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTest {
  @TempDir
  Path dir;

  static List<Document> corpus(int n, long seed) {
    Random r = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int sentences = 1 + r.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        sb.append(s > 0 ? " " : "").append(
            TestTexts.SENTENCES.get(r.nextInt(TestTexts.SENTENCES.size())));
      }
      docs.add(Document.of("d" + i, sb.toString()));
    }
    return docs;
  }

  /** Rejects documents by a hash of their id and jitters timing to shake out ordering bugs. */
  static DocumentProcessor randomRejecter(String name, int percent, long seed) {
    return new DocumentProcessor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Outcome process(Document d, StageContext ctx) {
        long h = (d.id().hashCode() * 0x9E3779B97F4A7C15L) ^ seed;
        if ((h & 1023) % 3 == 0) {
          Thread.onSpinWait();
        }
        if (Math.floorMod(h >>> 17, 100) < percent) {
          return Outcome.reject(h % 2 == 0 ? "even_reason" : "odd_reason", "test");
        }
        ctx.count("passed");
        return Outcome.keep(d.withText(d.text() + " [" + name + "]"));
      }
    };
  }

  /** Records the order in which decide() sees documents. */
  static final class OrderRecorder implements OrderedProcessor<Integer> {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "order";
    }

    @Override
    public Integer analyze(Document d, StageContext ctx) {
      return d.text().length();
    }

    @Override
    public Outcome decide(Document d, Integer length, StageContext ctx) {
      seen.add(d.id());
      return length % 7 == 0 ? Outcome.reject("length_multiple_of_7") : Outcome.keep(d);
    }
  }

  static final class ListSink implements DocumentSink {
    final List<Document> docs = new ArrayList<>();
    boolean committed;

    @Override
    public void write(Document document) {
      docs.add(document);
    }

    @Override
    public void commit() {
      committed = true;
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void outputOrderAndAccountingDoNotDependOnThreads(int threads) {
    List<Document> input = corpus(3000, 7);
    OrderRecorder order = new OrderRecorder();
    ListSink kept = new ListSink();
    PipelineReport report = Pipeline.from(DataSource.of(input))
        .apply(randomRejecter("first", 20, 1))
        .apply(order)
        .apply(randomRejecter("second", 10, 2))
        .writeTo(kept)
        .threads(threads)
        .batching(17, 1 << 20)
        .run();

    List<String> ids = kept.docs.stream().map(Document::id).toList();
    List<String> expectedOrder = new ArrayList<>(ids);
    expectedOrder.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)),
        Integer.parseInt(b.substring(1))));
    assertThat(ids).isEqualTo(expectedOrder);
    List<String> seenSorted = new ArrayList<>(order.seen);
    seenSorted.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)),
        Integer.parseInt(b.substring(1))));
    assertThat(order.seen).isEqualTo(seenSorted);

    assertThat(report.documentsIn()).isEqualTo(3000);
    assertThat(report.documentsOut()).isEqualTo(kept.docs.size());
    assertThat(report.documentsOut() + report.rejectedByReason().values().stream()
        .mapToLong(Long::longValue).sum()).isEqualTo(report.documentsIn());
    assertThat(report.stage("first").documentsOut()).isEqualTo(report.stage("order").documentsIn());
    assertThat(report.stage("order").documentsOut()).isEqualTo(report.stage("second").documentsIn());
    assertThat(report.stage("second").counters().get("passed")).isEqualTo(report.documentsOut());
    assertThat(kept.committed).isTrue();
    assertThat(kept.docs).allMatch(d -> d.text().endsWith("[first] [second]"));
  }

  @Test
  void sameInputSameOutputAcrossRuns() {
    List<Document> input = corpus(500, 3);
    ListSink a = new ListSink();
    ListSink b = new ListSink();
    Pipeline p = Pipeline.from(DataSource.of(input)).apply(randomRejecter("r", 30, 5));
    p.writeTo(a).threads(4).run();
    p.writeTo(b).threads(1).run();
    assertThat(a.docs).isEqualTo(b.docs);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void everyDocumentIsKeptOrRejectedWithAReason(long seed) throws IOException {
    Random r = new Random(seed);
    List<Document> input = corpus(200 + r.nextInt(800), seed);
    Path out = dir.resolve("out-" + seed + ".jsonl");
    Path rejected = dir.resolve("rej-" + seed + ".jsonl");
    PipelineReport report = Pipeline.from(DataSource.of(input))
        .apply(randomRejecter("a", r.nextInt(50), seed))
        .apply(new OrderRecorder())
        .apply(randomRejecter("b", r.nextInt(50), seed + 1))
        .writeTo(out)
        .rejectedTo(rejected)
        .threads(1 + r.nextInt(4))
        .batching(1 + r.nextInt(64), 1 << 20)
        .run();
    long keptLines = Files.readAllLines(out).size();
    List<String> rejectedLines = Files.readAllLines(rejected);
    assertThat(keptLines + rejectedLines.size()).isEqualTo(input.size());
    assertThat(report.documentsOut()).isEqualTo(keptLines);
    assertThat(report.rejectedTotal()).isEqualTo(rejectedLines.size());
    for (String line : rejectedLines) {
      JsonNode n = Json.MAPPER.readTree(line);
      assertThat(n.get("stage").asText()).isIn("a", "order", "b");
      assertThat(n.get("reason").asText()).isNotBlank();
      assertThat(n.get("text").asText()).isNotBlank();
    }
  }

  @Test
  void wiringIsValidatedBeforeAnyInputIsRead() {
    AtomicInteger opened = new AtomicInteger();
    DataSource counting = new DataSource() {
      @Override
      public String description() {
        return "counting";
      }

      @Override
      public List<Path> files() {
        return List.of();
      }

      @Override
      public RecordReader open(ErrorPolicy onError) throws IOException {
        opened.incrementAndGet();
        return DataSource.of(corpus(10, 1)).open(onError);
      }
    };
    Pipeline p = Pipeline.from(counting).apply("test-upper").apply("no-such-stage");
    assertThatThrownBy(p::run)
        .isInstanceOf(ConfigException.class)
        .hasMessage("No document processor named 'no-such-stage'. Available: test-min-length, "
            + "test-upper");
    assertThatThrownBy(() -> Pipeline.from(counting)
        .apply(StageSpec.of("test-min-length", Map.of("minChar", 5))).run())
        .isInstanceOf(ConfigException.class).hasMessageContaining("minChar");
    assertThatThrownBy(() -> Pipeline.from(counting).clean(StageSpec.of("normalize")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clean(...) takes a configuration for 'clean'");
    assertThatThrownBy(() -> Pipeline.from(counting).apply("test-upper").apply("test-upper").run())
        .hasMessageContaining("Two document stages are named 'test-upper'");
    assertThat(opened).hasValue(0);
  }

  @Test
  void missingInputIsReportedBeforeWork() {
    Path missing = dir.resolve("missing.jsonl");
    assertThatThrownBy(() -> Pipeline.from(DataSource.jsonl(missing, "text"))
        .apply("test-upper").validate())
        .isInstanceOf(InputException.class).hasMessageContaining(missing.toString());
  }

  @Test
  void failingStageStopsTheRunNamingStageAndDocumentOrIsRejectedWhenSkipping() {
    DocumentProcessor exploding = new DocumentProcessor() {
      @Override
      public String name() {
        return "exploding";
      }

      @Override
      public Outcome process(Document d, StageContext ctx) {
        if (d.id().equals("d42")) {
          throw new IllegalStateException("cannot parse footnote");
        }
        return Outcome.keep(d);
      }
    };
    Pipeline p = Pipeline.from(DataSource.of(corpus(100, 1))).apply(exploding).threads(2);
    assertThatThrownBy(p::run)
        .isInstanceOf(LlmtrainException.class)
        .hasMessageContaining("Stage 'exploding' failed on document 'd42'")
        .hasMessageContaining("cannot parse footnote")
        .hasRootCauseInstanceOf(IllegalStateException.class);
    PipelineReport report = p.onError(ErrorPolicy.SKIP).run();
    assertThat(report.documentsOut()).isEqualTo(99);
    assertThat(report.stage("exploding").rejected()).containsEntry("stage_error", 1L);
  }

  @Test
  void unreadableLinesAreRejectedAtTheReadStageWhenSkipping() throws IOException {
    Path f = dir.resolve("mixed.jsonl");
    Files.write(f, List.of("{\"text\":\"Um documento válido e curto.\"}", "{broken",
        "{\"body\":\"no text\"}", "{\"text\":\"Another valid document here.\"}"));
    Path rejected = dir.resolve("rejected.jsonl");
    Pipeline p = Pipeline.from(DataSource.jsonl(f, "text")).apply("test-upper");
    assertThatThrownBy(p::run).isInstanceOf(InputException.class).hasMessageContaining(f + ":2");
    PipelineReport report = p.onError(ErrorPolicy.SKIP).rejectedTo(rejected).run();
    assertThat(report.documentsIn()).isEqualTo(4);
    assertThat(report.documentsOut()).isEqualTo(2);
    assertThat(report.stage("read").rejected())
        .containsEntry("malformed_json", 1L).containsEntry("missing_field", 1L);
    List<String> lines = Files.readAllLines(rejected);
    assertThat(Json.MAPPER.readTree(lines.get(0)).get("id").asText()).isEqualTo("mixed.jsonl:2");
    assertThat(Json.MAPPER.readTree(lines.get(0)).get("raw").asText()).isEqualTo("{broken");
  }

  @Test
  void repairedInputIsCounted() throws IOException {
    Path f = dir.resolve("lines.txt");
    byte[] latin1 = "Não há açúcar na cozinha.\n".getBytes(Charset.forName("ISO-8859-1"));
    byte[] utf8 = "Não há açúcar na cozinha.\n".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(f)) {
      out.write(utf8);
      out.write(latin1);
      out.write(utf8);
    }
    ListSink sink = new ListSink();
    PipelineReport report = Pipeline.from(DataSource.lines(f)).writeTo(sink).run();
    assertThat(report.stage("read").counters()).containsEntry("utf8_repaired", 1L);
    assertThat(sink.docs).extracting(Document::text).containsOnly("Não há açúcar na cozinha.");
  }

  @Test
  void emptyInputGivesEmptyOutputAndAReport() throws IOException {
    Path f = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path out = dir.resolve("out.jsonl");
    PipelineReport report = Pipeline.from(DataSource.jsonl(f, "text")).apply("test-upper")
        .writeTo(out).run();
    assertThat(report.documentsIn()).isZero();
    assertThat(out).exists().isEmptyFile();
    assertThat(report.toJson().get("documents_out").asLong()).isZero();
  }

  @Test
  void aFiftyMegabyteSingleLineDocumentFitsInBoundedMemory() throws IOException {
    // Surefire runs core tests with -Xmx512m; the line is 50 MB of UTF-8 (two-byte characters).
    Path f = dir.resolve("huge.jsonl");
    String chunk = "Ação rápida e eficiente. ".repeat(40);
    long bytes = 0;
    try (var out = Files.newBufferedWriter(f)) {
      out.write("{\"id\":\"huge\",\"text\":\"");
      while (bytes < 50L << 20) {
        out.write(chunk);
        bytes += chunk.getBytes(StandardCharsets.UTF_8).length;
      }
      out.write("\"}\n{\"text\":\"small one after it\"}\n");
    }
    Path out = dir.resolve("out.jsonl");
    PipelineReport report = Pipeline.from(DataSource.jsonl(f, "text"))
        .apply(StageSpec.of("test-min-length", Map.of("minChars", 10))).writeTo(out).run();
    assertThat(report.documentsOut()).isEqualTo(2);
    assertThat(report.bytesIn()).isGreaterThan(50L << 20);
    assertThat(Files.size(out)).isGreaterThan(50L << 20);
  }

  @Test
  void reportJsonHasTheDocumentedKeys() {
    PipelineReport report = Pipeline.from(DataSource.of(corpus(50, 2)))
        .apply(StageSpec.of("test-min-length", Map.of("minChars", 100))).run();
    JsonNode json = report.toJson();
    assertThat(json.get("documents_in").asLong()).isEqualTo(50);
    assertThat(json.get("documents_out").asLong() + json.get("rejected").get("too_short").asLong())
        .isEqualTo(50);
    assertThat(json.get("stages").get(1).get("name").asText()).isEqualTo("test-min-length");
    assertThat(json.get("provenance").get("llmtrain_version").asText()).isNotBlank();
    assertThat(json.get("provenance").get("stages").get(0).get("params").get("minChars").asInt())
        .isEqualTo(100);
  }
}
