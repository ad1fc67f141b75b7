package io.llmtrain.core.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * One model-lifecycle step (tokenize, pretrain, fine-tune, evaluate). Steps declare the artifacts
 * they need and make, so the pipeline can reject an impossible order, such as pretraining with no
 * token dataset, before any work starts.
 */
public interface Step {

  /** Artifact names (see {@link Artifacts}) that an earlier step must have produced. */
  Set<String> requires();

  /** Artifact names this step produces. */
  Set<String> produces();

  /** Runs the step. Must produce every artifact named by {@link #produces}. */
  Result run(Context context) throws Exception;

  /** What a step sees: its work directory and the artifacts made so far. */
  interface Context {
    /** A directory for this step's outputs, created and empty. */
    Path outputDirectory();

    /** The path of an artifact named in {@link #requires}. */
    Path artifact(String name);

    /** Seed shared by the whole pipeline. */
    long seed();
  }

  /**
   * The artifacts a step made, the metrics it wants in the report, and optionally a typed result
   * (an evaluation's result, say) that callers fetch with {@code PipelineReport.result(Class)}.
   */
  record Result(Map<String, Path> artifacts, Map<String, Object> metrics, Object value) {
    public Result {
      artifacts = Map.copyOf(artifacts);
      metrics = Map.copyOf(metrics);
    }

    public Result(Map<String, Path> artifacts, Map<String, Object> metrics) {
      this(artifacts, metrics, null);
    }
  }
}
