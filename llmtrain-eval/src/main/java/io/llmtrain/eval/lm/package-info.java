/**
 * Evaluations that run a model: load one with {@link io.llmtrain.eval.lm.EvalModel#load}, then
 * {@link io.llmtrain.eval.lm.PerplexityEvaluation#evaluate} (loss, perplexity, bits per byte,
 * token accuracy on documents), {@link io.llmtrain.eval.lm.MultipleChoice#evaluate} ({@code acc}
 * and {@code acc_norm} by log-likelihood, as lm-evaluation-harness) and {@link
 * io.llmtrain.eval.lm.GenerationEvaluation#evaluate} (generate, then score with text metrics).
 * Results are records; JSONL inputs are read by each class's {@code read(Path)}.
 */
package io.llmtrain.eval.lm;
