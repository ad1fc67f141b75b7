/**
 * Repair of text damaged by wrong decoding: {@link io.llmtrain.data.repair.TextRepairer} (processor
 * {@code repair}: mojibake, stray control, zero-width and surrogate characters, CR line ends) and
 * {@link io.llmtrain.data.repair.IcuByteDecoder} (byte decoder {@code icu}: the charset of input
 * that is not UTF-8, detected with ICU4J). {@link io.llmtrain.data.repair.Mojibake} and
 * {@link io.llmtrain.data.repair.Windows1252} are usable on their own.
 */
package io.llmtrain.data.repair;
