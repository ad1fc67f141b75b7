package io.llmtrain.core.compute;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.util.cuda.CudaUtils;
import io.llmtrain.core.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chooses where tensors live. {@code auto} takes every visible GPU and falls back to the CPU, so
 * the same code trains on a laptop and on a GPU host; an explicit choice that cannot be honoured
 * fails instead of silently running somewhere else.
 */
public final class Devices {
  private Devices() {
  }

  /** The DJL engine llmtrain computes with. */
  public static final String ENGINE = "PyTorch";

  /**
   * The PyTorch engine when it is on the class path, else DJL's default. Explicit because the
   * Hugging Face tokenizers jar registers a Rust engine too, which can become the default and
   * cannot train.
   */
  public static Engine engine() {
    return Engine.hasEngine(ENGINE) ? Engine.getEngine(ENGINE) : Engine.getInstance();
  }

  /**
   * A root NDManager of the PyTorch engine on {@code device}; the caller closes it.
   *
   * @throws ConfigException when the PyTorch engine is not on the class path
   */
  public static NDManager newManager(Device device) {
    if (!Engine.hasEngine(ENGINE)) {
      throw new ConfigException("Training and inference need DJL's PyTorch engine: add "
          + "ai.djl.pytorch:pytorch-engine and a native library (ai.djl.pytorch:pytorch-native-cpu "
          + "with classifier linux-x86_64, or a CUDA build; see docs/gpu.md); engines found: "
          + Engine.getAllEngines());
    }
    return engine().newBaseManager(device);
  }

  /**
   * Resolves a device specification: {@code auto}, {@code cpu}, {@code gpu} (all GPUs) or
   * {@code gpu:0,2}.
   */
  public static List<Device> resolve(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int gpus = engine().getGpuCount();
    if (s.equals("auto")) {
      return gpus > 0 ? allGpus(gpus) : List.of(Device.cpu());
    }
    if (s.equals("cpu")) {
      return List.of(Device.cpu());
    }
    if (s.equals("gpu") || s.startsWith("gpu:")) {
      if (gpus == 0) {
        throw new ConfigException("device '" + spec + "' asks for a GPU but the "
            + engine().getEngineName() + " engine sees none; use 'auto' or 'cpu', "
            + "or put a CUDA native library on the class path (see docs/gpu.md)");
      }
      if (s.equals("gpu")) {
        return allGpus(gpus);
      }
      List<Device> out = new ArrayList<>();
      for (String id : s.substring(4).split(",")) {
        int n;
        try {
          n = Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
          throw new ConfigException("device '" + spec + "': '" + id + "' is not a GPU number");
        }
        if (n < 0 || n >= gpus) {
          throw new ConfigException("device '" + spec + "': GPU " + n + " does not exist; "
              + gpus + " visible (0 to " + (gpus - 1) + ")");
        }
        out.add(Device.gpu(n));
      }
      return List.copyOf(out);
    }
    throw new ConfigException("unknown device '" + spec + "'; use auto, cpu, gpu or gpu:0,1");
  }

  private static List<Device> allGpus(int count) {
    List<Device> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(Device.gpu(i));
    }
    return List.copyOf(out);
  }

  /** One line for logs and {@code llmtrain env}: engine, its version, and what it can see. */
  public static String describe() {
    Engine e = engine();
    return e.getEngineName() + " " + e.getVersion() + ", " + e.getGpuCount() + " GPU(s), auto -> "
        + resolve("auto");
  }

  /**
   * The type the forward and backward passes compute in for a precision setting ({@code auto},
   * {@code fp32}, {@code bf16}) on {@code devices}: {@code auto} is bfloat16 when every device is
   * a GPU of compute capability 8.0 or newer (Ampere and later, where bf16 runs on tensor cores),
   * else float32.
   *
   * @throws ConfigException for {@code bf16} on a CPU: DJL 0.36's PyTorch CPU build aborts the
   *     whole JVM (std::terminate) on the first bfloat16 tensor, so this is refused up front
   */
  public static DataType computeType(String precision, List<Device> devices) {
    switch (precision) {
      case "fp32":
        return DataType.FLOAT32;
      case "bf16":
        for (Device d : devices) {
          if (!d.isGpu()) {
            throw new ConfigException("precision 'bf16' needs GPUs, but " + d + " is a CPU: "
                + "DJL's PyTorch CPU build aborts the JVM on bfloat16 tensors; use fp32 (or "
                + "auto) on the CPU");
          }
        }
        return DataType.BFLOAT16;
      case "auto":
        for (Device d : devices) {
          if (!d.isGpu() || computeCapability(d.getDeviceId()) < 80) {
            return DataType.FLOAT32;
          }
        }
        return DataType.BFLOAT16;
      default:
        throw new ConfigException("precision must be auto, fp32 or bf16, got '" + precision
            + "'");
    }
  }

  /** CUDA compute capability as major*10+minor (80 for an A100), 0 when unknown. */
  private static int computeCapability(int gpu) {
    try {
      return Integer.parseInt(CudaUtils.getComputeCapability(gpu));
    } catch (RuntimeException e) {
      // no CUDA runtime or an unparsable answer: not a bf16 device as far as we can tell
      return 0;
    }
  }
}
