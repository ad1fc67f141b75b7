package io.llmtrain.core.io;

import io.llmtrain.core.Document;
import java.util.Optional;

/**
 * A document a pipeline did not keep, with the stage that rejected it and why. {@code document} is
 * the document as that stage saw it; for records that could not be read at all it is empty and
 * {@code raw} holds the input instead.
 */
public record RejectedDocument(String id, String stage, String reason, String detail,
    Optional<Document> document, String raw) {
}
