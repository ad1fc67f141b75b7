/**
 * Language models on DJL: the {@link io.llmtrain.core.model.CausalLanguageModel} contract the
 * trainer, the generator and the exporters see, and its decoder-only transformer, {@link
 * io.llmtrain.core.model.GptModel} (GPT-2 and Llama layouts, configured by {@link
 * io.llmtrain.core.model.GptConfig}), with a {@link io.llmtrain.core.model.KvCache} for
 * generation.
 */
package io.llmtrain.core.model;
