package io.llmtrain.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import io.llmtrain.core.Document;
import java.io.IOException;
import java.nio.file.Path;

final class JsonlDocumentSink extends JsonlWriter implements DocumentSink {
  JsonlDocumentSink(Path path) {
    super(path);
  }

  @Override
  public void write(Document d) throws IOException {
    JsonGenerator g = generator();
    g.writeStartObject();
    g.writeStringField("id", safe(d.id()));
    g.writeStringField("text", safe(d.text()));
    if (!d.metadata().isEmpty()) {
      writeMetadata(g, d.metadata());
    }
    g.writeEndObject();
    endLine();
  }
}
