package io.llmtrain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.monitor.JsonlMetricsListener;
import io.llmtrain.eval.report.EvaluationReport;
import io.llmtrain.eval.report.EvaluationResult;
import io.llmtrain.eval.report.OverfittingView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval overfitting}: training against validation loss of a pretraining run. */
@Command(name = "overfitting", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Training against validation loss of a pretraining run, read from its "
        + "metrics.jsonl: prints JSON with each evaluation's losses and gap, the best step and "
        + "gap_grows_from (the step from which the gap keeps growing while validation no longer "
        + "improves; null when the run does not overfit).")
final class EvalOverfittingCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
      description = "A pretraining run directory (or its metrics.jsonl).")
  Path run;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write an HTML report with the chart.")
  Path html;

  @Option(names = "--patience", defaultValue = "3", paramLabel = "N",
      description = "Evaluations the gap must rise at in a row (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--tolerance", defaultValue = "0", paramLabel = "NATS",
      description = "Smallest rise of the gap, and smallest improvement of the validation loss, "
          + "that counts (default: ${DEFAULT-VALUE}).")
  double tolerance;

  @Override
  public Integer call() throws Exception {
    OverfittingView.Rule rule;
    try {
      rule = new OverfittingView.Rule(patience, tolerance);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--patience/--tolerance: " + e.getMessage());
    }
    OverfittingView view = OverfittingView.read(run, rule);
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("run", run.toString());
    json.setAll(EvaluationReport.toJson(view));
    if (html != null) {
      Map<String, Object> provenance = new LinkedHashMap<>();
      provenance.put("run", run.toAbsolutePath().toString());
      provenance.put("metrics", (Files.isDirectory(run)
          ? run.resolve(JsonlMetricsListener.FILE_NAME) : run).toAbsolutePath().toString());
      provenance.put("patience", patience);
      provenance.put("tolerance", tolerance);
      EvaluationReport.writeHtml(new EvaluationResult(run.toString(), List.of(), view,
          provenance), html);
      json.put("html", html.toString());
    }
    System.out.println(Json.MAPPER.writeValueAsString(json));
    return 0;
  }
}
