package io.llmtrain.core.spi;

import io.llmtrain.core.Document;

/**
 * One document-level stage: transforms a document or rejects it with a reason.
 *
 * <p>Implementations must be thread-safe: the pipeline calls {@link #process} from several worker
 * threads at once. A processor that needs to see documents in input order (deduplication, for
 * instance) implements {@link OrderedProcessor} instead.
 */
public interface DocumentProcessor {

  /** The stage name shown in reports and written next to rejected documents. */
  String name();

  /**
   * Processes one document. Throwing is reserved for bugs and broken environments; input that the
   * stage does not want is rejected with {@link Outcome#reject}.
   */
  Outcome process(Document document, StageContext context);

  /** Convenience for using a processor on its own, outside a pipeline. */
  default Outcome process(Document document) {
    return process(document, StageContext.NONE);
  }
}
