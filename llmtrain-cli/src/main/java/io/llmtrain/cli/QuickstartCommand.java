package io.llmtrain.cli;

import ai.djl.ndarray.NDManager;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.StepReport;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.generate.Generation;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.generate.Generator;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.train.GptPretrainSpec;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.data.PrepareRecipe;
import io.llmtrain.eval.pipeline.ModelEvaluation;
import io.llmtrain.eval.pipeline.ModelEvaluator;
import io.llmtrain.eval.report.EvaluationReport;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import io.llmtrain.tokenize.Encoding;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.pipeline.TokenizeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llmtrain quickstart}: the whole lifecycle on a small embedded corpus, as far as it is
 * built. Today: the data stages, on chapters of the King James Bible mixed with dirty documents
 * (HTML, e-mail, mojibake, PII, duplicates, symbol spam, a malformed line), then a byte-level BPE
 * tokenizer trained on what was kept and the corpus encoded into a token shard, then a small GPT
 * pretrained on it and asked to continue a prompt.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Run llmtrain end to end on a small embedded corpus.")
final class QuickstartCommand implements Callable<Integer> {
  static final String CORPUS = "/quickstart/corpus.jsonl.gz";
  static final int VOCAB_SIZE = 2000;
  static final String SAMPLE = "And God said, Let there be light: and there was light.";
  static final int PRETRAIN_STEPS = 150;
  static final String PROMPT = "And the LORD said unto";

  @Option(names = "--out", defaultValue = "llmtrain-quickstart", paramLabel = "DIR",
      description = "Where to write the outputs (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads.")
  Integer threads;

  @Override
  public Integer call() throws IOException {
    Path input = out.resolve("input/corpus.jsonl.gz");
    Files.createDirectories(input.getParent());
    try (InputStream in = QuickstartCommand.class.getResourceAsStream(CORPUS)) {
      if (in == null) {
        throw new IllegalStateException(CORPUS + " is missing from the llmtrain-cli jar");
      }
      Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
    }
    Path prepared = out.resolve("prepared.jsonl");
    Path rejected = out.resolve("rejected.jsonl");
    Path report = out.resolve("prepare-report.json");

    System.out.println("== 1. Data preparation: extract, repair, clean, filter, normalize, dedup");
    System.out.println("== 2. Tokenization: train a byte-level BPE tokenizer, encode the corpus");
    System.out.println("== 3. Pretraining: a small GPT on the token shard, then generation");
    System.out.println("== 4. Evaluation: perplexity on the held-out tokens, JSON + HTML report");
    Pipeline pipeline = PrepareRecipe.builder()
        .extract(PrepareRecipe.Extract.AUTO)
        .languages(List.of("en", "pt"))
        .nearDedup(true)
        .build()
        .applyTo(Pipeline.from(DataSource.jsonl(input, "text")))
        .onError(ErrorPolicy.SKIP)
        .writeTo(prepared)
        .rejectedTo(rejected)
        .tokenize(TokenizeConfig.bpe(VOCAB_SIZE))
        .pretrain(GptPretrainSpec.of("nano", PretrainConfig.builder().steps(PRETRAIN_STEPS)
                .batchSize(8).blockSize(64).lr(3e-3).warmupSteps(10).evalEvery(50)
                .evalBatches(4).checkpointEvery(PRETRAIN_STEPS).build())
            .withMonitor(MonitorConfig.builder().console(MonitorConfig.Console.LINES)
                .logEvery(50).build()))
        .evaluate(ModelEvaluation.defaults())
        .workDirectory(out.resolve("run"))
        .progress(new ConsoleProgress("prepare", System.err, true));
    if (threads != null) {
      pipeline = pipeline.threads(threads);
    }
    PipelineReport result = pipeline.run();
    result.writeJson(report);
    Summary.print(result, System.out);
    System.out.println();
    System.out.println("Rejected documents and why:");
    for (String line : Files.readAllLines(rejected)) {
      var n = Json.MAPPER.readTree(line);
      System.out.printf("  %-22s %-10s %-26s %s%n", n.get("id").asText(), n.get("stage").asText(),
          n.get("reason").asText(), abbreviate(n.get("detail").asText(), 60));
    }
    System.out.println();
    StepReport tokenize = result.steps().get(0);
    Path tokenizerJson = tokenize.artifacts().get(Artifacts.TOKENIZER);
    Map<String, Object> m = tokenize.metrics();
    System.out.printf("Tokenizer: byte-level BPE, %s tokens, trained in %.1f s; corpus encoded "
            + "by the %s encoder: %,d tokens, %.2f bytes per token, %d shard(s)%n",
        m.get("vocab_size"), (Double) m.get("train_seconds"), m.get("encoder"), m.get("tokens"),
        (Double) m.get("bytes_per_token"), ((List<?>) m.get("shards")).size());
    Tokenizer tokenizer = TokenizerJson.read(tokenizerJson);
    Encoding e = tokenizer.encodeToEncoding(SAMPLE, false);
    System.out.println("  \"" + SAMPLE + "\"");
    System.out.println("  -> " + e.ids().length + " tokens: " + String.join(" | ",
        e.tokens().stream().map(t -> t.replace('\u0120', '_')).toList()));
    StepReport pretrain = result.steps().get(1);
    Path run = pretrain.artifacts().get(Artifacts.MODEL);
    Map<String, Object> pm = pretrain.metrics();
    System.out.printf("%nModel: GPT (nano), %,d parameters, %s steps; validation loss %.3f, "
            + "perplexity %.1f%n", (Long) pm.get("parameters"), pm.get("steps"),
        (Double) pm.get("validation_loss"), (Double) pm.get("validation_perplexity"));
    try (NDManager manager = Devices.newManager(Devices.resolve("cpu").get(0))) {
      GptModel model = ModelRun.load(run, manager);
      int[] prompt = tokenizer.encode(PROMPT, false);
      Generation g = new Generator(model).generate(prompt, GenerationConfig.builder()
          .maxNewTokens(24).temperature(0.8).topK(40).seed(1)
          .eosTokenId(tokenizer.tokenToId("<|endoftext|>")).build());
      System.out.println("  \"" + PROMPT + "\" -> \"" + PROMPT
          + tokenizer.decode(g.tokens(), true).replace('\n', ' ') + "\"");
    }
    EvaluationResult evaluation = result.result(EvaluationResult.class);
    MetricResult loss = evaluation.metric(ModelEvaluator.HELD_OUT, "loss");
    System.out.printf("%nEvaluation on the %,d held-out tokens the model never trained on: loss "
            + "%.3f, perplexity %.1f, %.3f bits per byte, token accuracy %.1f%%%n",
        loss.items(), loss.value(),
        evaluation.metric(ModelEvaluator.HELD_OUT, "perplexity").value(),
        evaluation.metric(ModelEvaluator.HELD_OUT, "bits_per_byte").value(),
        100 * evaluation.metric(ModelEvaluator.HELD_OUT, "token_accuracy").value());
    evaluation.overfittingView().ifPresent(v -> System.out.printf("  best validation loss "
            + "%.3f at step %d; %s%n", v.bestValidationLoss(), v.bestStep(),
        v.gapGrowsFrom() == null ? "no sign of overfitting"
            : "overfitting from step " + v.gapGrowsFrom()));
    Path evaluationDir = result.steps().get(2).artifacts().get(Artifacts.METRICS).getParent();
    System.out.println();
    System.out.println("Outputs:");
    System.out.println("  kept documents      " + prepared);
    System.out.println("  rejected documents  " + rejected);
    System.out.println("  report              " + report);
    System.out.println("  tokenizer           " + tokenizerJson);
    System.out.println("  token shards        " + tokenize.artifacts().get(Artifacts.TOKENS));
    System.out.println("  model run           " + run + " (checkpoints, metrics.jsonl, "
        + "tensorboard/, report.html)");
    System.out.println("  evaluation          " + evaluationDir.resolve(EvaluationReport.HTML_FILE)
        + " (and " + EvaluationReport.JSON_FILE + ")");
    return 0;
  }

  private static String abbreviate(String s, int max) {
    String one = s.replace('\n', ' ');
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}
