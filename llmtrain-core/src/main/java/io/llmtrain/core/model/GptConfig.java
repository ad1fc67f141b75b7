package io.llmtrain.core.model;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The shape of a decoder-only transformer: GPT-2 or Llama-style. Immutable; build with {@link
 * #builder()} or start from a {@link #preset(String)} and override any field through {@link
 * #toBuilder()}. Impossible shapes are refused by {@link Builder#build()} with a {@link
 * ConfigException} naming the field, before any array is allocated.
 *
 * <table>
 *   <caption>Presets (gpt2; switch with {@code toBuilder().arch(Arch.LLAMA)})</caption>
 *   <tr><th>name</th><th>layers</th><th>heads</th><th>width</th><th>context</th><th>vocab</th>
 *       <th>parameters (gpt2, tied)</th></tr>
 *   <tr><td>nano</td><td>4</td><td>4</td><td>128</td><td>128</td><td>1024</td>
 *       <td>940,800 (for tests)</td></tr>
 *   <tr><td>micro</td><td>6</td><td>6</td><td>384</td><td>256</td><td>65</td>
 *       <td>10,770,816 (nanoGPT's character-level baby GPT, with biases)</td></tr>
 *   <tr><td>small</td><td>12</td><td>12</td><td>768</td><td>1024</td><td>50257</td>
 *       <td>124,439,808 (GPT-2 124M)</td></tr>
 * </table>
 *
 * <p>Preset vocabularies are placeholders for the tokenizer's size: set {@code vocabSize} to the
 * tokenizer's vocabulary.
 *
 * <p>Defaults by architecture: gpt2 has biases (linear layers and LayerNorm), a GELU MLP of {@code
 * mlpRatio·width}; llama has no biases, RMSNorm, rotary embeddings ({@code ropeTheta}) and a
 * SwiGLU MLP whose hidden size is {@code 2/3·mlpRatio·width} rounded up to a multiple of 256
 * (Llama's rule), unless {@code mlpHidden} is given.
 */
public final class GptConfig {

  /** The architectures. */
  public enum Arch {
    /** GPT-2: learned positions, LayerNorm, GELU (tanh) MLP, biases. */
    GPT2,
    /** Llama: rotary positions, RMSNorm, SwiGLU MLP, no biases. */
    LLAMA;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** By {@link #label()}; the error lists the known ones. */
    public static Arch parse(String s) {
      for (Arch a : values()) {
        if (a.label().equals(s)) {
          return a;
        }
      }
      throw new ConfigException("'arch' must be one of gpt2, llama; got '" + s + "'");
    }
  }

  /** The preset names, smallest first. */
  public static final List<String> PRESETS = List.of("nano", "micro", "small");

  private final Arch arch;
  private final int vocabSize;
  private final int contextLength;
  private final int positions;
  private final int layers;
  private final int heads;
  private final int width;
  private final double mlpRatio;
  private final int mlpHidden;
  private final boolean bias;
  private final double ropeTheta;
  private final double layerNormEpsilon;
  private final double dropout;
  private final boolean tieEmbeddings;

  private GptConfig(Builder b) {
    arch = b.arch;
    vocabSize = b.vocabSize;
    contextLength = b.contextLength;
    positions = b.positions == 0 ? b.contextLength : b.positions;
    layers = b.layers;
    heads = b.heads;
    width = b.width;
    mlpRatio = b.mlpRatio;
    mlpHidden = b.mlpHidden;
    bias = b.bias != null ? b.bias : arch == Arch.GPT2;
    ropeTheta = b.ropeTheta;
    layerNormEpsilon = b.layerNormEpsilon;
    dropout = b.dropout;
    tieEmbeddings = b.tieEmbeddings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A preset by name: {@code nano}, {@code micro} or {@code small} (see the class table).
   *
   * @throws ConfigException for an unknown name, listing the known ones
   */
  public static GptConfig preset(String name) {
    Builder b = builder().arch(Arch.GPT2);
    return switch (name) {
      // vocab 1024 (a small BPE) brings 4x128 to about 1M parameters
      case "nano" -> b.layers(4).heads(4).width(128).contextLength(128).vocabSize(1024).build();
      // nanoGPT's shakespeare_char: 65 characters
      case "micro" -> b.layers(6).heads(6).width(384).contextLength(256).vocabSize(65).build();
      case "small" -> b.layers(12).heads(12).width(768).contextLength(1024).vocabSize(50257)
          .build();
      default -> throw new ConfigException("Unknown model preset '" + name + "'; known presets: "
          + String.join(", ", PRESETS));
    };
  }

  /** A builder holding this configuration; fields left at their architecture default follow a
   * change of {@code arch}. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.arch = arch;
    b.vocabSize = vocabSize;
    b.contextLength = contextLength;
    b.positions = positions == contextLength ? 0 : positions;
    b.layers = layers;
    b.heads = heads;
    b.width = width;
    b.mlpRatio = mlpRatio;
    b.mlpHidden = mlpHidden;
    b.bias = bias == (arch == Arch.GPT2) ? null : bias;
    b.ropeTheta = ropeTheta;
    b.layerNormEpsilon = layerNormEpsilon;
    b.dropout = dropout;
    b.tieEmbeddings = tieEmbeddings;
    return b;
  }

  /**
   * Reads a configuration: {@code preset} (optional) gives the starting point, every other key
   * overrides a field (the keys of {@link #params()}). Unknown keys are refused.
   */
  public static GptConfig fromParams(Params p) {
    Builder b = p.has("preset") ? preset(p.getString("preset", "nano")).toBuilder() : builder();
    if (p.has("arch")) {
      b.arch(Arch.parse(p.getString("arch", "gpt2")));
    }
    b.vocabSize(p.getInt("vocabSize", b.vocabSize, 1, Integer.MAX_VALUE));
    b.contextLength(p.getInt("contextLength", b.contextLength, 1, Integer.MAX_VALUE));
    b.positions(p.getInt("positions", b.positions, 0, Integer.MAX_VALUE));
    b.layers(p.getInt("layers", b.layers, 1, Integer.MAX_VALUE));
    b.heads(p.getInt("heads", b.heads, 1, Integer.MAX_VALUE));
    b.width(p.getInt("width", b.width, 1, Integer.MAX_VALUE));
    b.mlpRatio(p.getDouble("mlpRatio", b.mlpRatio, Double.MIN_VALUE, 1e6));
    b.mlpHidden(p.getInt("mlpHidden", b.mlpHidden, 0, Integer.MAX_VALUE));
    if (p.has("bias")) {
      b.bias(p.getBoolean("bias", true));
    }
    b.ropeTheta(p.getDouble("ropeTheta", b.ropeTheta, Double.MIN_VALUE, Double.MAX_VALUE));
    b.layerNormEpsilon(p.getDouble("layerNormEpsilon", b.layerNormEpsilon, Double.MIN_VALUE, 1));
    b.dropout(p.getDouble("dropout", b.dropout, 0, 1));
    b.tieEmbeddings(p.getBoolean("tieEmbeddings", b.tieEmbeddings));
    p.finish();
    return b.build();
  }

  /** Every field, resolved (camelCase keys), so {@code fromParams(params())} gives this again. */
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", arch.label());
    m.put("vocabSize", vocabSize);
    m.put("contextLength", contextLength);
    m.put("positions", positions);
    m.put("layers", layers);
    m.put("heads", heads);
    m.put("width", width);
    m.put("mlpRatio", mlpRatio);
    m.put("mlpHidden", mlpHiddenSize());
    m.put("bias", bias);
    m.put("ropeTheta", ropeTheta);
    m.put("layerNormEpsilon", layerNormEpsilon);
    m.put("dropout", dropout);
    m.put("tieEmbeddings", tieEmbeddings);
    return m;
  }

  public Arch arch() {
    return arch;
  }

  public int vocabSize() {
    return vocabSize;
  }

  /** The longest sequence the model accepts. */
  public int contextLength() {
    return contextLength;
  }

  /**
   * Rows of the position table (gpt2's {@code wpe}, llama's rotary table), at least {@code
   * contextLength}; larger when a model trained on long sequences (GPT-2's 1024) is used at a
   * shorter context, so its table survives export unchanged.
   */
  public int positions() {
    return positions;
  }

  public int layers() {
    return layers;
  }

  public int heads() {
    return heads;
  }

  /** Embedding size (GPT-2's {@code n_embd}). */
  public int width() {
    return width;
  }

  /** Width of one attention head. */
  public int headSize() {
    return width / heads;
  }

  public double mlpRatio() {
    return mlpRatio;
  }

  /** The MLP's hidden size, given or derived from the architecture (see the class comment). */
  public int mlpHiddenSize() {
    if (mlpHidden > 0) {
      return mlpHidden;
    }
    if (arch == Arch.GPT2) {
      return (int) Math.round(mlpRatio * width);
    }
    long hidden = (long) (2 * mlpRatio * width / 3);
    return (int) ((hidden + 255) / 256 * 256);
  }

  /** Whether linear layers (and, for gpt2, LayerNorm) have biases. */
  public boolean bias() {
    return bias;
  }

  public double ropeTheta() {
    return ropeTheta;
  }

  public double layerNormEpsilon() {
    return layerNormEpsilon;
  }

  /**
   * Dropout on embeddings, attention weights and residual branches while training (0: none, as
   * for pretraining). Its masks come from the engine's random generator: seed it ({@code
   * Engine.getInstance().setRandomSeed}) for repeatable runs.
   */
  public double dropout() {
    return dropout;
  }

  /** Whether the output projection is the token embedding matrix. */
  public boolean tieEmbeddings() {
    return tieEmbeddings;
  }

  /** Parameters of the model this describes, tied ones once; computed without building it. */
  public long parameterCount() {
    long c = width;
    long h = mlpHiddenSize();
    long v = vocabSize;
    long b = bias ? 1 : 0;
    long perLayer;
    long total;
    if (arch == Arch.GPT2) {
      long norm = c + b * c;
      perLayer = 2 * norm + (3 * c * c + b * 3 * c) + (c * c + b * c) + (c * h + b * h)
          + (h * c + b * c);
      total = v * c + (long) positions * c + layers * perLayer + norm;
    } else {
      perLayer = 2 * c + 4 * (c * c + b * c) + 2 * (c * h + b * h) + (h * c + b * c);
      total = v * c + layers * perLayer + c;
    }
    return tieEmbeddings ? total : total + v * c;
  }

  /** Parameters of the position table (0 for llama, whose rotary table is not trained). */
  public long positionParameterCount() {
    return arch == Arch.GPT2 ? (long) positions * width : 0;
  }

  /**
   * Training FLOPs per token at sequence length {@code t}: {@code 6N + 12·L·H·Q·t}, as nanoGPT's
   * {@code estimate_mfu}: N is every parameter but the position table (the token embedding stays:
   * as the output layer it costs a {@code V·C} product per token, tied or not), {@code 12·L·H·Q·t}
   * the attention scores and weighted sums, forward and backward.
   */
  public double flopsPerToken(int t) {
    long n = parameterCount() - positionParameterCount();
    return 6.0 * n + 12.0 * layers * heads * headSize() * t;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GptConfig g && params().equals(g.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return "GptConfig" + params();
  }

  /** Builds a {@link GptConfig}; sizes have no defaults (a preset gives them). */
  public static final class Builder {
    private Arch arch = Arch.GPT2;
    private int vocabSize;
    private int contextLength;
    private int positions;
    private int layers;
    private int heads;
    private int width;
    private double mlpRatio = 4;
    private int mlpHidden;
    private Boolean bias;
    private double ropeTheta = 10000;
    private double layerNormEpsilon = 1e-5;
    private double dropout;
    private boolean tieEmbeddings = true;

    private Builder() {}

    public Builder arch(Arch arch) {
      this.arch = arch;
      return this;
    }

    /** By label: {@code gpt2} or {@code llama}. */
    public Builder arch(String arch) {
      return arch(Arch.parse(arch));
    }

    public Builder vocabSize(int vocabSize) {
      this.vocabSize = vocabSize;
      return this;
    }

    public Builder contextLength(int contextLength) {
      this.contextLength = contextLength;
      return this;
    }

    /** Rows of the position table; 0 (default) means {@code contextLength}. */
    public Builder positions(int positions) {
      this.positions = positions;
      return this;
    }

    public Builder layers(int layers) {
      this.layers = layers;
      return this;
    }

    public Builder heads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder mlpRatio(double mlpRatio) {
      this.mlpRatio = mlpRatio;
      return this;
    }

    /** The MLP's hidden size; 0 (default) derives it from {@code mlpRatio} and the arch. */
    public Builder mlpHidden(int mlpHidden) {
      this.mlpHidden = mlpHidden;
      return this;
    }

    /** Biases on or off; unset follows the architecture (gpt2 on, llama off). */
    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    public Builder ropeTheta(double ropeTheta) {
      this.ropeTheta = ropeTheta;
      return this;
    }

    public Builder layerNormEpsilon(double layerNormEpsilon) {
      this.layerNormEpsilon = layerNormEpsilon;
      return this;
    }

    public Builder dropout(double dropout) {
      this.dropout = dropout;
      return this;
    }

    public Builder tieEmbeddings(boolean tieEmbeddings) {
      this.tieEmbeddings = tieEmbeddings;
      return this;
    }

    /**
     * @throws ConfigException naming the first field that makes the model impossible
     */
    public GptConfig build() {
      if (arch == null) {
        throw new ConfigException("'arch' must be one of gpt2, llama; got null");
      }
      positive("vocabSize", vocabSize);
      positive("contextLength", contextLength);
      positive("layers", layers);
      positive("heads", heads);
      positive("width", width);
      if (positions < 0) {
        throw new ConfigException("'positions' must be 0 (= contextLength) or positive, got "
            + positions);
      }
      if (width % heads != 0) {
        throw new ConfigException("'heads' (" + heads + ") must divide 'width' (" + width
            + "): each head gets width/heads channels");
      }
      if (arch == Arch.LLAMA && (width / heads) % 2 != 0) {
        throw new ConfigException("'heads' (" + heads + ") gives an odd head size " + width / heads
            + " (width " + width + "); rotary embeddings (arch llama) rotate pairs of channels");
      }
      int table = positions == 0 ? contextLength : positions;
      if (contextLength > table) {
        throw new ConfigException("'contextLength' (" + contextLength
            + ") is larger than the position table 'positions' (" + table + ")");
      }
      if (!(mlpRatio > 0) || Double.isInfinite(mlpRatio)) {
        throw new ConfigException("'mlpRatio' must be positive, got " + mlpRatio);
      }
      if (mlpHidden < 0) {
        throw new ConfigException("'mlpHidden' must be 0 (derived) or positive, got " + mlpHidden);
      }
      if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) {
        throw new ConfigException("'ropeTheta' must be positive, got " + ropeTheta);
      }
      if (!(layerNormEpsilon > 0) || layerNormEpsilon >= 1) {
        throw new ConfigException("'layerNormEpsilon' must be in (0, 1), got "
            + layerNormEpsilon);
      }
      if (!(dropout >= 0 && dropout < 1)) {
        throw new ConfigException("'dropout' must be in [0, 1), got " + dropout);
      }
      GptConfig c = new GptConfig(this);
      // one tensor is filled from one Java array
      fits("vocabSize", (long) c.vocabSize * c.width);
      fits("positions", (long) c.positions * c.width);
      fits("mlpHidden", (long) c.mlpHiddenSize() * c.width);
      fits("width", 3L * c.width * c.width);
      return c;
    }

    private static void positive(String field, int value) {
      if (value <= 0) {
        throw new ConfigException("'" + field + "' must be positive, got " + value);
      }
    }

    private static void fits(String field, long elements) {
      if (elements > Integer.MAX_VALUE - 8) {
        throw new ConfigException("'" + field + "' makes a weight matrix of " + elements
            + " elements, more than one array holds (2^31)");
      }
    }
  }
}
