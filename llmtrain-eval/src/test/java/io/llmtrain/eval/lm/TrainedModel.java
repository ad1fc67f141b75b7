package io.llmtrain.eval.lm;

import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.train.GptPretrainSpec;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.tokenize.pipeline.TokenizeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small GPT (2 layers, context 64) with its BPE tokenizer, trained once per test JVM on
 * paragraphs of {@link #SENTENCES} (each starting at another sentence), so tests see a model that
 * has learnt real text.
 */
final class TrainedModel {
  static final List<String> SENTENCES = List.of(
      "The cat sat on the warm mat by the kitchen door.",
      "My brother plays the violin every evening after dinner.",
      "The train to the city leaves the station at seven in the morning.",
      "In spring the river is high and brown after the rain.",
      "She planted roses along the fence behind the old house.",
      "The baker opens his shop before the sun rises.",
      "Children stand on the bridge to watch the boats go by.",
      "We walked up the hill to see the whole valley below.",
      "The library has tall windows and a wooden floor.",
      "He drinks a cup of black coffee every morning.");

  private static Path run;

  private TrainedModel() {
  }

  /** The run directory (model.json, tokenizer.json, checkpoint), trained on first use. */
  static synchronized Path runDirectory() {
    if (run == null) {
      try {
        Path dir = Files.createTempDirectory("llmtrain-eval-lm");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        List<Document> docs = new ArrayList<>();
        for (int copy = 0; copy < 20; copy++) {
          for (int i = 0; i < SENTENCES.size(); i++) {
            docs.add(Document.of(copy + "-" + i, paragraph(i)));
          }
        }
        PretrainConfig training = PretrainConfig.builder().steps(200).batchSize(8).blockSize(64)
            .lr(1e-2).warmupSteps(10).evalEvery(200).evalBatches(1).checkpointEvery(200)
            .device("cpu").build();
        PipelineReport report = Pipeline.from(DataSource.of(docs))
            .tokenize(TokenizeConfig.bpe(600))
            .pretrain(GptPretrainSpec.of("nano", training)
                .withModel(Map.of("layers", 2, "width", 64, "heads", 2, "contextLength", 64))
                .withMonitor(MonitorConfig.builder().console(MonitorConfig.Console.QUIET)
                    .build()))
            .workDirectory(dir)
            .seed(1)
            .run();
        run = report.steps().get(1).artifacts().get(Artifacts.MODEL);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return run;
  }

  /** The ten sentences as one paragraph, starting at sentence {@code first} and wrapping. */
  static String paragraph(int first) {
    List<String> order = new ArrayList<>(SENTENCES.subList(first, SENTENCES.size()));
    order.addAll(SENTENCES.subList(0, first));
    return String.join(" ", order);
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: a leftover temp directory is harmless
    }
  }
}
