package io.llmtrain.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourceTest {
  @TempDir
  Path dir;

  static List<SourceRecord> readAll(DataSource source, ErrorPolicy policy) throws IOException {
    List<SourceRecord> out = new ArrayList<>();
    try (RecordReader r = source.open(policy)) {
      for (SourceRecord rec = r.next(); rec != null; rec = r.next()) {
        out.add(rec);
      }
    }
    return out;
  }

  static List<Document> docs(List<SourceRecord> records) {
    return records.stream().filter(r -> r instanceof SourceRecord.Read)
        .map(r -> ((SourceRecord.Read) r).document()).toList();
  }

  @Test
  void textFilesAreOneDocumentEach() throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "Era uma vez um gato.\nE um cão.\n");
    Path b = Files.writeString(dir.resolve("b.txt"), "The cat sat.");
    List<Document> docs = docs(readAll(DataSource.textFiles(a, b), ErrorPolicy.FAIL));
    assertThat(docs).extracting(Document::id).containsExactly("a.txt", "b.txt");
    assertThat(docs.get(0).text()).isEqualTo("Era uma vez um gato.\nE um cão.\n");
    assertThat(docs.get(0).metadata()).containsEntry("source", a.toString());
  }

  @Test
  void linesSkipBlanksAndNameTheirLine() throws IOException {
    Path f = Files.writeString(dir.resolve("l.txt"), "first line\r\n\n   \nsecond line\nthird");
    List<Document> docs = docs(readAll(DataSource.lines(f), ErrorPolicy.FAIL));
    assertThat(docs).extracting(Document::text)
        .containsExactly("first line", "second line", "third");
    assertThat(docs).extracting(Document::id).containsExactly("l.txt:1", "l.txt:4", "l.txt:5");
    assertThat(docs.get(1).metadata()).containsEntry("line", 4L);
  }

  @Test
  void jsonlTakesTextFieldIdAndKeepsOtherFieldsAsMetadata() throws IOException {
    Path f = Files.writeString(dir.resolve("d.jsonl"), """
        {"id":"x1","content":"Bom dia.","lang":"pt","score":0.5}
        {"content":"No id here.","tags":["a","b"]}
        {"id":"x3","content":"Nested.","metadata":{"source":"orig.txt","lang":"en"}}
        """);
    List<Document> docs = docs(readAll(DataSource.jsonl(f, "content"), ErrorPolicy.FAIL));
    assertThat(docs).extracting(Document::id).containsExactly("x1", "d.jsonl:2", "x3");
    assertThat(docs.get(0).metadata()).containsEntry("lang", "pt").containsKey("score");
    assertThat(docs.get(1).metadata().get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(docs.get(2).metadata()).containsEntry("source", "orig.txt")
        .containsEntry("lang", "en");
  }

  @Test
  void malformedJsonFailsNamingFileAndLine() throws IOException {
    Path f = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"text\":\"ok\"}\n{\"text\": \"unterminated}\n");
    assertThatThrownBy(() -> readAll(DataSource.jsonl(f, "text"), ErrorPolicy.FAIL))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(f + ":2: invalid JSON")
        .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(2));
  }

  @Test
  void missingAndMistypedFieldsNameTheField() throws IOException {
    Path f = Files.writeString(dir.resolve("m.jsonl"),
        "{\"body\":\"x\"}\n{\"text\":42}\n[1,2]\n{\"text\":\"fine\"}\n");
    assertThatThrownBy(() -> readAll(DataSource.jsonl(f, "text"), ErrorPolicy.FAIL))
        .hasMessageStartingWith(f + ":1: field 'text': no text field 'text'; fields present: body");
    List<SourceRecord> records = readAll(DataSource.jsonl(f, "text"), ErrorPolicy.SKIP);
    assertThat(records).hasSize(4);
    assertThat(records.subList(0, 3)).allMatch(r -> r instanceof SourceRecord.Unreadable);
    assertThat(records.subList(0, 3)).extracting(r -> ((SourceRecord.Unreadable) r).reason())
        .containsExactly("missing_field", "wrong_type", "not_an_object");
    assertThat(((SourceRecord.Unreadable) records.get(1)).raw()).isEqualTo("{\"text\":42}");
    assertThat(docs(records)).extracting(Document::text).containsExactly("fine");
  }

  @Test
  void missingFileNamesThePath() {
    Path missing = dir.resolve("nope/corpus.jsonl");
    assertThatThrownBy(() -> DataSource.jsonl(missing, "text").validate())
        .isInstanceOf(InputException.class)
        .hasMessage(missing + ": no such file or directory");
  }

  @Test
  void gzipIsReadTransparentlyAndHashedAsStored() throws IOException {
    Path f = dir.resolve("c.jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write("{\"text\":\"Olá, mundo.\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    DataSource source = DataSource.jsonl(f, "text");
    try (RecordReader r = source.open(ErrorPolicy.FAIL)) {
      assertThat(((SourceRecord.Read) r.next()).document().text()).isEqualTo("Olá, mundo.");
      assertThat(r.next()).isNull();
      assertThat(r.bytesConsumed()).isEqualTo(Files.size(f));
      assertThat(r.inputHashes()).containsKey(f.toString());
      assertThat(r.inputHashes().get(f.toString())).hasSize(64);
    }
  }

  @Test
  void directoriesAreWalkedInSortedOrderWithGlob() throws IOException {
    Files.createDirectories(dir.resolve("pages/sub"));
    Files.writeString(dir.resolve("pages/b.html"), "<p>B</p>");
    Files.writeString(dir.resolve("pages/sub/a.html"), "<p>A</p>");
    Files.writeString(dir.resolve("pages/notes.txt"), "not html");
    Files.writeString(dir.resolve("pages/.hidden.html"), "hidden");
    DataSource s = DataSource.directory(dir.resolve("pages"), "**.html", FileFormat.TEXT);
    assertThat(docs(readAll(s, ErrorPolicy.FAIL))).extracting(Document::id)
        .containsExactly("b.html", "sub/a.html");
  }

  @Test
  void invalidUtf8IsDecodedByTheFallbackAndFlagged() throws IOException {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, "Ação é coração".getBytes(Charset.forName("ISO-8859-1")));
    List<SourceRecord> records = readAll(DataSource.textFiles(f), ErrorPolicy.FAIL);
    SourceRecord.Read read = (SourceRecord.Read) records.get(0);
    assertThat(read.repaired()).isTrue();
    assertThat(read.document().text()).isEqualTo("Ação é coração");
    assertThat(read.document().metadata()).containsEntry("charset", "windows-1252");
  }

  @Test
  void jsonlLinesThatAreNotUtf8AreRepairedLineByLine() throws IOException {
    Path f = dir.resolve("mixed-charsets.jsonl");
    try (var out = Files.newOutputStream(f)) {
      out.write("{\"text\":\"Coração em UTF-8\"}\n".getBytes(StandardCharsets.UTF_8));
      out.write("{\"text\":\"Coração em Latin-1\"}\n".getBytes(Charset.forName("ISO-8859-1")));
      out.write("{\"text\": broken\n".getBytes(StandardCharsets.UTF_8));
    }
    List<SourceRecord> records = readAll(DataSource.jsonl(f, "text"), ErrorPolicy.SKIP);
    SourceRecord.Read utf8 = (SourceRecord.Read) records.get(0);
    SourceRecord.Read latin1 = (SourceRecord.Read) records.get(1);
    assertThat(utf8.repaired()).isFalse();
    assertThat(latin1.repaired()).isTrue();
    assertThat(latin1.document().text()).isEqualTo("Coração em Latin-1");
    assertThat(((SourceRecord.Unreadable) records.get(2)).raw()).isEqualTo("{\"text\": broken");
  }

  @Test
  void binaryFilesAreRejectedWithAReason() throws IOException {
    Path f = dir.resolve("image.txt");
    Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
    assertThatThrownBy(() -> readAll(DataSource.textFiles(f), ErrorPolicy.FAIL))
        .hasMessageContaining("image.txt").hasMessageContaining("binary");
    List<SourceRecord> records = readAll(DataSource.textFiles(f), ErrorPolicy.SKIP);
    assertThat(records).singleElement().isInstanceOfSatisfying(SourceRecord.Unreadable.class,
        u -> assertThat(u.reason()).isEqualTo("binary_content"));
  }

  @Test
  void utf8BomIsDropped() throws IOException {
    Path f = dir.resolve("bom.txt");
    Files.write(f, "\uFEFFHello".getBytes(StandardCharsets.UTF_8));
    assertThat(docs(readAll(DataSource.textFiles(f), ErrorPolicy.FAIL)).get(0).text())
        .isEqualTo("Hello");
  }

  @Test
  void emptyInputGivesNoRecords() throws IOException {
    Path f = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThat(readAll(DataSource.jsonl(f, "text"), ErrorPolicy.FAIL)).isEmpty();
  }
}
