package io.llmtrain.eval.pipeline;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.Version;
import io.llmtrain.core.checkpoint.Checkpoints;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.core.model.Perplexity;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.core.tokens.TokenRegion;
import io.llmtrain.core.train.ModelRun;
import io.llmtrain.core.train.PretrainConfig;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.lm.GenerationEvaluation;
import io.llmtrain.eval.lm.MultipleChoice;
import io.llmtrain.eval.lm.PerplexityEvaluation;
import io.llmtrain.eval.metric.Bootstrap;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.MetricResult;
import io.llmtrain.eval.report.OverfittingView;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link ModelEvaluation} on a model directory (a pretraining run, or a Hugging Face
 * directory for everything but {@code heldOut}) and gathers every number into an {@link
 * EvaluationResult}: perplexity, bits per byte and token accuracy per data set, multiple-choice
 * {@code acc}/{@code acc_norm}, generation scores, bootstrap intervals where the metric is an
 * average over items, the run's overfitting view, and provenance (data hashes, checkpoint,
 * configuration). Per-item outputs (choices' log-likelihoods, generated text) go to an output
 * directory as JSONL when one is given.
 */
public final class ModelEvaluator {
  /** The task name of perplexity on the pretraining run's held-out tokens. */
  public static final String HELD_OUT = "held-out";

  private final ModelEvaluation spec;
  private final Bootstrap bootstrap;

  public ModelEvaluator(ModelEvaluation spec) {
    this.spec = requireNonNull(spec, "spec");
    this.bootstrap = spec.bootstrap() == 0 ? null : Bootstrap.builder()
        .samples(spec.bootstrap()).level(spec.confidenceLevel()).build();
  }

  /**
   * Evaluates the model in {@code modelDirectory}.
   *
   * @param tokens the token shards the model was pretrained on, for {@code heldOut}; may be
   *     {@code null} when {@code heldOut} is off
   * @param outputDirectory where per-item JSONL files go; {@code null} for none
   * @throws ConfigException when {@code heldOut} is asked for without shards or run directory
   * @throws InputException for unreadable or invalid data files, naming file, line and field
   */
  public EvaluationResult evaluate(Path modelDirectory, TokenDataset tokens,
      Path outputDirectory) throws IOException {
    List<MetricResult> metrics = new ArrayList<>();
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("llmtrain_version", Version.get());
    provenance.put("model", modelDirectory.toAbsolutePath().toString());
    boolean isRun = Files.isRegularFile(modelDirectory.resolve(ModelRun.MODEL_CONFIG));
    if (isRun) {
      provenance.put("checkpoint", ModelRun.latestCheckpoint(modelDirectory).getFileName()
          .toString());
    }
    provenance.put("evaluation", spec.params());
    Map<String, String> hashes = new LinkedHashMap<>();
    try (EvalModel model = EvalModel.load(modelDirectory)) {
      int stride = spec.stride() == 0 ? model.model().contextLength()
          : Math.min(spec.stride(), model.model().contextLength());
      if (spec.heldOut()) {
        heldOut(model, modelDirectory, isRun, tokens, stride, metrics, provenance);
      }
      for (Path file : spec.perplexity()) {
        hashes.put(file.toString(), sha256(file));
        PerplexityEvaluation.Result r = PerplexityEvaluation.evaluate(model, documents(file),
            stride);
        String task = "perplexity:" + file.getFileName();
        Map<String, Object> details = Map.of("tokens", r.tokens(), "bytes", r.bytes(),
            "documents", r.documents(), "stride", r.stride());
        metrics.add(new MetricResult(task, "loss", r.loss(), r.documents(), null, details));
        metrics.add(new MetricResult(task, "perplexity", r.perplexity(), r.documents(), null,
            details));
        metrics.add(new MetricResult(task, "bits_per_byte", r.bitsPerByte(), r.documents(), null,
            details));
        metrics.add(new MetricResult(task, "token_accuracy", r.tokenAccuracy(), r.documents(),
            null, details));
      }
      for (Path file : spec.multipleChoice()) {
        hashes.put(file.toString(), sha256(file));
        multipleChoice(model, file, metrics, outputDirectory);
      }
      if (!spec.generation().isEmpty()) {
        List<TextMetric> textMetrics = GenerationEvaluation.metrics(spec.metrics());
        for (Path file : spec.generation()) {
          hashes.put(file.toString(), sha256(file));
          generation(model, file, textMetrics, metrics, outputDirectory);
        }
      }
    }
    if (!hashes.isEmpty()) {
      provenance.put("data_sha256", hashes);
    }
    if (bootstrap != null) {
      provenance.put("bootstrap", Map.of("samples", bootstrap.samples(), "level",
          bootstrap.level(), "seed", bootstrap.seed()));
    }
    OverfittingView overfitting = Files.isRegularFile(modelDirectory.resolve("metrics.jsonl"))
        ? OverfittingView.read(modelDirectory) : null;
    return new EvaluationResult(modelDirectory.toString(), metrics, overfitting, provenance);
  }

  /**
   * Perplexity on exactly the tokens the run held out: the validation region of {@code
   * TokenDataset.split} with the run's own {@code validationFraction} and {@code seed}, each
   * contiguous span scored as one sequence.
   */
  private void heldOut(EvalModel model, Path dir, boolean isRun, TokenDataset tokens, int stride,
      List<MetricResult> metrics, Map<String, Object> provenance) throws IOException {
    if (tokens == null) {
      throw new ConfigException("evaluation '" + ModelEvaluation.NAME + "': heldOut needs the "
          + "token shards the model was trained on (run it after .pretrain(...) in a pipeline, or "
          + "pass them), or set heldOut(false)");
    }
    if (!isRun) {
      throw new ConfigException("evaluation '" + ModelEvaluation.NAME + "': heldOut needs a "
          + "pretraining run directory (its checkpoint says which tokens were held out); " + dir
          + " has no " + ModelRun.MODEL_CONFIG);
    }
    PretrainConfig training = ModelRun.trainingConfig(dir);
    TokenRegion region = tokens.split(training.validationFraction(), training.seed())
        .validation();
    double nats = 0;
    long predicted = 0;
    long correct = 0;
    long bytes = 0;
    for (TokenRegion.Span span : region.spans()) {
      int[] ids = new int[Math.toIntExact(span.length())];
      tokens.read(span.start(), ids, 0, ids.length);
      if (ids.length < 2) {
        continue;
      }
      Perplexity.Result r = Perplexity.of(model.model(), ids, stride, model.model().manager());
      nats += r.totalLoss();
      predicted += r.tokens();
      correct += r.correct();
      // bytes of the text the predicted tokens stand for (the first token is context only)
      bytes += model.tokenizer().decode(Arrays.copyOfRange(ids, 1, ids.length), true)
          .getBytes(StandardCharsets.UTF_8).length;
    }
    if (predicted == 0) {
      throw new ConfigException("the held-out region " + region + " has no token to predict");
    }
    double loss = nats / predicted;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("tokens", predicted);
    details.put("bytes", bytes);
    details.put("stride", stride);
    details.put("validation_fraction", training.validationFraction());
    details.put("split_seed", training.seed());
    metrics.add(new MetricResult(HELD_OUT, "loss", loss, predicted, null, details));
    metrics.add(new MetricResult(HELD_OUT, "perplexity", Math.exp(loss), predicted, null,
        details));
    metrics.add(new MetricResult(HELD_OUT, "bits_per_byte", nats / Math.log(2) / bytes,
        predicted, null, details));
    metrics.add(new MetricResult(HELD_OUT, "token_accuracy", (double) correct / predicted,
        predicted, null, details));
    provenance.put("held_out_tokens", region.size());
  }

  private void multipleChoice(EvalModel model, Path file, List<MetricResult> metrics,
      Path outputDirectory) throws IOException {
    List<MultipleChoice.Item> items = MultipleChoice.read(file);
    MultipleChoice.Result r = MultipleChoice.evaluate(model, items);
    double[] acc = new double[r.items().size()];
    double[] accNorm = new double[r.items().size()];
    for (int i = 0; i < acc.length; i++) {
      acc[i] = r.items().get(i).correct() ? 1 : 0;
      accNorm[i] = r.items().get(i).correctNorm() ? 1 : 0;
    }
    String task = "mc:" + file.getFileName();
    metrics.add(new MetricResult(task, "acc", r.acc(), acc.length,
        bootstrap == null ? null : bootstrap.mean(acc), Map.of()));
    metrics.add(new MetricResult(task, "acc_norm", r.accNorm(), acc.length,
        bootstrap == null ? null : bootstrap.mean(accNorm), Map.of()));
    if (outputDirectory != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < r.items().size(); i++) {
        MultipleChoice.ItemResult it = r.items().get(i);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", i + 1);
        row.put("label", items.get(i).label());
        row.put("prediction", it.prediction());
        row.put("prediction_norm", it.predictionNorm());
        row.put("loglikelihoods", it.logLikelihoods());
        rows.add(row);
      }
      writeJsonl(outputDirectory.resolve(itemsFile(task)), rows);
    }
  }

  private void generation(EvalModel model, Path file, List<TextMetric> textMetrics,
      List<MetricResult> metrics, Path outputDirectory) throws IOException {
    List<GenerationEvaluation.Item> items = GenerationEvaluation.read(file);
    GenerationEvaluation.Result r = GenerationEvaluation.evaluate(model, items,
        spec.generationConfig(), textMetrics);
    List<List<String>> references = referenceStreams(items);
    String task = "generate:" + file.getFileName();
    for (int m = 0; m < textMetrics.size(); m++) {
      TextMetric metric = textMetrics.get(m);
      Score score = r.scores().get(m);
      metrics.add(new MetricResult(task, metric.name(), score.score(), items.size(),
          bootstrap == null ? null : bootstrap.interval(metric, r.hypotheses(), references),
          score.details()));
    }
    if (outputDirectory != null) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("prompt", items.get(i).prompt());
        row.put("hyp", r.hypotheses().get(i));
        row.put("refs", items.get(i).references());
        rows.add(row);
      }
      writeJsonl(outputDirectory.resolve(itemsFile(task)), rows);
    }
  }

  /** {@code streams.get(r).get(i)}: the r-th reference of item i, as TextMetric takes them. */
  private static List<List<String>> referenceStreams(List<GenerationEvaluation.Item> items) {
    List<List<String>> streams = new ArrayList<>();
    for (GenerationEvaluation.Item item : items) {
      for (int r = 0; r < item.references().size(); r++) {
        if (streams.size() <= r) {
          streams.add(new ArrayList<>());
        }
        streams.get(r).add(item.references().get(r));
      }
    }
    return streams;
  }

  /** Documents of a held-out file: JSONL lines' {@code text}, or the whole text file as one. */
  private static List<String> documents(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file", null);
    }
    List<String> docs = new ArrayList<>();
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
      try (RecordReader r = DataSource.jsonl(file, "text").open(ErrorPolicy.FAIL)) {
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

  private static void writeJsonl(Path file, List<Map<String, Object>> rows) throws IOException {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      for (Map<String, Object> row : rows) {
        w.write(Json.MAPPER.writeValueAsString(row));
        w.write('\n');
      }
      w.flush();
      out.commit();
    }
  }

  /** {@code mc:endings.jsonl} -> {@code mc-endings.items.jsonl}. */
  private static String itemsFile(String task) {
    return task.replaceFirst("\\.(jsonl|txt)$", "").replaceAll("[^A-Za-z0-9._-]+", "-")
        + ".items.jsonl";
  }

  private static String sha256(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException(file.toString(), "no such file", null);
    }
    return Checkpoints.sha256(file);
  }
}
