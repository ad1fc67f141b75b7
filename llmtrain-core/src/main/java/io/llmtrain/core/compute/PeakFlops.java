package io.llmtrain.core.compute;

import ai.djl.Device;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An estimate of a device's peak FLOP/s, the denominator of model FLOPs utilisation (MFU).
 *
 * <p>MFU = tokens/s × FLOPs per token / peak FLOP/s, where a training token costs {@code 6N +
 * 12·L·H·Q·T} FLOPs (N parameters without embeddings, L layers, H heads, Q head size, T context:
 * forward plus backward of the matrix multiplications and of attention, as in the PaLM paper's
 * appendix B); see {@code CausalLanguageModel#flopsPerToken()}. MFU counts only the model's
 * necessary arithmetic, so recomputation or padding lowers it rather than inflating it.
 *
 * <p>GPUs: a table of dense (no 2:4 sparsity) vendor peaks by name, for 16-bit tensor-core
 * arithmetic ({@link Precision#HALF}: bf16, or fp16 where the GPU has no bf16) and for plain fp32
 * (CUDA cores; PyTorch does not use TF32 for matrix multiplications by default). CPUs: physical
 * cores × clock × FLOPs per cycle from the vector extensions in the CPU flags. Every estimate can
 * be overridden (a measured figure, or a device this class does not know); unknown devices give 0,
 * which listeners show as "MFU unknown" rather than a made-up number.
 */
public final class PeakFlops {
  private static final Logger LOG = LoggerFactory.getLogger(PeakFlops.class);

  /** The arithmetic the matrix multiplications run in. */
  public enum Precision {
    /** fp32 everywhere (the CPU path and the default). */
    FP32,
    /** bf16 (or fp16) inputs with fp32 accumulation, on tensor cores or AMX/AVX-512 BF16. */
    HALF
  }

  private record Gpu(Pattern name, double half, double fp32) {
  }

  // Order matters: specific variants (H100 PCIe, A10G) come before the names they contain.
  // Figures: NVIDIA datasheets and architecture whitepapers, dense tensor throughput; GeForce
  // cards are listed with fp32 accumulation (half the fp16-accumulate figure).
  private static final List<Gpu> GPUS = List.of(
      gpu("\\bgb200\\b|\\bb200\\b", 2250e12, 75e12),
      gpu("\\bh200\\b|\\bgh200\\b", 989e12, 67e12),
      gpu("\\bh100\\b.*\\bnvl\\b", 835e12, 60e12),
      gpu("\\bh100\\b.*\\bpcie\\b", 756e12, 51e12),
      gpu("\\bh100\\b", 989e12, 67e12),
      gpu("\\bh800\\b", 989e12, 67e12),
      gpu("\\ba100\\b|\\ba800\\b", 312e12, 19.5e12),
      gpu("\\bl40s\\b", 362e12, 91.6e12),
      gpu("\\bl40\\b", 181e12, 90.5e12),
      gpu("\\bl4\\b", 121e12, 30.3e12),
      gpu("\\ba10g\\b", 70e12, 31.2e12),
      gpu("\\ba10\\b", 125e12, 31.2e12),
      gpu("\\ba40\\b", 149.7e12, 37.4e12),
      gpu("rtx a6000|\\ba6000\\b", 154.8e12, 38.7e12),
      gpu("rtx 6000 ada", 364.2e12, 91.1e12),
      gpu("\\bv100\\b.*\\bpcie\\b", 112e12, 14e12),
      gpu("\\bv100\\b", 125e12, 15.7e12),
      gpu("\\bt4\\b", 65e12, 8.1e12),
      gpu("rtx 5090", 209.5e12, 104.8e12),
      gpu("rtx 4090", 165.2e12, 82.6e12),
      gpu("rtx 4080", 97.5e12, 48.7e12),
      gpu("rtx 3090", 71e12, 35.6e12),
      gpu("rtx 3080", 59.5e12, 29.8e12),
      gpu("mi300x", 1307e12, 163.4e12),
      gpu("mi250x", 383e12, 47.9e12));

  private PeakFlops() {
  }

  private static Gpu gpu(String regex, double half, double fp32) {
    return new Gpu(Pattern.compile(regex), half, fp32);
  }

  /**
   * Peak FLOP/s of one GPU from its name as {@code nvidia-smi} or CUDA report it (for instance
   * "NVIDIA H100 80GB HBM3", "NVIDIA A100-SXM4-80GB", "Tesla V100-SXM2-16GB"); 0 when unknown.
   */
  public static double gpu(String name, Precision precision) {
    if (name == null) {
      return 0;
    }
    // "A100-SXM4-80GB" -> "a100 sxm4 80gb", so word boundaries separate the model from the rest.
    String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    for (Gpu g : GPUS) {
      if (g.name.matcher(n).find()) {
        return precision == Precision.HALF ? g.half : g.fp32;
      }
    }
    return 0;
  }

  /**
   * FLOPs one core retires per cycle, from the {@code flags} (x86) or {@code Features} (ARM) line
   * of /proc/cpuinfo. AVX-512 assumes two FMA units (server Xeons; some parts have one, so the
   * estimate is then an upper bound, which keeps MFU from overstating): 2 units × 16 lanes × 2
   * (multiply and add) = 64 fp32 FLOPs; AVX2 with FMA 32; AVX without FMA 16; SSE 8; ARM NEON 16.
   * For {@link Precision#HALF}, AMX-BF16 gives 1024 and AVX512-BF16 128; without either the CPU
   * computes in fp32 and the fp32 figure applies.
   */
  public static int flopsPerCycle(Set<String> flags, Precision precision) {
    if (precision == Precision.HALF) {
      if (flags.contains("amx_bf16")) {
        return 1024;
      }
      if (flags.contains("avx512_bf16")) {
        return 128;
      }
    }
    if (flags.contains("avx512f")) {
      return 64;
    }
    if (flags.contains("avx2") && flags.contains("fma")) {
      return 32;
    }
    if (flags.contains("avx")) {
      return 16;
    }
    if (flags.contains("asimd")) {
      return 16;
    }
    if (flags.contains("sse2")) {
      return 8;
    }
    return 0;
  }

  /** What /proc/cpuinfo says about the CPU, for the FLOP/s estimate. */
  public record CpuInfo(String model, int physicalCores, int logicalCores, double mhz,
      Set<String> flags) {
    public CpuInfo {
      flags = Set.copyOf(flags);
    }

    /**
     * Parses /proc/cpuinfo text. Physical cores count distinct (physical id, core id) pairs, so
     * hyper-threads, which share the vector units, are not counted twice; where the kernel omits
     * those ids (ARM, some VMs) every processor counts as a core. The clock is the highest
     * "cpu MHz" listed (idle cores report lower, throttled figures).
     */
    public static CpuInfo parse(String text) {
      String model = "";
      int logical = 0;
      double mhz = 0;
      Set<String> flags = new HashSet<>();
      Set<String> cores = new HashSet<>();
      String physicalId = null;
      String coreId = null;
      for (String line : (text + "\n\n").split("\n", -1)) {
        int colon = line.indexOf(':');
        if (line.isBlank()) {
          if (physicalId != null && coreId != null) {
            cores.add(physicalId + "/" + coreId);
          }
          physicalId = null;
          coreId = null;
          continue;
        }
        if (colon < 0) {
          continue;
        }
        String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        switch (key) {
          case "processor" -> logical++;
          case "model name" -> model = model.isEmpty() ? value : model;
          case "cpu mhz" -> mhz = Math.max(mhz, parseDouble(value));
          case "flags", "features" -> {
            for (String f : value.split("\\s+")) {
              if (!f.isEmpty()) {
                flags.add(f.toLowerCase(Locale.ROOT));
              }
            }
          }
          case "physical id" -> physicalId = value;
          case "core id" -> coreId = value;
          default -> {
          }
        }
      }
      int physical = cores.isEmpty() ? logical : cores.size();
      return new CpuInfo(model, physical, logical, mhz, flags);
    }

    private static double parseDouble(String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        // A malformed clock line is treated as absent; the caller can give the clock explicitly.
        return 0;
      }
    }
  }

  /**
   * Peak FLOP/s of {@code cores} cores of this CPU: cores × clock × {@link #flopsPerCycle}.
   *
   * @param cores cores the run computes on (threads of the engine, at most the physical cores);
   *     0 or less for all physical cores
   * @param mhz clock in MHz; 0 or less for the figure in /proc/cpuinfo
   * @return 0 when the clock or the instruction set is unknown
   */
  public static double cpu(CpuInfo info, int cores, double mhz, Precision precision) {
    int n = cores > 0 ? Math.min(cores, info.physicalCores()) : info.physicalCores();
    double clock = mhz > 0 ? mhz : info.mhz();
    return n * clock * 1e6 * flopsPerCycle(info.flags(), precision);
  }

  /** Reads /proc/cpuinfo; empty where there is none (not Linux) or it cannot be read. */
  public static Optional<CpuInfo> readCpuInfo() {
    Path p = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(CpuInfo.parse(Files.readString(p, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      LOG.warn("cannot read {}; MFU will be reported as unknown: {}", p, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The name of GPU {@code index} from {@code nvidia-smi}; empty when it is not installed or does
   * not answer within a few seconds.
   */
  public static Optional<String> gpuName(int index) {
    ProcessBuilder pb = new ProcessBuilder("nvidia-smi", "--query-gpu=name",
        "--format=csv,noheader", "--id=" + index).redirectErrorStream(true);
    try {
      Process process = pb.start();
      try (InputStream in = process.getInputStream()) {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          LOG.warn("nvidia-smi did not answer in 5 s; GPU peak FLOP/s unknown");
          return Optional.empty();
        }
        String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        return process.exitValue() == 0 && !out.isEmpty()
            ? Optional.of(out.lines().findFirst().orElse(out)) : Optional.empty();
      }
    } catch (IOException e) {
      LOG.debug("nvidia-smi not available: {}", e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * Peak FLOP/s of the devices a run trains on, summed (data parallelism over several GPUs).
   *
   * @param override a configured figure for the whole set of devices; used as is when positive
   * @param cpuThreads threads the engine computes with on the CPU (0: the processors available
   *     to the JVM); counted at most up to the physical cores
   * @return 0 when unknown
   */
  public static double forDevices(List<Device> devices, Precision precision, double override,
      int cpuThreads) {
    if (override > 0) {
      return override;
    }
    double total = 0;
    for (Device d : devices) {
      double peak;
      if (d.isGpu()) {
        peak = gpuName(d.getDeviceId()).map(n -> gpu(n, precision)).orElse(0.0);
      } else {
        // /proc/cpuinfo lists the host's cores even in a container limited to a few; the JVM
        // knows the limit.
        int cores = cpuThreads > 0 ? cpuThreads : Runtime.getRuntime().availableProcessors();
        peak = readCpuInfo().map(i -> cpu(i, cores, 0, precision)).orElse(0.0);
      }
      if (peak <= 0) {
        // One unknown device makes the sum meaningless; report unknown rather than too little.
        return 0;
      }
      total += peak;
    }
    return total;
  }
}
