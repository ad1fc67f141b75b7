package io.llmtrain.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads documents from files in one of the {@link FileFormat}s. */
final class FileSource implements DataSource {
  private static final int BINARY_SNIFF = 8192;

  private final FileFormat format;
  private final List<Path> paths;
  private final String textField;
  private final String idField;
  private final String glob;

  FileSource(FileFormat format, List<Path> paths, String textField, String idField, String glob) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("a data source needs at least one input path");
    }
    if (format == FileFormat.JSONL && (textField == null || textField.isBlank())) {
      throw new IllegalArgumentException("a JSONL source needs the name of its text field");
    }
    this.format = format;
    this.paths = List.copyOf(paths);
    this.textField = textField;
    this.idField = idField;
    this.glob = glob;
  }

  @Override
  public String description() {
    StringBuilder sb = new StringBuilder(format.name().toLowerCase()).append('(');
    for (int i = 0; i < paths.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(paths.get(i));
    }
    if (glob != null) {
      sb.append(", glob=").append(glob);
    }
    if (format == FileFormat.JSONL) {
      sb.append(", text=").append(textField);
    }
    return sb.append(')').toString();
  }

  /** One input file and the id prefix its documents get. */
  private record Input(Path path, String name) {
  }

  private List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new InputException(p.toString(), "no such file or directory", null);
      }
      if (Files.isDirectory(p)) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(
            "glob:" + (glob == null ? "**" : glob));
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile)
              .filter(f -> matcher.matches(p.relativize(f)))
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(f -> inputs.add(new Input(f, p.relativize(f).toString())));
        } catch (IOException e) {
          throw new InputException(p.toString(), "cannot list directory: " + e.getMessage(), e);
        }
      } else if (!Files.isReadable(p)) {
        throw new InputException(p.toString(), "file is not readable", null);
      } else {
        inputs.add(new Input(p, p.getFileName().toString()));
      }
    }
    return inputs;
  }

  @Override
  public List<Path> files() {
    return inputs().stream().map(Input::path).toList();
  }

  @Override
  public RecordReader open(ErrorPolicy onError) {
    return new Reader(inputs().iterator(), onError);
  }

  private final class Reader implements RecordReader {
    private final Iterator<Input> files;
    private final ErrorPolicy onError;
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private long finishedBytes;

    private Input current;
    private CountingDigestInputStream counter;
    private InputStream in;
    private ByteLineReader lines;
    private boolean wholeFileDone;

    Reader(Iterator<Input> files, ErrorPolicy onError) {
      this.files = files;
      this.onError = onError;
    }

    @Override
    public SourceRecord next() throws IOException {
      while (true) {
        if (in == null) {
          if (!files.hasNext()) {
            return null;
          }
          openNext();
        }
        SourceRecord r = format == FileFormat.TEXT ? nextWholeFile() : nextLine();
        if (r != null) {
          return r;
        }
        closeCurrent();
      }
    }

    private void openNext() throws IOException {
      current = files.next();
      try {
        counter = new CountingDigestInputStream(Files.newInputStream(current.path()));
      } catch (NoSuchFileException e) {
        throw new InputException(current.path().toString(), "no such file or directory", e);
      }
      InputStream s = new BufferedInputStream(counter, 1 << 16);
      if (current.path().getFileName().toString().endsWith(".gz")) {
        try {
          s = new GZIPInputStream(s, 1 << 16);
        } catch (IOException e) {
          s.close();
          throw new InputException(current.path().toString(),
              "name ends in .gz but the file is not gzip data: " + e.getMessage(), e);
        }
      }
      in = s;
      lines = format == FileFormat.TEXT ? null : new ByteLineReader(in);
      wholeFileDone = false;
    }

    private void closeCurrent() throws IOException {
      in.close();
      hashes.put(current.path().toString(), counter.sha256());
      finishedBytes += counter.count();
      in = null;
      counter = null;
      lines = null;
    }

    private SourceRecord nextWholeFile() throws IOException {
      if (wholeFileDone) {
        return null;
      }
      wholeFileDone = true;
      byte[] bytes = readAll();
      String id = current.name();
      String binary = binaryReason(bytes, 0, Math.min(bytes.length, BINARY_SNIFF));
      if (binary != null) {
        return unreadable(id, 0, null, "binary_content", binary, null, bytes.length);
      }
      TextDecoding.Result t = TextDecoding.decode(bytes);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("source", current.path().toString());
      if (t.repaired()) {
        meta.put("charset", t.charset());
      }
      return new SourceRecord.Read(Document.of(id, t.text(), meta), bytes.length, t.repaired());
    }

    private byte[] readAll() throws IOException {
      try {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new InputException(current.path().toString(), "cannot read: " + e.getMessage(), e);
      }
    }

    private SourceRecord nextLine() throws IOException {
      while (true) {
        boolean more;
        try {
          more = lines.next();
        } catch (IOException e) {
          throw new InputException(current.path().toString(), lines.lineNumber() + 1, null,
              "cannot read: " + e.getMessage(), e);
        }
        if (!more) {
          return null;
        }
        byte[] b = lines.bytes();
        int len = lines.length();
        if (isBlank(b, len)) {
          continue;
        }
        long lineNo = lines.lineNumber();
        String lineId = current.name() + ":" + lineNo;
        String binary = binaryReason(b, 0, len);
        if (binary != null) {
          lines.release();
          return unreadable(lineId, lineNo, null, "binary_content", binary, null, len);
        }
        SourceRecord r = format == FileFormat.LINES
            ? lineDocument(lineId, lineNo, TextDecoding.decode(b, 0, len), len)
            : jsonDocument(lineId, lineNo, b, len);
        lines.release();
        return r;
      }
    }

    private SourceRecord lineDocument(String id, long lineNo, TextDecoding.Result t, int bytes) {
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("source", current.path().toString());
      meta.put("line", lineNo);
      if (t.repaired()) {
        meta.put("charset", t.charset());
      }
      return new SourceRecord.Read(Document.of(id, t.text(), meta), bytes, t.repaired());
    }

    private SourceRecord jsonDocument(String lineId, long lineNo, byte[] b, int bytes) {
      // Parse the bytes directly (Jackson's UTF-8 parser is the fast path and rejects invalid
      // UTF-8); only a failed parse pays for decoding the line to text, to repair it or to keep
      // the raw line for the rejected-documents file.
      JsonNode node;
      TextDecoding.Result t;
      try {
        node = Json.MAPPER.readTree(b, 0, bytes);
        t = null;
      } catch (IOException e) {
        t = TextDecoding.decode(b, 0, bytes);
        if (!t.repaired()) {
          return unreadable(lineId, lineNo, null, "malformed_json",
              "invalid JSON: " + originalMessage(e), t.text(), bytes);
        }
        try {
          node = Json.MAPPER.readTree(t.text());
        } catch (JsonProcessingException e2) {
          return unreadable(lineId, lineNo, null, "malformed_json",
              "invalid JSON: " + e2.getOriginalMessage(), t.text(), bytes);
        }
      }
      String raw = t != null ? t.text() : null;
      if (!(node instanceof ObjectNode obj)) {
        return unreadable(lineId, lineNo, null, "not_an_object",
            "expected a JSON object, found " + node.getNodeType().name().toLowerCase(),
            raw(raw, b, bytes), bytes);
      }
      // The record's own id names it even when it is rejected, so users can find it.
      String id = lineId;
      JsonNode idNode = obj.get(idField);
      if (idNode != null && (idNode.isTextual() || idNode.isIntegralNumber())
          && !idNode.asText().isEmpty()) {
        id = idNode.asText();
      }
      JsonNode text = obj.get(textField);
      if (text == null) {
        return unreadable(id, lineNo, textField, "missing_field",
            "no text field '" + textField + "'; fields present: " + fieldNames(obj),
            raw(raw, b, bytes), bytes);
      }
      if (text.isNull()) {
        return unreadable(id, lineNo, textField, "missing_field",
            "text field '" + textField + "' is null", raw(raw, b, bytes), bytes);
      }
      if (!text.isTextual()) {
        return unreadable(id, lineNo, textField, "wrong_type",
            "expected a string, found " + text.getNodeType().name().toLowerCase(),
            raw(raw, b, bytes), bytes);
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String k = f.getKey();
        if (k.equals(textField) || k.equals(idField) || f.getValue().isNull()) {
          continue;
        }
        if (k.equals("metadata") && f.getValue().isObject()) {
          // Our own output nests metadata; reading it back restores it flat.
          f.getValue().fields().forEachRemaining(m -> {
            if (!m.getValue().isNull()) {
              meta.put(m.getKey(), Json.MAPPER.convertValue(m.getValue(), Object.class));
            }
          });
        } else {
          meta.put(k, Json.MAPPER.convertValue(f.getValue(), Object.class));
        }
      }
      meta.putIfAbsent("source", current.path().toString());
      meta.putIfAbsent("line", lineNo);
      boolean repaired = t != null && t.repaired();
      if (repaired) {
        meta.put("charset", t.charset());
      }
      return new SourceRecord.Read(Document.of(id, text.textValue(), meta), bytes, repaired);
    }

    private static String raw(String decoded, byte[] b, int length) {
      return decoded != null ? decoded : new String(b, 0, length, StandardCharsets.UTF_8);
    }

    private static String originalMessage(IOException e) {
      return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private SourceRecord unreadable(String id, long lineNo, String field, String reason,
        String detail, String raw, long bytes) {
      if (onError == ErrorPolicy.FAIL) {
        throw new InputException(current.path().toString(), lineNo, field, detail
            + " (use --on-error skip to reject such records and go on)");
      }
      return new SourceRecord.Unreadable(id, reason, detail, raw, bytes);
    }

    @Override
    public long bytesConsumed() {
      return finishedBytes + (counter == null ? 0 : counter.count());
    }

    @Override
    public Map<String, String> inputHashes() {
      return Map.copyOf(hashes);
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
        in = null;
      }
    }
  }

  private static String fieldNames(ObjectNode obj) {
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != 0x0B) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why these bytes look binary, or null: a NUL byte (never in text, in any ASCII-compatible
   * encoding) or many C0 control characters.
   */
  static String binaryReason(byte[] b, int from, int to) {
    int controls = 0;
    for (int i = from; i < to; i++) {
      int c = b[i] & 0xFF;
      if (c == 0) {
        return "NUL byte at offset " + (i - from) + ": binary content, not text";
      }
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1B) {
        controls++;
      }
    }
    int n = to - from;
    if (n >= 32 && controls * 10 > n) {
      return controls + " control bytes in the first " + n + ": binary content, not text";
    }
    return null;
  }
}
