package io.llmtrain.core.train;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.llmtrain.core.safetensors.SafetensorsReader;
import io.llmtrain.core.safetensors.SafetensorsWriter;
import io.llmtrain.core.safetensors.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as PyTorch's {@code AdamW}: for each
 * parameter {@code p} with gradient {@code g} at step {@code t},
 * <pre>
 *   p -= lr·wd·p                       (only where the model says the parameter decays)
 *   m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²
 *   p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + eps)
 * </pre>
 *
 * <p>Why a standalone updater and not a subclass of DJL's {@code Optimizer}: DJL calls an
 * optimizer one parameter at a time through {@code ParameterStore}, keyed by per-instance random
 * ids, so its state cannot be matched to a parameter of another process (no exact resume), it
 * never learns the parameter's name (so cannot ask {@code decays(name)}), and it cannot see all
 * gradients at once (global-norm clipping must come first). This class holds the moments keyed by
 * parameter NAME and exports and imports them bit for bit.
 *
 * <p>Moments live in their own manager on the parameters' device; temporaries of a step go to the
 * caller's per-step scope. Not thread-safe.
 */
public final class AdamW implements AutoCloseable {
  private final Map<String, Parameter> parameters;
  private final Predicate<String> decays;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final NDManager stateManager;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private long step;

  /**
   * An optimizer of {@code parameters} (name to parameter, as {@link NamedParameters#trainable}).
   *
   * @param decays whether the named parameter gets weight decay
   * @param manager where the moments are allocated (a sub-manager is made and closed with this)
   */
  public AdamW(Map<String, Parameter> parameters, Predicate<String> decays, double beta1,
      double beta2, double eps, double weightDecay, NDManager manager) {
    this.parameters = new LinkedHashMap<>(requireNonNull(parameters, "parameters"));
    this.decays = requireNonNull(decays, "decays");
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)
        || !(weightDecay >= 0)) {
      throw new IllegalArgumentException("AdamW needs 0 <= beta1, beta2 < 1, eps > 0, "
          + "weightDecay >= 0; got " + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.stateManager = manager.newSubManager();
    for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
      NDArray p = e.getValue().getArray();
      m.put(e.getKey(), stateManager.zeros(p.getShape(), DataType.FLOAT32, p.getDevice()));
      v.put(e.getKey(), stateManager.zeros(p.getShape(), DataType.FLOAT32, p.getDevice()));
    }
  }

  /** Optimizer steps taken so far (the {@code t} of the bias correction is this plus one). */
  public long step() {
    return step;
  }

  public Map<String, Parameter> parameters() {
    return parameters;
  }

  /**
   * One update of every parameter that has a gradient, with learning rate {@code lr}.
   *
   * @param gradients name to gradient (arrays that may be scaled in place, e.g. clipped)
   * @param scope the step's manager: every temporary is attached there
   */
  public void update(Map<String, NDArray> gradients, double lr, NDManager scope) {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
    double stepSize = lr / bc1;
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      String name = e.getKey();
      NDArray g = gradients.get(name);
      if (g == null) {
        // No gradient (the parameter took no part in the loss): left alone, as in PyTorch.
        continue;
      }
      NDArray p = e.getValue().getArray();
      NDArray mi = m.get(name);
      NDArray vi = v.get(name);
      if (weightDecay > 0 && decays.test(name)) {
        p.muli(1 - lr * weightDecay);
      }
      mi.muli(beta1).addi(tmp(g.mul(1 - beta1), scope));
      vi.muli(beta2).addi(tmp(tmp(g.square(), scope).muli(1 - beta2), scope));
      NDArray denom = tmp(vi.sqrt(), scope).divi(bc2Sqrt).addi(eps);
      p.subi(tmp(mi.div(denom), scope).muli(stepSize));
    }
  }

  /** Results of operations on long-lived arrays land in those arrays' managers: move them. */
  private static NDArray tmp(NDArray a, NDManager scope) {
    a.attach(scope);
    return a;
  }

  /** The first moment of {@code name}, copied out. */
  public float[] firstMoment(String name) {
    return moment(m, name);
  }

  /** The second moment of {@code name}, copied out. */
  public float[] secondMoment(String name) {
    return moment(v, name);
  }

  private static float[] moment(Map<String, NDArray> map, String name) {
    NDArray a = map.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'");
    }
    return a.toFloatArray();
  }

  /** Hyper-parameters and step, for the checkpoint's JSON. */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "adamw");
    d.put("step", step);
    d.put("beta1", beta1);
    d.put("beta2", beta2);
    d.put("eps", eps);
    d.put("weightDecay", weightDecay);
    return d;
  }

  /** Adds the moments to {@code writer} as {@code m.NAME} and {@code v.NAME} (float32). */
  public void exportMoments(SafetensorsWriter writer) {
    for (String name : parameters.keySet()) {
      writer.add("m." + name, m.get(name));
      writer.add("v." + name, v.get(name));
    }
  }

  /**
   * Restores the moments from {@code reader} (as {@link #exportMoments} wrote them) and the step
   * count. Every parameter must be there with its shape, and nothing else.
   *
   * @throws IllegalStateException naming the parameter that does not match
   */
  public void importState(SafetensorsReader reader, long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (reader.names().size() != 2 * parameters.size()) {
      throw new IllegalStateException(reader.file() + " holds " + reader.names().size()
          + " moments, the model has " + parameters.size() + " trainable parameters (x2)");
    }
    for (String name : parameters.keySet()) {
      load(reader, "m." + name, m.get(name));
      load(reader, "v." + name, v.get(name));
    }
    this.step = step;
  }

  private static void load(SafetensorsReader reader, String key, NDArray into) {
    if (!reader.contains(key)) {
      throw new IllegalStateException(reader.file() + " has no optimizer moment '" + key + "'");
    }
    TensorInfo t = reader.info(key);
    if (!Arrays.equals(t.shape(), into.getShape().getShape())) {
      throw new IllegalStateException(reader.file() + ": moment '" + key + "' has shape "
          + Arrays.toString(t.shape()) + ", the parameter " + into.getShape());
    }
    Tensors.copyInto(into, reader.bytes(key));
  }

  @Override
  public void close() {
    stateManager.close();
  }
}
