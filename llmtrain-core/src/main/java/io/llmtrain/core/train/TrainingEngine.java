package io.llmtrain.core.train;

import static java.util.Objects.requireNonNull;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.llmtrain.core.model.CausalLanguageModel;
import io.llmtrain.core.tokens.WindowSampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One optimizer step of next-token training: forward and backward over each micro-batch (loss
 * scaled by {@code 1/micro-batches}, gradients summed by the engine, so {@code k} micro-batches of
 * {@code B} equal one batch of {@code k·B}), the true global L2 norm of all gradients, clipping of
 * all of them by one factor when it exceeds the limit, an {@link AdamW} update, and zeroed
 * gradients.
 *
 * <p>Everything a step allocates lives in a sub-manager closed at the end of the step (each
 * micro-batch's activations in a nested one closed right after its backward pass): without that,
 * DJL keeps every step's arrays and autograd graph alive (about 150 MB per step measured on a 1M
 * model). Not thread-safe.
 */
public final class TrainingEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingEngine.class);
  private final CausalLanguageModel model;
  private final AdamW optimizer;
  private final double gradClip;
  private final NDManager manager;
  private final Device device;
  private final Map<String, Parameter> parameters;
  private final Replicas replicas;
  private long stepsRun;
  private int baseline = -1;
  private int leaked;

  /** What a step did. */
  public record StepOutcome(double loss, double gradientNorm, boolean clipped) {
  }

  /**
   * @param manager the manager the model's parameters live in (steps open sub-managers of it)
   * @param gradClip largest global gradient norm, 0 for none
   */
  public TrainingEngine(CausalLanguageModel model, AdamW optimizer, double gradClip,
      NDManager manager) {
    this(model, optimizer, gradClip, manager, null);
  }

  /**
   * An engine whose forward and backward passes run on {@code replicas} of the model (several
   * devices, or a lower precision), each taking an equal share of every batch's rows; gradients
   * are summed in float32 into {@code model}'s master weights, which the optimizer updates and
   * the replicas then copy. {@code null} computes on {@code model} itself.
   */
  public TrainingEngine(CausalLanguageModel model, AdamW optimizer, double gradClip,
      NDManager manager, Replicas replicas) {
    this.replicas = replicas;
    this.model = requireNonNull(model, "model");
    this.optimizer = requireNonNull(optimizer, "optimizer");
    this.gradClip = gradClip;
    this.manager = requireNonNull(manager, "manager");
    this.device = manager.getDevice();
    this.parameters = optimizer.parameters();
  }

  public AdamW optimizer() {
    return optimizer;
  }

  /**
   * One optimizer step over {@code microBatches} with learning rate {@code lr}.
   *
   * @return the mean loss over the micro-batches (before the update) and the gradient norm
   *     before clipping
   */
  public StepOutcome step(List<WindowSampler.Batch> microBatches, double lr) {
    if (microBatches.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one micro-batch");
    }
    if (replicas != null) {
      return stepOnReplicas(microBatches, lr);
    }
    int k = microBatches.size();
    try (NDManager scope = manager.newSubManager(device)) {
      double lossSum = 0;
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        for (WindowSampler.Batch batch : microBatches) {
          try (NDManager micro = scope.newSubManager(device)) {
            NDArray loss = loss(micro, batch, true);
            collector.backward(loss.div(k));
            lossSum += loss.getFloat();
          }
        }
      }
      Map<String, NDArray> grads = gradients(scope);
      double norm = globalNorm(grads, scope);
      boolean clipped = clip(grads, norm, gradClip);
      optimizer.update(grads, lr, scope);
      for (NDArray g : grads.values()) {
        // Zero in place: the engine adds the next backward pass onto these buffers.
        g.muli(0);
      }
      return new StepOutcome(lossSum / k, norm, clipped);
    } finally {
      watchForLeaks();
    }
  }

  private StepOutcome stepOnReplicas(List<WindowSampler.Batch> microBatches, double lr) {
    int k = microBatches.size();
    int r = replicas.size();
    try (NDManager scope = manager.newSubManager(device)) {
      double lossSum = 0;
      try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
        for (WindowSampler.Batch batch : microBatches) {
          List<WindowSampler.Batch> shares = share(batch, r);
          List<NDManager> micro = new ArrayList<>(r);
          List<NDArray> losses = new ArrayList<>(r);
          try {
            for (int i = 0; i < r; i++) {
              NDManager m = replicas.manager(i).newSubManager();
              micro.add(m);
              NDArray loss = loss(replicas.model(i), m, shares.get(i), true);
              // each share's mean loss counts 1/r of the batch's mean (equal shares)
              collector.backward(loss.div(k * r));
              losses.add(loss);
            }
            // read only after every replica has queued its work, so devices overlap
            for (NDArray loss : losses) {
              lossSum += loss.getFloat() / r;
            }
          } finally {
            for (NDManager m : micro) {
              m.close();
            }
          }
        }
      }
      Map<String, NDArray> grads = replicas.reduceGradients(scope);
      double norm = globalNorm(grads, scope);
      boolean clipped = clip(grads, norm, gradClip);
      optimizer.update(grads, lr, scope);
      replicas.pull();
      return new StepOutcome(lossSum / k, norm, clipped);
    } finally {
      watchForLeaks();
    }
  }

  /** Splits a batch's rows into {@code n} equal consecutive shares. */
  static List<WindowSampler.Batch> share(WindowSampler.Batch batch, int n) {
    if (n == 1) {
      return List.of(batch);
    }
    int b = batch.batchSize();
    if (b % n != 0) {
      throw new IllegalArgumentException("batch size " + b + " does not split evenly over " + n
          + " replicas");
    }
    int rows = b / n;
    int t = batch.blockSize();
    List<WindowSampler.Batch> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int from = i * rows;
      out.add(new WindowSampler.Batch(batch.step(), rows, t,
          Arrays.copyOfRange(batch.starts(), from, from + rows),
          Arrays.copyOfRange(batch.inputs(), from * t, (from + rows) * t),
          Arrays.copyOfRange(batch.targets(), from * t, (from + rows) * t)));
    }
    return out;
  }

  /**
   * Arrays a step leaves behind in the parameters' manager. A block whose operation starts from a
   * parameter (say {@code weight.transpose()}) gets its result attached to the parameter's
   * manager, not to the step's scope, so it outlives the step with its autograd graph. The
   * count after the second step is the baseline (the first may build caches such as a mask);
   * growth after that is reported once as a warning and by {@link #leakedArrays()}.
   */
  private void watchForLeaks() {
    stepsRun++;
    if (stepsRun < 2) {
      return;
    }
    int live = manager.getManagedArrays().size();
    if (stepsRun == 2) {
      baseline = live;
      return;
    }
    if (live > baseline + leaked) {
      if (leaked == 0) {
        LOG.warn("The model leaves {} array(s) per step in its parameters' manager (native "
            + "memory will grow every step): operations that start from a parameter attach "
            + "their result there; start them from the input or attach results to the input's "
            + "manager", live - baseline);
      }
      leaked = live - baseline;
    }
  }

  /** Arrays left in the parameters' manager since the second step (0 when none leak). */
  public int leakedArrays() {
    return leaked;
  }

  /** Mean loss over {@code batches} without gradients (the model in inference mode). */
  public double evaluate(List<WindowSampler.Batch> batches) {
    double sum = 0;
    for (WindowSampler.Batch b : batches) {
      try (NDManager scope = manager.newSubManager(device)) {
        sum += loss(scope, b, false).getFloat();
      }
    }
    return sum / batches.size();
  }

  /** Mean next-token cross-entropy of one batch; arrays go to {@code scope}. */
  NDArray loss(NDManager scope, WindowSampler.Batch batch, boolean training) {
    return loss(model, scope, batch, training);
  }

  private static NDArray loss(CausalLanguageModel model, NDManager scope,
      WindowSampler.Batch batch, boolean training) {
    Shape shape = new Shape(batch.batchSize(), batch.blockSize());
    NDArray ids = scope.create(batch.inputs(), shape);
    NDArray targets = scope.create(batch.targets(), shape);
    NDList out = model.block().forward(new ParameterStore(scope, false), new NDList(ids),
        training);
    NDArray logits = out.singletonOrThrow();
    // Arrays produced inside the block may belong to the parameters' manager: keep them here.
    out.attach(scope);
    return crossEntropy(logits, targets);
  }

  /** Mean of {@code -log softmax(logits)[target]} over every position. */
  static NDArray crossEntropy(NDArray logits, NDArray targets) {
    // in float32 whatever the compute precision: a half-precision log-softmax over a large
    // vocabulary loses the small probabilities the loss is made of. Cast by adding a float32
    // zero (type promotion): DJL's toType cuts the autograd graph.
    if (logits.getDataType() != DataType.FLOAT32) {
      logits = logits.add(logits.getManager().zeros(new Shape(1), DataType.FLOAT32));
    }
    NDArray logp = logits.logSoftmax(-1);
    NDArray idx = targets.toType(DataType.INT64, false).expandDims(-1);
    return logp.gather(idx, -1).mean().neg();
  }

  /** Each trainable parameter's gradient, wrapped in {@code scope} (shares the engine's buffer). */
  Map<String, NDArray> gradients(NDManager scope) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
      NDArray p = e.getValue().getArray();
      NDArray g = p.hasGradient() ? p.getGradient() : null;
      if (g != null) {
        // getGradient wraps the buffer in a new array registered with the parameter's manager,
        // which would keep one wrapper per parameter per step: move it to the step's scope.
        g.attach(scope);
        out.put(e.getKey(), g);
      }
    }
    return out;
  }

  /** {@code sqrt(Σ g²)} over every element of every gradient, accumulated in float64. */
  static double globalNorm(Map<String, NDArray> grads, NDManager scope) {
    double sum = 0;
    for (NDArray g : grads.values()) {
      NDArray sq = g.toType(DataType.FLOAT64, false).square().sum();
      sq.attach(scope);
      sum += sq.getDouble();
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales every gradient by {@code limit / (norm + 1e-6)} when {@code norm > limit} (PyTorch's
   * {@code clip_grad_norm_}); returns whether it did.
   */
  static boolean clip(Map<String, NDArray> grads, double norm, double limit) {
    if (limit <= 0 || !(norm > limit)) {
      return false;
    }
    double scale = limit / (norm + 1e-6);
    for (NDArray g : grads.values()) {
      g.muli(scale);
    }
    return true;
  }

  @Override
  public void close() {
    optimizer.close();
  }
}
