package io.llmtrain.tokenize.pipeline;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.tokenize.Encoders;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.TokenizerRecipe.ModelType;
import io.llmtrain.tokenize.shard.ShardConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's {@code .tokenize(...)} step: train a tokenizer on the prepared corpus ({@code
 * bpe}, {@code wordpiece}, {@code unigram}) or use an existing {@code tokenizer.json} ({@code
 * pretrained}), then encode the corpus into token shards.
 *
 * <pre>{@code
 * Pipeline.from(source).clean().normalize()
 *     .tokenize(TokenizeConfig.bpe(8000))
 *     .pretrain(...)
 * }</pre>
 *
 * <p>Parameters: those of {@link TokenizerRecipe} (without {@code model}, which the name gives),
 * or {@code tokenizer} (a path) for {@code pretrained}; {@code encoder} ({@code auto}: the Java
 * encoder, measured faster, or the Hugging Face Rust one for a file Java cannot read; {@code
 * java}; {@code rust}; see {@link Encoders}); {@code shards} (the {@link ShardConfig} parameters, nested).
 */
public final class TokenizeConfig implements StageSpec {
  public static final String PRETRAINED = "pretrained";

  private final TokenizerRecipe recipe; // null for pretrained
  private final Path tokenizer; // pretrained only
  private final Encoders.Kind encoder;
  private final ShardConfig shards;

  private TokenizeConfig(TokenizerRecipe recipe, Path tokenizer, Encoders.Kind encoder,
      ShardConfig shards) {
    checkArgument((recipe == null) != (tokenizer == null),
        "give either a recipe to train or a tokenizer.json to use");
    this.recipe = recipe;
    this.tokenizer = tokenizer;
    this.encoder = requireNonNull(encoder, "encoder");
    this.shards = requireNonNull(shards, "shards");
  }

  /** Trains a tokenizer with {@code recipe}, then encodes. */
  public static TokenizeConfig train(TokenizerRecipe recipe) {
    return new TokenizeConfig(requireNonNull(recipe, "recipe"), null, Encoders.Kind.AUTO,
        ShardConfig.defaults());
  }

  /** A GPT-2 style byte-level BPE tokenizer of {@code vocabSize} tokens. */
  public static TokenizeConfig bpe(int vocabSize) {
    return train(TokenizerRecipe.builder(ModelType.BPE).vocabSize(vocabSize).build());
  }

  public static TokenizeConfig wordpiece(int vocabSize) {
    return train(TokenizerRecipe.builder(ModelType.WORDPIECE).vocabSize(vocabSize).build());
  }

  public static TokenizeConfig unigram(int vocabSize) {
    return train(TokenizerRecipe.builder(ModelType.UNIGRAM).vocabSize(vocabSize).build());
  }

  /** Uses an existing {@code tokenizer.json} (ours, GPT-2's, Llama 3's, BERT's...). */
  public static TokenizeConfig pretrained(Path tokenizerJson) {
    return new TokenizeConfig(null, requireNonNull(tokenizerJson, "tokenizerJson"),
        Encoders.Kind.AUTO, ShardConfig.defaults());
  }

  public TokenizeConfig withEncoder(Encoders.Kind encoder) {
    return new TokenizeConfig(recipe, tokenizer, encoder, shards);
  }

  public TokenizeConfig withShards(ShardConfig shards) {
    return new TokenizeConfig(recipe, tokenizer, encoder, shards);
  }

  /** Reads the step's parameters, rejecting unknown keys (the error lists the known ones). */
  public static TokenizeConfig fromSpec(StageSpec spec) {
    Map<String, Object> rest = new LinkedHashMap<>(spec.params());
    Map<String, Object> own = new LinkedHashMap<>();
    for (String key : new String[] {"encoder", "shards", "tokenizer"}) {
      if (rest.containsKey(key)) {
        own.put(key, rest.remove(key));
      }
    }
    Params p = Params.of(spec.name(), own);
    Encoders.Kind encoder = p.getEnum("encoder", Encoders.Kind.class, Encoders.Kind.AUTO);
    Params shardParams = p.nested("shards");
    ShardConfig shards;
    try {
      shards = ShardConfig.fromParams(shardParams);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + spec.name() + ".shards': "
          + e.getMessage());
    }
    if (spec.name().equals(PRETRAINED)) {
      String path = p.getString("tokenizer", null);
      if (path == null) {
        throw new ConfigException("'" + PRETRAINED + "' needs the parameter 'tokenizer' (the path "
            + "of a tokenizer.json)");
      }
      Params.of(spec.name(), rest).finish(); // nothing else is known to it
      p.finish();
      return pretrained(Path.of(path)).withEncoder(encoder).withShards(shards);
    }
    if (own.containsKey("tokenizer")) {
      throw new ConfigException("'tokenizer' is a parameter of '" + PRETRAINED + "', not of '"
          + spec.name() + "', which trains its own");
    }
    p.finish();
    rest.put("model", spec.name());
    return train(TokenizerRecipe.fromParams(Params.of(spec.name(), rest))).withEncoder(encoder)
        .withShards(shards);
  }

  /** The recipe to train with, or null when a pretrained tokenizer is used. */
  public TokenizerRecipe recipe() {
    return recipe;
  }

  /** The pretrained tokenizer.json, or null when one is trained. */
  public Path tokenizer() {
    return tokenizer;
  }

  public Encoders.Kind encoder() {
    return encoder;
  }

  public ShardConfig shards() {
    return shards;
  }

  @Override
  public String name() {
    return recipe == null ? PRETRAINED : recipe.model().label();
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (recipe != null) {
      m.putAll(recipe.params());
      m.remove("model");
    } else {
      m.put("tokenizer", tokenizer.toString());
    }
    m.put("encoder", encoder.label());
    m.put("shards", shards.params());
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizeConfig c && name().equals(c.name())
        && params().equals(c.params());
  }

  @Override
  public int hashCode() {
    return Objects.hash(name(), params());
  }

  @Override
  public String toString() {
    return name() + params();
  }
}
