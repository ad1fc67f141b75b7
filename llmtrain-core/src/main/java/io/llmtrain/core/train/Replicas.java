package io.llmtrain.core.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.model.GptModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of a master model that do the forward and backward passes: one per device, in the
 * compute precision. The master keeps float32 weights for the optimizer ("master weights"), so
 * updates far smaller than a bfloat16 step (8 bits of mantissa) still accumulate; after each
 * update the replicas are refreshed from it. With several devices this is data parallelism: each
 * replica takes an equal share of every batch, and the gradients are summed on the master's
 * device before one optimizer step, which is what {@code DistributedDataParallel} computes on one
 * host.
 *
 * <p>The reduction is a plain copy to the master's device and a sum, not a ring all-reduce: on
 * one host with a few GPUs and models of this size the copies are small next to the compute.
 */
public final class Replicas implements AutoCloseable {
  private final GptModel master;
  private final List<GptModel> models = new ArrayList<>();
  private final List<NDManager> managers = new ArrayList<>();
  private final List<Map<String, Parameter>> parameters = new ArrayList<>();
  private final Map<String, Parameter> masterParameters;
  private final DataType dataType;

  private Replicas(GptModel master, List<Device> devices, DataType dataType) {
    this.master = requireNonNull(master, "master");
    this.dataType = requireNonNull(dataType, "dataType");
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("replicas need at least one device");
    }
    if (master.dataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException("the master model must hold float32 weights, not "
          + master.dataType());
    }
    this.masterParameters = NamedParameters.trainable(master.block());
    try {
      for (Device d : devices) {
        NDManager m = Devices.newManager(d);
        managers.add(m);
        // the seed only fills values that pull() overwrites at once
        GptModel replica = GptModel.create(master.config(), m, 0, dataType);
        models.add(replica);
        parameters.add(NamedParameters.trainable(replica.block()));
      }
      pull();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * One replica of {@code master} (float32 weights) per device, computing in {@code dataType}
   * ({@code FLOAT32} or {@code BFLOAT16}). Several replicas may share a device (used by the
   * tests on one CPU).
   */
  public static Replicas of(GptModel master, List<Device> devices, DataType dataType) {
    return new Replicas(master, List.copyOf(devices), dataType);
  }

  public int size() {
    return models.size();
  }

  public GptModel model(int i) {
    return models.get(i);
  }

  public NDManager manager(int i) {
    return managers.get(i);
  }

  public DataType dataType() {
    return dataType;
  }

  /** Copies the master's weights into every replica, rounded to the compute precision. */
  public void pull() {
    for (int r = 0; r < models.size(); r++) {
      Device d = managers.get(r).getDevice();
      for (Map.Entry<String, Parameter> e : masterParameters.entrySet()) {
        NDArray target = parameters.get(r).get(e.getKey()).getArray();
        try (NDManager scratch = managers.get(r).newSubManager()) {
          // results of operations on the master's arrays land in the master's manager: each
          // one moves to the scratch scope at once (never the master's own array, which
          // toDevice/toType may return as it is)
          NDArray src = e.getValue().getArray();
          if (!src.getDevice().equals(d)) {
            src = src.toDevice(d, false);
            src.attach(scratch);
          }
          if (src.getDataType() != dataType) {
            src = src.toType(dataType, false);
            src.attach(scratch);
          }
          // in place, so the parameter keeps its array and its gradient buffer
          target.muli(0).addi(src);
        }
      }
    }
  }

  /**
   * The sum over replicas of each parameter's gradient, in float32 on the master's device,
   * attached to {@code scope}; then zeroes the replicas' gradient buffers (the engine adds the
   * next backward pass onto them).
   */
  public Map<String, NDArray> reduceGradients(NDManager scope) {
    Device home = scope.getDevice();
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (String name : masterParameters.keySet()) {
      NDArray sum = null;
      for (int r = 0; r < parameters.size(); r++) {
        NDArray p = parameters.get(r).get(name).getArray();
        if (!p.hasGradient()) {
          continue;
        }
        NDArray moved;
        try (NDManager scratch = managers.get(r).newSubManager()) {
          // getGradient wraps the buffer in a new array of the parameter's manager: scope it
          NDArray g = p.getGradient();
          g.attach(scratch);
          // a copy: toType may alias when the type already matches, and g is zeroed below
          NDArray cast = g.getDataType() == DataType.FLOAT32 ? g.duplicate()
              : g.toType(DataType.FLOAT32, false);
          cast.attach(scratch);
          moved = cast.toDevice(home, false);
          moved.attach(scope);
          g.muli(0);
        }
        if (sum == null) {
          sum = moved;
        } else {
          sum.addi(moved);
        }
      }
      if (sum != null) {
        out.put(name, sum);
      }
    }
    return out;
  }

  @Override
  public void close() {
    RuntimeException first = null;
    for (NDManager m : managers) {
      try {
        m.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    managers.clear();
    if (first != null) {
      throw first;
    }
  }
}
