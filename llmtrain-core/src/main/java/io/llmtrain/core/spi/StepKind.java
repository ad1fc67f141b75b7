package io.llmtrain.core.spi;

import java.util.Locale;

/** The model-lifecycle steps that follow document processing in a pipeline, in their order. */
public enum StepKind {
  TOKENIZE, PRETRAIN, FINETUNE, EVALUATE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
