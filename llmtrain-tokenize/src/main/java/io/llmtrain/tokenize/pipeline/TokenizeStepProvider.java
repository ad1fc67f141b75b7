package io.llmtrain.tokenize.pipeline;

import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.core.spi.Step;
import io.llmtrain.core.spi.StepKind;
import io.llmtrain.core.spi.StepProvider;

/**
 * The tokenize steps, one registered name each: {@code bpe}, {@code wordpiece}, {@code unigram}
 * (train on the corpus, then encode it) and {@code pretrained} (encode with a given
 * tokenizer.json). See {@link TokenizeConfig}.
 */
public abstract class TokenizeStepProvider implements StepProvider {
  private final String name;
  private final String description;

  TokenizeStepProvider(String name, String description) {
    this.name = name;
    this.description = description;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public StepKind kind() {
    return StepKind.TOKENIZE;
  }

  @Override
  public Step create(StageSpec spec) {
    TokenizeConfig config = spec instanceof TokenizeConfig c ? c : TokenizeConfig.fromSpec(spec);
    return new TokenizeStep(config);
  }

  /** {@code bpe}: GPT-2 style byte-level BPE. */
  public static final class Bpe extends TokenizeStepProvider {
    public Bpe() {
      super("bpe", "Train a byte-level BPE tokenizer (GPT-2 layout) and encode the corpus into "
          + "token shards");
    }
  }

  /** {@code wordpiece}: BERT style WordPiece. */
  public static final class WordPiece extends TokenizeStepProvider {
    public WordPiece() {
      super("wordpiece", "Train a WordPiece tokenizer (BERT layout) and encode the corpus into "
          + "token shards");
    }
  }

  /** {@code unigram}: SentencePiece style Unigram. */
  public static final class Unigram extends TokenizeStepProvider {
    public Unigram() {
      super("unigram", "Train a Unigram tokenizer (SentencePiece layout) and encode the corpus "
          + "into token shards");
    }
  }

  /** {@code pretrained}: an existing tokenizer.json. */
  public static final class Pretrained extends TokenizeStepProvider {
    public Pretrained() {
      super(TokenizeConfig.PRETRAINED, "Encode the corpus into token shards with an existing "
          + "tokenizer.json");
    }
  }
}
