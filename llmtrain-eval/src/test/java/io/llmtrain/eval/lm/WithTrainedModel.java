package io.llmtrain.eval.lm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the test classes that score with the shared {@link TrainedModel}: each class loads it
 * once as an {@link EvalModel} and closes it after its last test (classes run one at a time).
 */
abstract class WithTrainedModel {
  static EvalModel model;

  @BeforeAll
  static void load() throws Exception {
    model = EvalModel.load(TrainedModel.runDirectory());
  }

  @AfterAll
  static void close() {
    model.close();
  }
}
