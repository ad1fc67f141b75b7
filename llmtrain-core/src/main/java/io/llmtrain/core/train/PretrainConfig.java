package io.llmtrain.core.train;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a model is pretrained: steps, batches, optimizer, schedule, evaluation, early stopping and
 * checkpoints. Immutable; build with {@link #builder()} or read with {@link #fromParams}; every
 * value is checked on {@code build()} and an error names the field.
 *
 * <p>One optimizer step consumes {@code gradAccum} micro-batches of {@code batchSize} windows of
 * {@code blockSize} tokens, so the effective batch is {@code batchSize·gradAccum} windows.
 */
public final class PretrainConfig {

  /** The shape of the learning rate over the run. */
  public enum Schedule {
    /** Linear warm-up, then cosine decay to {@code minLr} at the last step (nanoGPT). */
    COSINE,
    /** Linear warm-up, then {@code lr} throughout. */
    CONSTANT;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final long steps;
  private final int batchSize;
  private final int blockSize;
  private final int gradAccum;
  private final double lr;
  private final double minLr;
  private final long warmupSteps;
  private final Schedule schedule;
  private final double weightDecay;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double gradClip;
  private final long evalEvery;
  private final int evalBatches;
  private final int earlyStoppingPatience;
  private final long checkpointEvery;
  private final int keepCheckpoints;
  private final long seed;
  private final double validationFraction;
  /** The values of {@link #precision()}. */
  public static final List<String> PRECISIONS = List.of("auto", "fp32", "bf16");

  private final String device;
  private final String precision;
  private final double peakFlops;

  private PretrainConfig(Builder b) {
    steps = b.steps;
    batchSize = b.batchSize;
    blockSize = b.blockSize;
    gradAccum = b.gradAccum;
    lr = b.lr;
    minLr = b.minLr != null ? b.minLr : b.lr / 10;
    warmupSteps = b.warmupSteps;
    schedule = b.schedule;
    weightDecay = b.weightDecay;
    beta1 = b.beta1;
    beta2 = b.beta2;
    eps = b.eps;
    gradClip = b.gradClip;
    evalEvery = b.evalEvery;
    evalBatches = b.evalBatches;
    earlyStoppingPatience = b.earlyStoppingPatience;
    checkpointEvery = b.checkpointEvery;
    keepCheckpoints = b.keepCheckpoints;
    seed = b.seed;
    validationFraction = b.validationFraction;
    device = b.device;
    precision = b.precision;
    peakFlops = b.peakFlops;
    validate();
  }

  private static ConfigException bad(String field, String problem) {
    return new ConfigException("pretrain config: '" + field + "' " + problem);
  }

  private static void positive(String field, long v) {
    if (v < 1) {
      throw bad(field, "must be >= 1, got " + v);
    }
  }

  private static void nonNegative(String field, long v) {
    if (v < 0) {
      throw bad(field, "must be >= 0, got " + v);
    }
  }

  private static void range(String field, double v, double min, double max, boolean openMax) {
    if (!(v >= min && (openMax ? v < max : v <= max))) {
      throw bad(field, "must be in [" + min + ", " + max + (openMax ? ")" : "]") + ", got " + v);
    }
  }

  private void validate() {
    positive("steps", steps);
    positive("batchSize", batchSize);
    positive("blockSize", blockSize);
    positive("gradAccum", gradAccum);
    range("lr", lr, 0, 10, false);
    range("minLr", minLr, 0, lr, false);
    nonNegative("warmupSteps", warmupSteps);
    if (warmupSteps > steps) {
      throw bad("warmupSteps", "must be <= steps (" + steps + "), got " + warmupSteps);
    }
    if (schedule == null) {
      throw bad("schedule", "must be cosine or constant");
    }
    range("weightDecay", weightDecay, 0, 1, true);
    range("beta1", beta1, 0, 1, true);
    range("beta2", beta2, 0, 1, true);
    if (!(eps > 0 && eps < 1)) {
      throw bad("eps", "must be in (0, 1), got " + eps);
    }
    range("gradClip", gradClip, 0, Double.MAX_VALUE, false);
    nonNegative("evalEvery", evalEvery);
    positive("evalBatches", evalBatches);
    nonNegative("earlyStoppingPatience", earlyStoppingPatience);
    if (earlyStoppingPatience > 0 && evalEvery == 0) {
      throw bad("earlyStoppingPatience", "needs evaluations: set evalEvery > 0");
    }
    nonNegative("checkpointEvery", checkpointEvery);
    positive("keepCheckpoints", keepCheckpoints);
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw bad("validationFraction", "must be in (0, 1), got " + validationFraction);
    }
    if (device == null || device.isBlank()) {
      throw bad("device", "must be auto, cpu, gpu or gpu:N[,M...]");
    }
    if (!PRECISIONS.contains(precision)) {
      throw bad("precision", "must be one of " + PRECISIONS + ", got '" + precision + "'");
    }
    range("peakFlops", peakFlops, 0, Double.MAX_VALUE, false);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder().steps(steps).batchSize(batchSize).blockSize(blockSize)
        .gradAccum(gradAccum).lr(lr).minLr(minLr).warmupSteps(warmupSteps).schedule(schedule)
        .weightDecay(weightDecay).beta1(beta1).beta2(beta2).eps(eps).gradClip(gradClip)
        .evalEvery(evalEvery).evalBatches(evalBatches)
        .earlyStoppingPatience(earlyStoppingPatience).checkpointEvery(checkpointEvery)
        .keepCheckpoints(keepCheckpoints).seed(seed).validationFraction(validationFraction)
        .device(device).precision(precision).peakFlops(peakFlops);
  }

  /** Reads a configuration; absent keys take the defaults, unknown keys are refused. */
  public static PretrainConfig fromParams(Params p) {
    Builder b = builder();
    b.steps(p.getLong("steps", b.steps, 1, Long.MAX_VALUE))
        .batchSize(p.getInt("batchSize", b.batchSize, 1, Integer.MAX_VALUE))
        .blockSize(p.getInt("blockSize", b.blockSize, 1, Integer.MAX_VALUE))
        .gradAccum(p.getInt("gradAccum", b.gradAccum, 1, Integer.MAX_VALUE))
        .lr(p.getDouble("lr", b.lr, 0, 10));
    if (p.has("minLr")) {
      b.minLr(p.getDouble("minLr", 0, 0, 10));
    }
    String sched = p.getString("schedule", b.schedule.label());
    Schedule s = null;
    for (Schedule x : Schedule.values()) {
      if (x.label().equals(sched)) {
        s = x;
      }
    }
    if (s == null) {
      throw bad("schedule", "must be cosine or constant, got '" + sched + "'");
    }
    b.schedule(s)
        .warmupSteps(p.getLong("warmupSteps", b.warmupSteps, 0, Long.MAX_VALUE))
        .weightDecay(p.getDouble("weightDecay", b.weightDecay, 0, 1))
        .beta1(p.getDouble("beta1", b.beta1, 0, 1))
        .beta2(p.getDouble("beta2", b.beta2, 0, 1))
        .eps(p.getDouble("eps", b.eps, 0, 1))
        .gradClip(p.getDouble("gradClip", b.gradClip, 0, Double.MAX_VALUE))
        .evalEvery(p.getLong("evalEvery", b.evalEvery, 0, Long.MAX_VALUE))
        .evalBatches(p.getInt("evalBatches", b.evalBatches, 1, Integer.MAX_VALUE))
        .earlyStoppingPatience(p.getInt("earlyStoppingPatience", b.earlyStoppingPatience, 0,
            Integer.MAX_VALUE))
        .checkpointEvery(p.getLong("checkpointEvery", b.checkpointEvery, 0, Long.MAX_VALUE))
        .keepCheckpoints(p.getInt("keepCheckpoints", b.keepCheckpoints, 1, Integer.MAX_VALUE))
        .seed(p.getLong("seed", b.seed, Long.MIN_VALUE, Long.MAX_VALUE))
        .validationFraction(p.getDouble("validationFraction", b.validationFraction, 0, 1))
        .device(p.getString("device", b.device))
        .precision(p.getString("precision", b.precision))
        .peakFlops(p.getDouble("peakFlops", b.peakFlops, 0, Double.MAX_VALUE));
    p.finish();
    return b.build();
  }

  /** Every value under its camelCase key, as {@link #fromParams} reads them. */
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("steps", steps);
    m.put("batchSize", batchSize);
    m.put("blockSize", blockSize);
    m.put("gradAccum", gradAccum);
    m.put("lr", lr);
    m.put("minLr", minLr);
    m.put("warmupSteps", warmupSteps);
    m.put("schedule", schedule.label());
    m.put("weightDecay", weightDecay);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("eps", eps);
    m.put("gradClip", gradClip);
    m.put("evalEvery", evalEvery);
    m.put("evalBatches", evalBatches);
    m.put("earlyStoppingPatience", earlyStoppingPatience);
    m.put("checkpointEvery", checkpointEvery);
    m.put("keepCheckpoints", keepCheckpoints);
    m.put("seed", seed);
    m.put("validationFraction", validationFraction);
    m.put("device", device);
    m.put("precision", precision);
    m.put("peakFlops", peakFlops);
    return m;
  }

  /** The learning-rate schedule these settings describe, decaying over {@link #steps}. */
  public LearningRateSchedule learningRateSchedule() {
    if (schedule == Schedule.CONSTANT) {
      return step -> step < warmupSteps ? lr * (step + 1) / (warmupSteps + 1) : lr;
    }
    return LearningRateSchedule.cosine(lr, minLr, warmupSteps, steps);
  }

  /** Windows per optimizer step (all micro-batches). */
  public long effectiveBatchSize() {
    return (long) batchSize * gradAccum;
  }

  public long steps() {
    return steps;
  }

  public int batchSize() {
    return batchSize;
  }

  public int blockSize() {
    return blockSize;
  }

  public int gradAccum() {
    return gradAccum;
  }

  public double lr() {
    return lr;
  }

  public double minLr() {
    return minLr;
  }

  public long warmupSteps() {
    return warmupSteps;
  }

  public Schedule schedule() {
    return schedule;
  }

  public double weightDecay() {
    return weightDecay;
  }

  public double beta1() {
    return beta1;
  }

  public double beta2() {
    return beta2;
  }

  public double eps() {
    return eps;
  }

  /** Largest global gradient norm; 0 turns clipping off. */
  public double gradClip() {
    return gradClip;
  }

  /** Steps between evaluations; 0 evaluates only at the end. */
  public long evalEvery() {
    return evalEvery;
  }

  public int evalBatches() {
    return evalBatches;
  }

  /** Evaluations without a new best validation loss before stopping; 0 never stops early. */
  public int earlyStoppingPatience() {
    return earlyStoppingPatience;
  }

  /** Steps between checkpoints; 0 writes one only at the end. */
  public long checkpointEvery() {
    return checkpointEvery;
  }

  public int keepCheckpoints() {
    return keepCheckpoints;
  }

  public long seed() {
    return seed;
  }

  public double validationFraction() {
    return validationFraction;
  }

  public String device() {
    return device;
  }

  /**
   * What the forward and backward passes compute in: {@code fp32}, {@code bf16} (bfloat16
   * replicas, float32 master weights for the optimizer; GPUs only) or {@code auto} (bf16 on GPUs
   * of compute capability 8.0 or newer, else fp32).
   */
  public String precision() {
    return precision;
  }

  /** Peak FLOP/s of the device for MFU; 0 when unknown. */
  public double peakFlops() {
    return peakFlops;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PretrainConfig c && params().equals(c.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return "PretrainConfig" + params();
  }

  /** Mutable settings; {@link #build()} checks them. Defaults follow nanoGPT where it has one. */
  public static final class Builder {
    private long steps = 1000;
    private int batchSize = 16;
    private int blockSize = 128;
    private int gradAccum = 1;
    private double lr = 6e-4;
    private Double minLr;
    private long warmupSteps = 0;
    private Schedule schedule = Schedule.COSINE;
    private double weightDecay = 0.1;
    private double beta1 = 0.9;
    private double beta2 = 0.95;
    private double eps = 1e-8;
    private double gradClip = 1.0;
    private long evalEvery = 100;
    private int evalBatches = 20;
    private int earlyStoppingPatience = 0;
    private long checkpointEvery = 500;
    private int keepCheckpoints = 3;
    private long seed = 1337;
    private double validationFraction = 0.1;
    private String device = "auto";
    private String precision = "auto";
    private double peakFlops = 0;

    private Builder() {
    }

    public Builder steps(long v) {
      steps = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder blockSize(int v) {
      blockSize = v;
      return this;
    }

    public Builder gradAccum(int v) {
      gradAccum = v;
      return this;
    }

    public Builder lr(double v) {
      lr = v;
      return this;
    }

    /** Floor of the cosine decay; defaults to {@code lr / 10}. */
    public Builder minLr(double v) {
      minLr = v;
      return this;
    }

    public Builder warmupSteps(long v) {
      warmupSteps = v;
      return this;
    }

    public Builder schedule(Schedule v) {
      schedule = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder beta1(double v) {
      beta1 = v;
      return this;
    }

    public Builder beta2(double v) {
      beta2 = v;
      return this;
    }

    public Builder eps(double v) {
      eps = v;
      return this;
    }

    public Builder gradClip(double v) {
      gradClip = v;
      return this;
    }

    public Builder evalEvery(long v) {
      evalEvery = v;
      return this;
    }

    public Builder evalBatches(int v) {
      evalBatches = v;
      return this;
    }

    public Builder earlyStoppingPatience(int v) {
      earlyStoppingPatience = v;
      return this;
    }

    public Builder checkpointEvery(long v) {
      checkpointEvery = v;
      return this;
    }

    public Builder keepCheckpoints(int v) {
      keepCheckpoints = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    public Builder device(String v) {
      device = Objects.requireNonNull(v, "device");
      return this;
    }

    /** {@code auto}, {@code fp32} or {@code bf16}; see {@link PretrainConfig#precision()}. */
    public Builder precision(String v) {
      precision = Objects.requireNonNull(v, "precision");
      return this;
    }

    public Builder peakFlops(double v) {
      peakFlops = v;
      return this;
    }

    public PretrainConfig build() {
      return new PretrainConfig(this);
    }
  }
}
