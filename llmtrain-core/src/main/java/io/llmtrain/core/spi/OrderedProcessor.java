package io.llmtrain.core.spi;

import io.llmtrain.core.Document;

/**
 * A processor whose decision depends on the documents before it, such as deduplication, which keeps
 * the first occurrence. The expensive, independent part ({@link #analyze}, for example computing a
 * MinHash signature) runs on the worker pool; the cheap decision ({@link #decide}) runs on one
 * thread in input order, so output is the same for the same input whatever the thread count.
 *
 * @param <A> what {@link #analyze} computes for {@link #decide}
 */
public interface OrderedProcessor<A> extends DocumentProcessor {

  /** Computes what the decision needs. Thread-safe; called in any order. */
  A analyze(Document document, StageContext context);

  /** Decides, seeing documents strictly in input order from a single thread. */
  Outcome decide(Document document, A analysis, StageContext context);

  /** Analyzes and decides at once; callers must then call it in input order from one thread. */
  @Override
  default Outcome process(Document document, StageContext context) {
    return decide(document, analyze(document, context), context);
  }
}
