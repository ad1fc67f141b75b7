package io.llmtrain.eval.task;

import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading documents and writing per-item files, shared by the built-in tasks. */
final class TaskFiles {
  private TaskFiles() {
  }

  /** Documents of a held-out file: JSONL lines' {@code textField}, or a text file as one. */
  static List<String> documents(Path file, String textField) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file", null);
    }
    List<String> docs = new ArrayList<>();
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
      try (RecordReader r = DataSource.jsonl(file, textField).open(ErrorPolicy.FAIL)) {
        for (Document d = r.nextDocument(); d != null; d = r.nextDocument()) {
          docs.add(d.text());
        }
      }
    } else {
      docs.add(Files.readString(file, StandardCharsets.UTF_8));
    }
    if (docs.stream().allMatch(String::isEmpty)) {
      throw new InputException(file.toString(), "has no text to score", null);
    }
    return docs;
  }

  /** Writes {@code rows} as {@code <task>.items.jsonl} when the context has an output folder. */
  static void writeItems(TaskContext context, String task, List<Map<String, Object>> rows)
      throws IOException {
    Optional<Path> dir = context.outputDirectory();
    if (dir.isEmpty()) {
      return;
    }
    // mc:endings.jsonl -> mc-endings.items.jsonl
    String name = task.replaceFirst("\\.(jsonl|txt)$", "").replaceAll("[^A-Za-z0-9._-]+", "-")
        + ".items.jsonl";
    try (AtomicOutput out = AtomicOutput.create(dir.get().resolve(name))) {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      for (Map<String, Object> row : rows) {
        w.write(Json.MAPPER.writeValueAsString(row));
        w.write('\n');
      }
      w.flush();
      out.commit();
    }
  }
}
