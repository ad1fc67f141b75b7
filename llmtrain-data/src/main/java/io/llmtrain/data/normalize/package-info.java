/**
 * The {@code normalize} stage: makes equivalent text look the same before deduplication and
 * training.
 *
 * <p>{@link io.llmtrain.data.normalize.TextNormalizer} is the processor and the stand-alone API
 * ({@code new TextNormalizer(config).normalize(text)}), configured by
 * {@link io.llmtrain.data.normalize.NormalizeConfig} and registered by
 * {@link io.llmtrain.data.normalize.NormalizeProvider}. By default it applies NFC, standard
 * punctuation and collapsed whitespace; lower-casing (with a locale), accent stripping and the
 * {@link io.llmtrain.data.normalize.Placeholder placeholders} {@code [URL]}, {@code [EMAIL]},
 * {@code [DATE]} and {@code [NUMBER]} are opt-in. Normalizing normalized text changes nothing,
 * whatever the configuration.
 */
package io.llmtrain.data.normalize;
