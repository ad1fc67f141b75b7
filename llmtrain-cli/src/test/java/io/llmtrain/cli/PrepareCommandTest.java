package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code llmtrain prepare} on the dirty e-mail, HTML and JSONL fixtures. */
class PrepareCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  /** Copies fixtures from the class path into the temporary directory. */
  private Path fixtures(String subdir, String... names) throws IOException {
    Path target = Files.createDirectories(dir.resolve(subdir));
    for (String name : names) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/dirty/" + name)) {
        assertThat(in).as("fixture %s", name).isNotNull();
        Files.copy(in, target.resolve(name));
      }
    }
    return target;
  }

  private static List<JsonNode> jsonl(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      nodes.add(Json.MAPPER.readTree(line));
    }
    return nodes;
  }

  private static Map<String, JsonNode> byId(List<JsonNode> nodes) {
    Map<String, JsonNode> m = new HashMap<>();
    nodes.forEach(n -> m.put(n.get("id").asText(), n));
    return m;
  }

  @Test
  void mixedJsonlIsCleanedAndEveryRecordIsAccountedFor() throws IOException {
    Path input = fixtures("in", "mixed.jsonl").resolve("mixed.jsonl");
    Path kept = dir.resolve("out/kept.jsonl");
    Path rejected = dir.resolve("out/rejected.jsonl");
    Path report = dir.resolve("out/report.json");
    int code = console.run("prepare", "--input", input.toString(), "--format", "jsonl",
        "--output", kept.toString(), "--rejected", rejected.toString(),
        "--report", report.toString(), "--near-dedup", "--on-error", "skip", "--lang", "en,pt");
    assertThat(code).as(console.err()).isZero();

    JsonNode r = Json.MAPPER.readTree(report.toFile());
    List<JsonNode> keptDocs = jsonl(kept);
    List<JsonNode> rejectedDocs = jsonl(rejected);
    assertThat(r.get("documents_in").asLong()).isEqualTo(15);
    assertThat(r.get("documents_out").asLong()).isEqualTo(keptDocs.size());
    assertThat(keptDocs.size() + rejectedDocs.size()).isEqualTo(15);
    long rejectedCounted = 0;
    for (JsonNode n : r.get("rejected")) {
      rejectedCounted += n.asLong();
    }
    assertThat(rejectedCounted).isEqualTo(rejectedDocs.size());

    Map<String, JsonNode> rej = byId(rejectedDocs);
    assertThat(rej.get("mixed.jsonl:4").get("reason").asText()).isEqualTo("malformed_json");
    assertThat(rej.get("mixed.jsonl:4").get("raw").asText()).startsWith("{\"id\": \"mixed-04\"");
    assertThat(rej.get("mixed-05").get("reason").asText()).isEqualTo("missing_field");
    assertThat(rej.get("mixed-14").get("reason").asText()).isEqualTo("missing_field");
    assertThat(rej.get("mixed-03").get("reason").asText()).isEqualTo("duplicate_exact");
    assertThat(rej.get("mixed-12").get("reason").asText()).isEqualTo("duplicate_near");
    assertThat(rej.get("mixed-08").get("stage").asText()).isIn("clean", "quality");
    assertThat(rej.get("mixed-13").get("stage").asText()).isIn("clean", "quality");

    Map<String, JsonNode> ok = byId(keptDocs);
    assertThat(ok).containsKeys("mixed-01", "mixed-02", "mixed-06", "mixed-09", "mixed-10",
        "mixed-15");
    assertThat(ok.get("mixed-06").get("text").asText()).contains("praça").doesNotContain("Ã");
    assertThat(ok.get("mixed-10").get("text").asText()).doesNotContain("\u200b", "\r");
    if (ok.containsKey("mixed-07")) {
      assertThat(ok.get("mixed-07").get("text").asText())
          .contains("[EMAIL]", "[PHONE]", "[IP]", "[CARD]")
          .doesNotContain("maria.gonzalez@example.com", "4111 1111 1111 1111", "203.0.113.42");
    } else {
      assertThat(rej.get("mixed-07").get("text").asText())
          .doesNotContain("maria.gonzalez@example.com", "4111 1111 1111 1111");
    }
    assertThat(console.out()).contains("documents in").contains("kept");
  }

  @Test
  void malformedLineStopsTheRunNamingFileAndLineByDefault() throws IOException {
    Path input = fixtures("in", "mixed.jsonl").resolve("mixed.jsonl");
    Path kept = dir.resolve("kept.jsonl");
    int code = console.run("prepare", "--input", input.toString(), "--format", "jsonl",
        "--output", kept.toString());
    assertThat(code).isEqualTo(2);
    assertThat(console.err()).contains(input + ":4").contains("invalid JSON");
    assertThat(kept).doesNotExist();
  }

  @Test
  void emailsAreExtractedDecodedAndAttachmentsSkipped() throws IOException {
    Path mail = fixtures("mail", "email-alternative-en.eml", "email-qp-latin1-pt.eml",
        "email-base64-utf8-pt.eml", "email-html-only-8bit-pt.eml", "email-attachment-en.eml",
        "email-spam.eml");
    Path kept = dir.resolve("kept.jsonl");
    Path rejected = dir.resolve("rejected.jsonl");
    Path report = dir.resolve("report.json");
    int code = console.run("prepare", "--input", mail.toString(), "--format", "email",
        "--output", kept.toString(), "--rejected", rejected.toString(),
        "--report", report.toString(), "--no-quality");
    assertThat(code).as(console.err()).isZero();
    List<JsonNode> keptDocs = jsonl(kept);
    assertThat(keptDocs.size() + jsonl(rejected).size()).isEqualTo(6);
    Map<String, JsonNode> ok = byId(keptDocs);
    String qp = ok.get("email-qp-latin1-pt.eml").get("text").asText();
    assertThat(qp).contains("Reunião de condomínio").doesNotContain("=E3", "Content-Type");
    assertThat(ok.get("email-html-only-8bit-pt.eml").get("text").asText())
        .contains("lançamento").doesNotContain("<td", "<style");
    assertThat(ok.get("email-attachment-en.eml").get("text").asText())
        .doesNotContain("%PDF", "JVBER", "iVBOR");
    JsonNode r = Json.MAPPER.readTree(report.toFile());
    assertThat(r.get("stages").get(0).get("counters").get("utf8_repaired").asLong()).isOne();
  }

  @Test
  void syndicatedCopyOfAPageIsDroppedAsANearDuplicate() throws IOException {
    Path pages = fixtures("pages", "page-article-en.html", "page-article-en-syndicated.html",
        "page-noticia-pt.html", "page-mostly-boilerplate.html");
    Path kept = dir.resolve("kept.jsonl");
    Path rejected = dir.resolve("rejected.jsonl");
    int code = console.run("prepare", "--input", pages.toString(), "--format", "html",
        "--output", kept.toString(), "--rejected", rejected.toString(), "--near-dedup",
        "--lang", "en,pt");
    assertThat(code).as(console.err()).isZero();
    Map<String, JsonNode> ok = byId(jsonl(kept));
    Map<String, JsonNode> rej = byId(jsonl(rejected));
    // Files are read in sorted order, so the syndicated copy comes first and is the one kept.
    assertThat(ok).containsKeys("page-article-en-syndicated.html", "page-noticia-pt.html");
    assertThat(ok.get("page-noticia-pt.html").get("metadata").get("language").asText())
        .isEqualTo("pt");
    assertThat(rej.get("page-article-en.html").get("reason").asText())
        .isEqualTo("duplicate_near");
    assertThat(rej).containsKey("page-mostly-boilerplate.html");
    assertThat(ok.get("page-article-en-syndicated.html").get("text").asText())
        .doesNotContain("<nav", "cookie", "function(");
  }

  @Test
  void missingInputIsNamed() {
    Path missing = dir.resolve("nowhere.jsonl");
    int code = console.run("prepare", "--input", missing.toString(), "--format", "jsonl",
        "--output", dir.resolve("o.jsonl").toString());
    assertThat(code).isEqualTo(2);
    assertThat(console.err()).contains(missing + ": no such file or directory");
  }

  @Test
  void emptyInputGivesEmptyOutputAndAReport() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path kept = dir.resolve("kept.jsonl");
    Path report = dir.resolve("report.json");
    int code = console.run("prepare", "--input", empty.toString(), "--format", "jsonl",
        "--output", kept.toString(), "--report", report.toString());
    assertThat(code).isZero();
    assertThat(kept).exists().isEmptyFile();
    JsonNode r = Json.MAPPER.readTree(report.toFile());
    assertThat(r.get("documents_in").asLong()).isZero();
    assertThat(r.get("documents_out").asLong()).isZero();
  }

  @Test
  void unknownPlaceholderKindIsAUsageError() {
    int code = console.run("prepare", "--input", dir.toString(), "--format", "text",
        "--output", dir.resolve("o.jsonl").toString(), "--placeholders", "url,phone");
    assertThat(code).isEqualTo(2);
    assertThat(console.err()).contains("unknown placeholder kind 'phone'");
  }
}
