/**
 * Deduplication stages that keep the first occurrence of each document, deterministically,
 * whatever the thread count: {@link io.llmtrain.data.dedup.ExactDeduplicator} (processor
 * {@code dedup}: same text after normalization) and
 * {@link io.llmtrain.data.dedup.MinHashDeduplicator} (processor {@code near-dedup}: MinHash LSH
 * over word shingles). Both hash on the worker pool and keep only 64-bit hashes in primitive
 * {@link io.llmtrain.data.dedup.LongHashSet}s: about 11 to 16 bytes per distinct document for
 * {@code dedup}, 150 to 225 bytes per kept document for {@code near-dedup} (14 band keys).
 */
package io.llmtrain.data.dedup;
