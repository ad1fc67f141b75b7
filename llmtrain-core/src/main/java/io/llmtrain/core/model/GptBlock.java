package io.llmtrain.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.llmtrain.core.model.GptConfig.Arch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The whole decoder as one DJL block whose parameters are its own direct parameters, so their
 * names are exactly the readable ones chosen here ({@code h.0.attn.c_attn.weight}); nested DJL
 * blocks would prefix them with child indices ({@code 01h_02attn_weight}). The forward uses
 * DJL's block functions (linear, layer norm, embedding, dropout) on these parameters.
 *
 * <p>Every operation keeps the activation as its first operand, so results live in the caller's
 * manager (the per-step scope), never in the model's manager; constant tables are sliced straight
 * into the caller's manager.
 */
final class GptBlock extends AbstractBlock {
  private static final byte VERSION = 1;

  private final GptConfig c;
  private final long seed;
  private final Parameter wte;
  private final Parameter wpe;
  private final Parameter lmHead;
  private final Parameter normFW;
  private final Parameter normFB;
  private final Layer[] layers;
  private final Map<TableKey, Tables> tables = new ConcurrentHashMap<>();
  private NDManager tableManager;

  /** One transformer layer's parameters; null where the architecture has none. */
  private static final class Layer {
    Parameter norm1W;
    Parameter norm1B;
    Parameter qkvW;
    Parameter qkvB;
    Parameter qW;
    Parameter qB;
    Parameter kW;
    Parameter kB;
    Parameter vW;
    Parameter vB;
    Parameter projW;
    Parameter projB;
    Parameter norm2W;
    Parameter norm2B;
    Parameter fcW;
    Parameter fcB;
    Parameter gateW;
    Parameter gateB;
    Parameter downW;
    Parameter downB;
  }

  /**
   * Per-device constants: the additive causal mask, rotary cos/sin, a zero LayerNorm shift, and
   * scalars (DJL turns every Java number operand into a new native array, each call).
   */
  private record TableKey(Device device, DataType dataType) {}

  private record Tables(NDArray mask, NDArray cos, NDArray sin, NDArray zeros,
      NDArray attentionScale, NDArray geluCubic, NDArray geluScale, NDArray epsilon) {}

  GptBlock(GptConfig c, long seed) {
    super(VERSION);
    this.c = c;
    this.seed = seed;
    int w = c.width();
    int h = c.mlpHiddenSize();
    boolean gpt2 = c.arch() == Arch.GPT2;
    boolean bias = c.bias();
    double std = 0.02;
    // GPT-2: residual projections scaled by 1/sqrt(2L) so the residual stream's variance does
    // not grow with depth
    double residualStd = 0.02 / Math.sqrt(2.0 * c.layers());
    wte = weight(gpt2 ? "wte.weight" : "embed_tokens.weight", std, c.vocabSize(), w);
    wpe = gpt2 ? weight("wpe.weight", std, c.positions(), w) : null;
    layers = new Layer[c.layers()];
    for (int i = 0; i < c.layers(); i++) {
      Layer l = new Layer();
      if (gpt2) {
        String p = "h." + i + ".";
        l.norm1W = ones(p + "ln_1.weight", w);
        l.norm1B = bias ? zeros(p + "ln_1.bias", w) : null;
        l.qkvW = weight(p + "attn.c_attn.weight", std, 3 * w, w);
        l.qkvB = bias ? zeros(p + "attn.c_attn.bias", 3 * w) : null;
        l.projW = weight(p + "attn.c_proj.weight", residualStd, w, w);
        l.projB = bias ? zeros(p + "attn.c_proj.bias", w) : null;
        l.norm2W = ones(p + "ln_2.weight", w);
        l.norm2B = bias ? zeros(p + "ln_2.bias", w) : null;
        l.fcW = weight(p + "mlp.c_fc.weight", std, h, w);
        l.fcB = bias ? zeros(p + "mlp.c_fc.bias", h) : null;
        l.downW = weight(p + "mlp.c_proj.weight", residualStd, w, h);
        l.downB = bias ? zeros(p + "mlp.c_proj.bias", w) : null;
      } else {
        String p = "layers." + i + ".";
        l.norm1W = ones(p + "input_layernorm.weight", w);
        l.qW = weight(p + "self_attn.q_proj.weight", std, w, w);
        l.qB = bias ? zeros(p + "self_attn.q_proj.bias", w) : null;
        l.kW = weight(p + "self_attn.k_proj.weight", std, w, w);
        l.kB = bias ? zeros(p + "self_attn.k_proj.bias", w) : null;
        l.vW = weight(p + "self_attn.v_proj.weight", std, w, w);
        l.vB = bias ? zeros(p + "self_attn.v_proj.bias", w) : null;
        l.projW = weight(p + "self_attn.o_proj.weight", residualStd, w, w);
        l.projB = bias ? zeros(p + "self_attn.o_proj.bias", w) : null;
        l.norm2W = ones(p + "post_attention_layernorm.weight", w);
        l.gateW = weight(p + "mlp.gate_proj.weight", std, h, w);
        l.gateB = bias ? zeros(p + "mlp.gate_proj.bias", h) : null;
        l.fcW = weight(p + "mlp.up_proj.weight", std, h, w);
        l.fcB = bias ? zeros(p + "mlp.up_proj.bias", h) : null;
        l.downW = weight(p + "mlp.down_proj.weight", residualStd, w, h);
        l.downB = bias ? zeros(p + "mlp.down_proj.bias", w) : null;
      }
      layers[i] = l;
    }
    normFW = ones(gpt2 ? "ln_f.weight" : "norm.weight", w);
    normFB = gpt2 && bias ? zeros("ln_f.bias", w) : null;
    lmHead = c.tieEmbeddings() ? null : weight("lm_head.weight", std, c.vocabSize(), w);
  }

  GptConfig config() {
    return c;
  }

  /** The manager that owns the per-device constant tables (the model's). */
  void setTableManager(NDManager manager) {
    this.tableManager = manager;
  }

  private Parameter weight(String name, double std, int rows, int cols) {
    // a seed per parameter name: the values do not depend on creation order or on other layers
    long s = seed * 0x9E3779B97F4A7C15L + name.hashCode();
    Initializer init = (manager, shape, dataType) -> {
      // filled in slices of about 1M values: an array made from Java data keeps its direct
      // buffer (capped by -XX:MaxDirectMemorySize, default the heap size) for life, a native one
      // does not: GPT-2 124M (500 MB) initialises with 64 MB of direct memory
      NDArray a = manager.zeros(shape, DataType.FLOAT32);
      SplittableRandom r = new SplittableRandom(s);
      long height = shape.get(0);
      long length = shape.size() / height;
      long step = Math.max(1, (1 << 20) / length);
      for (long from = 0; from < height; from += step) {
        long n = Math.min(step, height - from);
        float[] v = new float[Math.toIntExact(n * length)];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) (r.nextGaussian() * std);
        }
        try (NDArray slice = manager.create(v, new Shape(n, length))) {
          a.set(new NDIndex("{}:{}", from, from + n), slice);
        }
      }
      if (dataType == DataType.FLOAT32) {
        return a;
      }
      NDArray cast = a.toType(dataType, false);
      a.close();
      return cast;
    };
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
        .optShape(new Shape(rows, cols)).optInitializer(init).build());
  }

  private Parameter ones(String name, int size) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.GAMMA)
        .optShape(new Shape(size)).optInitializer(Initializer.ONES).build());
  }

  private Parameter zeros(String name, int size) {
    return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
        .optShape(new Shape(size)).optInitializer(Initializer.ZEROS).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.singletonOrThrow();
    Device device = ids.getDevice();
    return new NDList(forward(ids, p -> ps.getValue(p, device, training), training, null));
  }

  /** The cached inference forward: parameters as they are (no gradient store). */
  NDArray forwardCached(NDArray ids, KvCache cache) {
    Device device = ids.getDevice();
    checkInput(ids, cache);
    try {
      return forward(ids, p -> {
        NDArray a = p.getArray();
        if (!a.getDevice().equals(device)) {
          throw new IllegalArgumentException("token ids are on " + device
              + " but the model is on " + a.getDevice());
        }
        return a;
      }, false, cache);
    } catch (RuntimeException e) {
      // some layers may have appended already: a half-updated cache would be silently wrong
      cache.clear();
      throw e;
    }
  }

  private void checkInput(NDArray ids, KvCache cache) {
    if (ids.getShape().dimension() != 2) {
      throw new IllegalArgumentException("token ids must be (batch, time), got "
          + ids.getShape());
    }
    long t = ids.getShape().get(1);
    int past = cache == null ? 0 : cache.length();
    if (t < 1 || past + t > c.contextLength()) {
      throw new IllegalArgumentException("sequence of " + t + " new tokens after " + past
          + " cached ones does not fit the context length " + c.contextLength()
          + " (crop from the left)");
    }
    if (cache != null) {
      cache.check(c.layers(), ids.getShape().get(0));
    }
  }

  private NDArray forward(NDArray ids, Function<Parameter, NDArray> raw, boolean training,
      KvCache cache) {
    // absent parameters (no bias) stay null
    Function<Parameter, NDArray> value = p -> p == null ? null : raw.apply(p);
    checkInput(ids, cache);
    int t = Math.toIntExact(ids.getShape().get(1));
    int past = cache == null ? 0 : cache.length();
    NDManager m = ids.getManager();
    NDArray embeddings = value.apply(wte);
    // constants in the parameters' precision: a float32 mask added to bf16 scores would promote
    // the whole attention to float32
    Tables tab = tables(ids.getDevice(), embeddings.getDataType());
    if (ids.getDataType() != DataType.INT32 && ids.getDataType() != DataType.INT64) {
      ids = ids.toType(DataType.INT32, false);
    }
    NDArray x = ex(ids).embedding(ids, embeddings, SparseFormat.DENSE).singletonOrThrow();
    if (wpe != null) {
      NDArray pos = m.arange(past, past + t, 1, DataType.INT32, ids.getDevice());
      x = x.add(ex(pos).embedding(pos, value.apply(wpe), SparseFormat.DENSE).singletonOrThrow());
    }
    x = dropout(x, training);
    NDArray mask = tab.mask.get(m, new NDIndex("{}:{}, :{}", past, past + t, past + t));
    NDArray cos = null;
    NDArray sin = null;
    if (c.arch() == Arch.LLAMA) {
      cos = tab.cos.get(m, new NDIndex("{}:{}", past, past + t));
      sin = tab.sin.get(m, new NDIndex("{}:{}", past, past + t));
    }
    for (int i = 0; i < layers.length; i++) {
      Layer l = layers[i];
      NDArray h = norm(x, value.apply(l.norm1W), value.apply(l.norm1B), tab);
      x = x.add(dropout(attention(i, l, h, value, training, cache, mask, cos, sin, tab),
          training));
      h = norm(x, value.apply(l.norm2W), value.apply(l.norm2B), tab);
      x = x.add(dropout(mlp(l, h, value, tab), training));
    }
    x = norm(x, value.apply(normFW), value.apply(normFB), tab);
    if (cache != null) {
      cache.advance(t);
    }
    return linear(x, value.apply(lmHead != null ? lmHead : wte), null);
  }

  private NDArray attention(int layer, Layer l, NDArray h, Function<Parameter, NDArray> value,
      boolean training, KvCache cache, NDArray mask, NDArray cos, NDArray sin, Tables tab) {
    long b = h.getShape().get(0);
    long t = h.getShape().get(1);
    int heads = c.heads();
    int q = c.headSize();
    NDArray qs;
    NDArray ks;
    NDArray vs;
    if (l.qkvW != null) {
      NDList qkv = linear(h, value.apply(l.qkvW), value.apply(l.qkvB)).split(3, 2);
      qs = qkv.get(0);
      ks = qkv.get(1);
      vs = qkv.get(2);
    } else {
      qs = linear(h, value.apply(l.qW), value.apply(l.qB));
      ks = linear(h, value.apply(l.kW), value.apply(l.kB));
      vs = linear(h, value.apply(l.vW), value.apply(l.vB));
    }
    Shape split = new Shape(b, t, heads, q);
    qs = qs.reshape(split).transpose(0, 2, 1, 3);
    ks = ks.reshape(split).transpose(0, 2, 1, 3);
    vs = vs.reshape(split).transpose(0, 2, 1, 3);
    if (cos != null) {
      qs = rotate(qs, cos, sin);
      ks = rotate(ks, cos, sin);
    }
    if (cache != null) {
      ks = cache.appendKeys(layer, ks);
      vs = cache.appendValues(layer, vs);
    }
    NDArray kt = ks.transpose(0, 1, 3, 2);
    if (cache != null) {
      // a view of a cached array is born in the cache's manager: move it to this step's
      kt.attach(h.getManager());
    }
    // (B,H,T,Q) x (B,H,Q,S) -> (B,H,T,S); the mask adds -inf above the diagonal
    NDArray att = qs.mul(tab.attentionScale).matMul(kt).add(mask).softmax(3);
    att = dropout(att, training);
    NDArray y = att.matMul(vs).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * q);
    return linear(y, value.apply(l.projW), value.apply(l.projB));
  }

  private NDArray mlp(Layer l, NDArray h, Function<Parameter, NDArray> value, Tables tab) {
    NDArray up = linear(h, value.apply(l.fcW), value.apply(l.fcB));
    NDArray hidden;
    if (l.gateW != null) {
      // SwiGLU: silu(gate) * up
      NDArray gate = linear(h, value.apply(l.gateW), value.apply(l.gateB));
      hidden = gate.mul(ex(gate).sigmoid()).mul(up);
    } else {
      hidden = geluTanh(up, tab);
    }
    return linear(hidden, value.apply(l.downW), value.apply(l.downB));
  }

  /**
   * GPT-2's GELU, the tanh approximation (Hugging Face's {@code gelu_new}): {@code 0.5x(1 +
   * tanh(z))}, computed as the equal {@code x·sigmoid(2z)}, {@code z = sqrt(2/pi)(x +
   * 0.044715x³)}.
   */
  private static NDArray geluTanh(NDArray x, Tables tab) {
    NDArray z2 = x.square().mul(tab.geluCubic).mul(x).add(x).mul(tab.geluScale);
    return x.mul(ex(z2).sigmoid());
  }

  /** Rotary embedding in Hugging Face Llama's layout: halves of each head rotated together. */
  private static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().get(3) / 2;
    NDArray x1 = x.get(new NDIndex("..., :{}", half));
    NDArray x2 = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = x2.neg().concat(x1, 3);
    return x.mul(cos).add(rotated.mul(sin));
  }

  private NDArray norm(NDArray x, NDArray weight, NDArray bias, Tables tab) {
    int axis = x.getShape().dimension() - 1;
    float eps = (float) c.layerNormEpsilon();
    if (c.arch() == Arch.GPT2) {
      return ex(x).layerNorm(x, new Shape(c.width()), weight, bias != null ? bias : tab.zeros,
          eps).singletonOrThrow();
    }
    NDArray rms = x.square().mean(new int[] {axis}, true).add(tab.epsilon).sqrt();
    return x.div(rms).mul(weight);
  }

  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return ex(x).linear(x, weight, bias).singletonOrThrow();
  }

  private NDArray dropout(NDArray x, boolean training) {
    if (!training || c.dropout() == 0) {
      return x;
    }
    return ex(x).dropout(x, (float) c.dropout(), true).singletonOrThrow();
  }

  private static NDArrayEx ex(NDArray a) {
    return a.getNDArrayInternal();
  }

  private Tables tables(Device device, DataType dataType) {
    Tables t = tables.get(new TableKey(device, dataType));
    if (t != null) {
      return t;
    }
    if (dataType == DataType.FLOAT32) {
      return tables.computeIfAbsent(new TableKey(device, dataType), k -> buildTables(device));
    }
    // computed in float32, then rounded once
    Tables f = tables(device, DataType.FLOAT32);
    return tables.computeIfAbsent(new TableKey(device, dataType), k -> new Tables(
        cast(f.mask, dataType), cast(f.cos, dataType), cast(f.sin, dataType),
        cast(f.zeros, dataType), cast(f.attentionScale, dataType), cast(f.geluCubic, dataType),
        cast(f.geluScale, dataType), cast(f.epsilon, dataType)));
  }

  /** Built once per device in the model's manager: the causal mask and the rotary tables. */
  private Tables buildTables(Device device) {
    NDManager m = tableManager;
    if (m == null) {
      throw new IllegalStateException("the block has no manager for its tables; build it with "
          + "GptModel.create");
    }
    int n = c.contextLength();
    NDArray maskArray;
    try (NDManager scratch = m.newSubManager(device)) {
      // built natively: -inf where the column (key) is after the row (query)
      NDArray rows = scratch.arange(n).reshape(n, 1);
      NDArray cols = scratch.arange(n).reshape(1, n);
      Shape square = new Shape(n, n);
      maskArray = NDArrays.where(cols.gt(rows),
          scratch.full(square, Float.NEGATIVE_INFINITY), scratch.zeros(square));
      maskArray.attach(m);
    }
    NDArray zeros = m.zeros(new Shape(c.width()), DataType.FLOAT32, device);
    NDArray cos = null;
    NDArray sin = null;
    if (c.arch() == Arch.LLAMA) {
      int q = c.headSize();
      int half = q / 2;
      int rows = c.positions();
      float[] cv = new float[rows * q];
      float[] sv = new float[rows * q];
      for (int p = 0; p < rows; p++) {
        for (int i = 0; i < half; i++) {
          double angle = p * Math.pow(c.ropeTheta(), -2.0 * i / q);
          float co = (float) Math.cos(angle);
          float si = (float) Math.sin(angle);
          cv[p * q + i] = co;
          cv[p * q + i + half] = co;
          sv[p * q + i] = si;
          sv[p * q + i + half] = si;
        }
      }
      cos = m.create(cv, new Shape(rows, q)).toDevice(device, false);
      sin = m.create(sv, new Shape(rows, q)).toDevice(device, false);
    }
    return new Tables(maskArray, cos, sin, zeros, scalar(m, 1 / Math.sqrt(c.headSize()), device),
        scalar(m, 0.044715, device), scalar(m, 2 * Math.sqrt(2 / Math.PI), device),
        scalar(m, c.layerNormEpsilon(), device));
  }

  private NDArray cast(NDArray a, DataType dataType) {
    if (a == null) {
      return null;
    }
    NDArray c = a.toType(dataType, true);
    c.attach(tableManager);
    return c;
  }

  private static NDArray scalar(NDManager m, double value, Device device) {
    return m.create((float) value).toDevice(device, false);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), c.vocabSize())};
  }

  /** The names of parameters that are matrices of linear layers (the ones weight decay hits). */
  List<String> linearWeightNames() {
    List<String> out = new ArrayList<>();
    for (Parameter p : getDirectParameters().values()) {
      String n = p.getName();
      boolean embedding = p == wte || p == wpe;
      if (!embedding && p.getShape().dimension() == 2) {
        out.add(n);
      }
    }
    return out;
  }
}
