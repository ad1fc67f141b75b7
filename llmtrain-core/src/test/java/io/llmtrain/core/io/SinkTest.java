package io.llmtrain.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkTest {
  @TempDir
  Path dir;

  @Test
  void documentsRoundTripThroughJsonl() throws IOException {
    Path out = dir.resolve("out/clean.jsonl");
    List<Document> written = List.of(
        Document.of("a", "Olá \"mundo\"\nsegunda linha", Map.of("lang", "pt", "n", 3)),
        Document.of("b", "emoji 😀 and a lone \uD800 surrogate"));
    try (DocumentSink sink = DocumentSink.jsonl(out)) {
      for (Document d : written) {
        sink.write(d);
      }
      sink.commit();
    }
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    assertThat(Json.MAPPER.readTree(lines.get(0)).get("metadata").get("lang").asText())
        .isEqualTo("pt");
    List<Document> read = DataSourceTest.docs(
        DataSourceTest.readAll(DataSource.jsonl(out, "text"), ErrorPolicy.FAIL));
    assertThat(read.get(0).text()).isEqualTo(written.get(0).text());
    assertThat(read.get(0).metadata()).containsEntry("lang", "pt").containsEntry("n", 3);
    assertThat(read.get(1).text()).isEqualTo("emoji 😀 and a lone \uFFFD surrogate");
  }

  @Test
  void uncommittedOutputNeverAppears() throws IOException {
    Path out = dir.resolve("partial.jsonl");
    try (DocumentSink sink = DocumentSink.jsonl(out)) {
      sink.write(Document.of("a", "half a run"));
    }
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void rejectionsKeepStageReasonAndTheDocumentOrRawInput() throws IOException {
    Path out = dir.resolve("rejected.jsonl");
    try (RejectionSink sink = RejectionSink.jsonl(out)) {
      sink.write(new RejectedDocument("d1", "quality", "gopher_too_few_words", "12 < 50",
          Optional.of(Document.of("d1", "too short", Map.of("lang", "en"))), null));
      sink.write(new RejectedDocument("f.jsonl:3", "read", "malformed_json", "bad",
          Optional.empty(), "{oops"));
      sink.commit();
    }
    List<String> lines = Files.readAllLines(out);
    JsonNode first = Json.MAPPER.readTree(lines.get(0));
    assertThat(first.get("stage").asText()).isEqualTo("quality");
    assertThat(first.get("reason").asText()).isEqualTo("gopher_too_few_words");
    assertThat(first.get("text").asText()).isEqualTo("too short");
    JsonNode second = Json.MAPPER.readTree(lines.get(1));
    assertThat(second.get("raw").asText()).isEqualTo("{oops");
    assertThat(second.has("text")).isFalse();
  }

  @Test
  void gzipNamesAreCompressed() throws IOException {
    Path out = dir.resolve("c.jsonl.gz");
    try (DocumentSink sink = DocumentSink.jsonl(out)) {
      sink.write(Document.of("a", "compressed"));
      sink.commit();
    }
    byte[] head = Files.readAllBytes(out);
    assertThat(head[0] & 0xFF).isEqualTo(0x1f);
    assertThat(DataSourceTest.docs(DataSourceTest.readAll(DataSource.jsonl(out, "text"),
        ErrorPolicy.FAIL))).extracting(Document::text).containsExactly("compressed");
  }
}
