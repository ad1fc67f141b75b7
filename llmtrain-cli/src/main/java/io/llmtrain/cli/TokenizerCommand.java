package io.llmtrain.cli;

import picocli.CommandLine.Command;

/**
 * {@code llmtrain tokenizer}: the tokenizer's commands. Each is its own class, listed here; a new
 * one (such as {@code train}) is added by listing it.
 */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
    description = "Train tokenizers, encode text into token shards and decode them back.",
    subcommands = {TokenizerTrainCommand.class, TokenizerEncodeCommand.class,
        TokenizerDecodeCommand.class})
final class TokenizerCommand {
}
