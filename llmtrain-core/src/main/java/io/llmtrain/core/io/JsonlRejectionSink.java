package io.llmtrain.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;

final class JsonlRejectionSink extends JsonlWriter implements RejectionSink {
  JsonlRejectionSink(Path path) {
    super(path);
  }

  @Override
  public void write(RejectedDocument r) throws IOException {
    JsonGenerator g = generator();
    g.writeStartObject();
    g.writeStringField("id", safe(r.id()));
    g.writeStringField("stage", r.stage());
    g.writeStringField("reason", r.reason());
    g.writeStringField("detail", safe(r.detail()));
    if (r.document().isPresent()) {
      g.writeStringField("text", safe(r.document().get().text()));
      if (!r.document().get().metadata().isEmpty()) {
        writeMetadata(g, r.document().get().metadata());
      }
    } else if (r.raw() != null) {
      g.writeStringField("raw", safe(r.raw()));
    }
    g.writeEndObject();
    endLine();
  }
}
