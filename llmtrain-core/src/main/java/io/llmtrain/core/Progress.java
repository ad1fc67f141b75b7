package io.llmtrain.core;

import java.time.Duration;

/**
 * A snapshot of a running pipeline, for progress bars.
 *
 * @param bytesRead raw input bytes consumed (compressed bytes for compressed input)
 * @param totalBytes raw input size, 0 when unknown
 */
public record Progress(long documentsIn, long documentsKept, long documentsRejected,
    long bytesRead, long totalBytes, Duration elapsed) {
}
