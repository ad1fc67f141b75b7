/**
 * Cleaning stages: each a {@link io.llmtrain.core.spi.DocumentProcessor} usable on its own, with a
 * typed configuration that is also its {@link io.llmtrain.core.spi.StageSpec}, registered by name.
 *
 * <ul>
 *   <li>{@code symbols} ({@link io.llmtrain.data.clean.SymbolRunRemover},
 *       {@link io.llmtrain.data.clean.SymbolsConfig}): random symbol runs such as "#$%&amp;*@!" or
 *       "=-=-=-=-".
 *   <li>{@code emoji} ({@link io.llmtrain.data.clean.EmojiRemover},
 *       {@link io.llmtrain.data.clean.EmojiConfig}): whole emoji sequences, removed or replaced.
 *   <li>{@code pii} ({@link io.llmtrain.data.clean.PiiRedactor},
 *       {@link io.llmtrain.data.clean.PiiConfig}): e-mail, IP, phone and card numbers to
 *       placeholders.
 *   <li>{@code offensive} ({@link io.llmtrain.data.clean.OffensiveFilter},
 *       {@link io.llmtrain.data.clean.OffensiveConfig}): English and Portuguese word lists; reject
 *       above a ratio, or mask.
 *   <li>{@code boilerplate} ({@link io.llmtrain.data.clean.BoilerplateRemover},
 *       {@link io.llmtrain.data.clean.BoilerplateConfig}): boilerplate lines in English and
 *       Portuguese, copyright notices, separator lines.
 *   <li>{@code clean} ({@link io.llmtrain.data.clean.Cleaner},
 *       {@link io.llmtrain.data.clean.CleanConfig}): all of the above in one processor, in an
 *       order that makes cleaning idempotent, reading ordinary prose about three times in all.
 * </ul>
 *
 * <p>Every processor returns the same document instance when it changes nothing, and a plain
 * method on strings ({@code apply}, {@code mask}, {@code stats}) for use outside a pipeline.
 */
package io.llmtrain.data.clean;
