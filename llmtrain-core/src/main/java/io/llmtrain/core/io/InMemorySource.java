package io.llmtrain.core.io;

import io.llmtrain.core.Document;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

final class InMemorySource implements DataSource {
  private final List<Document> documents;

  InMemorySource(List<Document> documents) {
    this.documents = List.copyOf(documents);
  }

  @Override
  public String description() {
    return "memory(" + documents.size() + " documents)";
  }

  @Override
  public List<Path> files() {
    return List.of();
  }

  @Override
  public long totalBytes() {
    return 0;
  }

  @Override
  public RecordReader open(ErrorPolicy onError) {
    Iterator<Document> it = documents.iterator();
    return new RecordReader() {
      long bytes;

      @Override
      public SourceRecord next() {
        if (!it.hasNext()) {
          return null;
        }
        Document d = it.next();
        long n = Texts.utf8Length(d.text());
        bytes += n;
        return new SourceRecord.Read(d, n, false);
      }

      @Override
      public long bytesConsumed() {
        return bytes;
      }

      @Override
      public Map<String, String> inputHashes() {
        return Map.of();
      }

      @Override
      public void close() {
      }
    };
  }
}
