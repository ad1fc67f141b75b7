/**
 * Text generation from a {@link io.llmtrain.core.model.GptModel}: {@link
 * io.llmtrain.core.generate.Generator} feeds the prompt once and each new token through the
 * key-value cache; {@link io.llmtrain.core.generate.Sampler} picks tokens in Java (greedy,
 * temperature, top-k, top-p) with a seeded random source.
 */
package io.llmtrain.core.generate;
