package io.llmtrain.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.llmtrain.core.model.GptConfig.Arch;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A decoder-only transformer (GPT-2 or Llama-style, see {@link GptConfig}) on DJL.
 *
 * <p>Parameter names (as in {@code block().getParameters()}) are Hugging Face's without the
 * {@code transformer.} / {@code model.} prefix, so export and import are a rename:
 *
 * <table>
 *   <caption>Parameter names; {@code huggingFaceName} adds the prefix</caption>
 *   <tr><th>gpt2 (here)</th><th>Hugging Face GPT2LMHeadModel</th><th>shape here</th></tr>
 *   <tr><td>{@code wte.weight}</td><td>{@code transformer.wte.weight} (tied: also
 *       {@code lm_head.weight})</td><td>(V, C)</td></tr>
 *   <tr><td>{@code wpe.weight}</td><td>{@code transformer.wpe.weight}</td><td>(P, C)</td></tr>
 *   <tr><td>{@code h.i.ln_1.weight|bias}, {@code h.i.ln_2.*}, {@code ln_f.*}</td>
 *       <td>same with {@code transformer.}</td><td>(C)</td></tr>
 *   <tr><td>{@code h.i.attn.c_attn.weight}</td><td>{@code transformer.h.i.attn.c_attn.weight}
 *       </td><td>(3C, C): Hugging Face's Conv1D stores the transpose (C, 3C)</td></tr>
 *   <tr><td>{@code h.i.attn.c_proj.weight}</td><td>same, transposed</td><td>(C, C)</td></tr>
 *   <tr><td>{@code h.i.mlp.c_fc.weight}</td><td>same, transposed</td><td>(F, C)</td></tr>
 *   <tr><td>{@code h.i.mlp.c_proj.weight}</td><td>same, transposed</td><td>(C, F)</td></tr>
 *   <tr><td>{@code lm_head.weight} (untied only)</td><td>{@code lm_head.weight}</td>
 *       <td>(V, C)</td></tr>
 *   <tr><th>llama (here)</th><th>Hugging Face LlamaForCausalLM</th><th></th></tr>
 *   <tr><td>{@code embed_tokens.weight}, {@code layers.i.input_layernorm.weight},
 *       {@code layers.i.self_attn.q_proj|k_proj|v_proj|o_proj.weight},
 *       {@code layers.i.post_attention_layernorm.weight},
 *       {@code layers.i.mlp.gate_proj|up_proj|down_proj.weight}, {@code norm.weight}</td>
 *       <td>same with {@code model.}; no transposes (torch Linear layout (out, in))</td><td></td>
 *   </tr>
 * </table>
 *
 * <p>Matrices are stored (out, in) like {@code torch.nn.Linear}; the rotary embedding rotates the
 * two halves of each head together (Hugging Face Llama's layout, not Meta's interleaved one).
 *
 * <p>The model owns the manager it was created in (its parameters and constant tables live
 * there); closing that manager frees it. Forwards allocate only in the manager of their input.
 */
public final class GptModel implements CausalLanguageModel {
  private static final Pattern CONV1D =
      Pattern.compile("h\\.\\d+\\.(attn\\.c_attn|attn\\.c_proj|mlp\\.c_fc|mlp\\.c_proj)\\.weight");

  private final GptConfig config;
  private final GptBlock block;
  private final NDManager manager;
  private final Set<String> decayed;
  private final long parameterCount;

  private GptModel(GptConfig config, GptBlock block, NDManager manager) {
    this.config = config;
    this.block = block;
    this.manager = manager;
    this.decayed = new LinkedHashSet<>(block.linearWeightNames());
    long n = 0;
    for (Parameter p : block.getParameters().values()) {
      n += p.getShape().size();
    }
    this.parameterCount = n;
  }

  /**
   * Builds and initialises a model in {@code manager} (on its device): normal(0, 0.02) for
   * matrices and embeddings, normal(0, 0.02/sqrt(2·layers)) for the projections back into the
   * residual stream (attention output, MLP output), zeros for biases, ones for norm weights.
   * Values come from Java's {@link java.util.SplittableRandom} seeded by {@code seed} and the
   * parameter's name, so a seed gives the same model on every engine and device.
   */
  public static GptModel create(GptConfig config, NDManager manager, long seed) {
    return create(config, manager, seed, DataType.FLOAT32);
  }

  /**
   * As {@link #create(GptConfig, NDManager, long)} with parameters in {@code dataType}
   * ({@code FLOAT32} or {@code BFLOAT16}; the values are drawn in float32, then rounded). The
   * forward pass computes in that precision; losses should be taken in float32.
   */
  public static GptModel create(GptConfig config, NDManager manager, long seed,
      DataType dataType) {
    if (dataType != DataType.FLOAT32 && dataType != DataType.BFLOAT16
        && dataType != DataType.FLOAT16) {
      throw new IllegalArgumentException("a GPT computes in float32, bfloat16 or float16, not "
          + dataType);
    }
    GptBlock block = new GptBlock(config, seed);
    block.setTableManager(manager);
    block.initialize(manager, dataType, new Shape(1, config.contextLength()));
    return new GptModel(config, block, manager);
  }

  /** The parameters' precision. */
  public DataType dataType() {
    return block.getParameters().valueAt(0).getArray().getDataType();
  }

  public GptConfig config() {
    return config;
  }

  /** The manager holding the parameters. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public Block block() {
    return block;
  }

  @Override
  public int vocabSize() {
    return config.vocabSize();
  }

  @Override
  public int contextLength() {
    return config.contextLength();
  }

  /** Matrices of linear layers (attention, MLP, an untied {@code lm_head}); not embeddings,
   * norms or biases.
   *
   * @throws IllegalArgumentException for a name that is not one of this model's parameters
   */
  @Override
  public boolean decays(String parameterName) {
    if (!block.getDirectParameters().contains(parameterName)) {
      throw new IllegalArgumentException("'" + parameterName + "' is not a parameter of this "
          + "model");
    }
    return decayed.contains(parameterName);
  }

  @Override
  public long parameterCount() {
    return parameterCount;
  }

  /** {@link GptConfig#flopsPerToken(int)} at the context length. */
  @Override
  public double flopsPerToken() {
    return config.flopsPerToken(config.contextLength());
  }

  /** {@link GptConfig#flopsPerToken(int)} at a training block size shorter than the context. */
  public double flopsPerToken(int sequenceLength) {
    return config.flopsPerToken(sequenceLength);
  }

  /** A new empty key-value cache whose arrays live in {@code cacheManager} (the caller's). */
  public KvCache newCache(NDManager cacheManager) {
    return new KvCache(cacheManager, config.layers());
  }

  /**
   * Inference forward over new tokens after those in {@code cache}: {@code ids} (B, T) int32 on
   * the model's device, positions {@code cache.length() .. cache.length()+T-1}; returns logits
   * (B, T, V) in the manager of {@code ids} and appends the new keys and values to the cache. The
   * cache must leave room: {@code cache.length() + T <= contextLength()}. With an empty cache
   * this equals the block's forward.
   */
  public NDArray forward(NDArray ids, KvCache cache) {
    return block.forwardCached(ids, cache);
  }

  /** The parameter's name in a Hugging Face checkpoint of the same architecture. */
  public String huggingFaceName(String parameterName) {
    if (parameterName.equals("lm_head.weight")) {
      return parameterName;
    }
    return (config.arch() == Arch.GPT2 ? "transformer." : "model.") + parameterName;
  }

  /**
   * Whether Hugging Face stores this parameter transposed: GPT-2's Conv1D matrices ({@code
   * c_attn}, {@code c_proj}, {@code c_fc}) are (in, out); everything else matches.
   */
  public boolean huggingFaceTransposed(String parameterName) {
    return config.arch() == Arch.GPT2 && CONV1D.matcher(parameterName).matches();
  }

  /** Every parameter's name mapped to its Hugging Face name, in block order. */
  public Map<String, String> huggingFaceNames() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : block.getDirectParameters().keys()) {
      m.put(n, huggingFaceName(n));
    }
    return m;
  }
}
