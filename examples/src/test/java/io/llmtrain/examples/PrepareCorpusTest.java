package io.llmtrain.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCorpusTest {
  @TempDir
  Path dir;

  @Test
  void theExampleRunsItsOwnAndRegisteredStagesOnRealText() throws IOException {
    Path in = dir.resolve("in.jsonl");
    Files.write(in, List.of(
        "{\"id\":\"a\",\"text\":\"Visit https://example.org/news for the 3 latest stories about the harbour.\"}",
        "{\"id\":\"b\",\"text\":\"Too short to keep.\"}",
        "{\"id\":\"c\",\"text\":\"Visit https://example.org/news for the 3 latest stories about the harbour.\"}",
        "{\"id\":\"d\",\"text\":\"A reunião da associação de moradores terminou tarde, com café e bolo.\"}",
        "{broken"));
    Path out = dir.resolve("out.jsonl");
    PipelineReport report = PrepareCorpus.run(in, out, dir.resolve("rejected.jsonl"));

    assertThat(report.documentsIn()).isEqualTo(5);
    assertThat(report.stage("min-words").rejected()).containsEntry("too_few_words", 1L);
    assertThat(report.stage("dedup").rejected()).containsEntry("duplicate_exact", 1L);
    assertThat(report.stage("read").rejected()).containsEntry("malformed_json", 1L);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(2);
    var first = Json.MAPPER.readTree(lines.get(0));
    assertThat(first.get("text").asText())
        .isEqualTo("visit [URL] for the [NUMBER] latest stories about the harbour.");
    assertThat(first.get("metadata").get("lines").asInt()).isOne();
    assertThat(Json.MAPPER.readTree(lines.get(1)).get("text").asText())
        .startsWith("a reunião da associação");
  }
}
