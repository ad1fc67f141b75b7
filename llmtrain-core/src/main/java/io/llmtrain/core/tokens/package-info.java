/**
 * Reading token datasets: {@link io.llmtrain.core.tokens.TokenDataset} memory-maps shards (a bare
 * little-endian {@code uint16}/{@code uint32} array with a {@link
 * io.llmtrain.core.tokens.ShardSidecar}) as one sequence and splits it into training and
 * validation regions; {@link io.llmtrain.core.tokens.WindowSampler} draws seeded, resumable
 * batches of windows for next-token prediction. In core so pretraining needs no tokenizer module;
 * the shards are written by {@code io.llmtrain.tokenize.shard}.
 */
package io.llmtrain.core.tokens;
