package io.llmtrain.eval.task;

import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.tokens.TokenDataset;
import io.llmtrain.eval.lm.EvalModel;
import io.llmtrain.eval.metric.Bootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What a {@link ModelTask} evaluates with, and where it reports what it read. */
public interface TaskContext {
  /** The model and its tokenizer (owned by the evaluation; do not close). */
  EvalModel model();

  /** The directory the model was loaded from (a pretraining run or a Hugging Face export). */
  Path modelDirectory();

  /** The token shards the model was pretrained on, when the evaluation has them. */
  Optional<TokenDataset> tokens();

  /** The perplexity window stride for tasks that set none (the model's context by default). */
  int stride();

  /** Decoding for tasks that generate and set none. */
  GenerationConfig generationConfig();

  /** Resampling for confidence intervals; empty when intervals are off. */
  Optional<Bootstrap> bootstrap();

  /** Where per-item JSONL may go; empty when the caller wants none. */
  Optional<Path> outputDirectory();

  /** Records an input file's SHA-256 in the result's provenance; refuses a missing file. */
  void input(Path file) throws IOException;

  /** Adds an entry to the result's provenance. */
  void provenance(String key, Object value);
}
