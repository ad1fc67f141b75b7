/**
 * Token datasets: {@link io.llmtrain.tokenize.shard.ShardEncoder} encodes documents with any
 * {@link io.llmtrain.tokenize.TextEncoder} into shards written by
 * {@link io.llmtrain.tokenize.shard.ShardWriter} (a bare little-endian {@code uint16} or
 * {@code uint32} array, the end-of-document id after each document, and a
 * {@link io.llmtrain.core.tokens.ShardSidecar} {@code NAME.json} with counts and provenance);
 * {@link io.llmtrain.core.tokens.TokenDataset} memory-maps them as one sequence, splits it into
 * training and validation regions, and {@link io.llmtrain.core.tokens.WindowSampler} draws
 * seeded, resumable batches of windows for next-token prediction.
 */
package io.llmtrain.tokenize.shard;
