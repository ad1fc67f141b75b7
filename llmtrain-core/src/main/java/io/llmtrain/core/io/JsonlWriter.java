package io.llmtrain.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Shared plumbing of the JSONL sinks: one object per line, written atomically. */
abstract class JsonlWriter {
  private final Path path;
  private AtomicOutput out;
  private JsonGenerator gen;

  JsonlWriter(Path path) {
    this.path = path;
  }

  JsonGenerator generator() throws IOException {
    if (gen == null) {
      out = AtomicOutput.create(path);
      gen = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.setRootValueSeparator(null);
    }
    return gen;
  }

  /** Text as JSON can carry it: a lone surrogate has no UTF-8 form, so it becomes U+FFFD. */
  static String safe(String s) {
    return Texts.replaceLoneSurrogates(s, "\uFFFD");
  }

  void writeMetadata(JsonGenerator g, Map<String, Object> metadata) throws IOException {
    g.writeFieldName("metadata");
    g.writeStartObject();
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      g.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v instanceof String s) {
        g.writeString(safe(s));
      } else {
        Json.MAPPER.writeValue(g, v);
      }
    }
    g.writeEndObject();
  }

  void endLine() throws IOException {
    // Each object ends with a newline, including the last, as JSONL tools expect.
    gen.writeRaw('\n');
  }

  public void commit() throws IOException {
    generator();
    gen.close();
    out.commit();
  }

  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
