package io.llmtrain.examples;

import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.data.clean.CleanConfig;
import io.llmtrain.data.clean.OffensiveConfig;
import io.llmtrain.data.normalize.NormalizeConfig;
import java.nio.file.Path;

/** The Java snippet of README.md, compiled so that it cannot drift from the API. */
public final class ReadmeExample {
  private ReadmeExample() {
  }

  public static void main(String[] args) {
    PipelineReport report = Pipeline.from(DataSource.jsonl(Path.of("raw.jsonl"), "text"))
        .extractHtml()
        .repair()
        .clean(CleanConfig.builder()
            .offensive(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build())
            .build())
        .filter()
        .filterLanguage("en", "pt")
        .normalize(NormalizeConfig.builder().lowercase(true).build())
        .dedup()
        .nearDedup()
        .writeTo(Path.of("clean.jsonl"))
        .rejectedTo(Path.of("rejected.jsonl"))
        .run();
    System.out.println(report.documentsIn() + " in, " + report.documentsOut() + " kept");
  }
}
