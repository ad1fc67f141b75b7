package io.llmtrain.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import io.llmtrain.core.compute.PeakFlops.CpuInfo;
import io.llmtrain.core.compute.PeakFlops.Precision;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeakFlopsTest {

  /** Two processors per core (hyper-threading), two cores, one socket, as on a 2-vCPU cloud VM. */
  private static String cpuinfo(String flags, String... mhz) {
    StringBuilder sb = new StringBuilder();
    int[] cores = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
      sb.append("processor\t: ").append(i).append('\n')
          .append("vendor_id\t: GenuineIntel\n")
          .append("model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz\n")
          .append("cpu MHz\t\t: ").append(mhz[i % mhz.length]).append('\n')
          .append("physical id\t: 0\n")
          .append("core id\t\t: ").append(cores[i]).append('\n')
          .append("flags\t\t: ").append(flags).append('\n')
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  void parsesCoresClockAndFlagsFromCpuinfo() {
    CpuInfo info = CpuInfo.parse(cpuinfo("fpu sse2 avx avx2 fma avx512f avx512bw", "2900.000",
        "3500.125"));
    assertThat(info.logicalCores()).isEqualTo(4);
    assertThat(info.physicalCores()).isEqualTo(2);
    assertThat(info.mhz()).isEqualTo(3500.125);
    assertThat(info.model()).contains("8375C");
    assertThat(info.flags()).contains("avx512f", "fma");
  }

  @Test
  void cpuPeakIsCoresTimesClockTimesFlopsPerCycle() {
    CpuInfo avx512 = CpuInfo.parse(cpuinfo("sse2 avx avx2 fma avx512f", "3000.0"));
    // 2 physical cores x 3 GHz x 64 fp32 FLOP/cycle.
    assertThat(PeakFlops.cpu(avx512, 0, 0, Precision.FP32)).isCloseTo(384e9, within(1.0));
    // Asking for more threads than physical cores does not count hyper-threads.
    assertThat(PeakFlops.cpu(avx512, 4, 0, Precision.FP32)).isCloseTo(384e9, within(1.0));
    assertThat(PeakFlops.cpu(avx512, 1, 2000, Precision.FP32)).isCloseTo(128e9, within(1.0));

    CpuInfo avx2 = CpuInfo.parse(cpuinfo("sse2 avx avx2 fma", "2500"));
    assertThat(PeakFlops.cpu(avx2, 0, 0, Precision.FP32)).isCloseTo(2 * 2.5e9 * 32, within(1.0));
    // No bf16 units: half precision runs at the fp32 rate.
    assertThat(PeakFlops.cpu(avx2, 0, 0, Precision.HALF)).isCloseTo(2 * 2.5e9 * 32, within(1.0));
  }

  @Test
  void flopsPerCycleFollowsTheWidestVectorUnit() {
    assertThat(PeakFlops.flopsPerCycle(Set.of("sse2"), Precision.FP32)).isEqualTo(8);
    assertThat(PeakFlops.flopsPerCycle(Set.of("sse2", "avx"), Precision.FP32)).isEqualTo(16);
    // AVX2 without FMA (rare, but some VMs mask it) cannot fuse: no 32.
    assertThat(PeakFlops.flopsPerCycle(Set.of("avx", "avx2"), Precision.FP32)).isEqualTo(16);
    assertThat(PeakFlops.flopsPerCycle(Set.of("avx", "avx2", "fma"), Precision.FP32))
        .isEqualTo(32);
    assertThat(PeakFlops.flopsPerCycle(Set.of("avx2", "fma", "avx512f"), Precision.FP32))
        .isEqualTo(64);
    assertThat(PeakFlops.flopsPerCycle(Set.of("avx512f", "avx512_bf16"), Precision.HALF))
        .isEqualTo(128);
    assertThat(PeakFlops.flopsPerCycle(Set.of("avx512f", "avx512_bf16", "amx_bf16"),
        Precision.HALF)).isEqualTo(1024);
    assertThat(PeakFlops.flopsPerCycle(Set.of("fp", "asimd"), Precision.FP32)).isEqualTo(16);
    assertThat(PeakFlops.flopsPerCycle(Set.of(), Precision.FP32)).isZero();
  }

  @Test
  void unknownCpuClockOrFlagsGiveZero() {
    CpuInfo noClock = CpuInfo.parse("processor\t: 0\nflags\t\t: avx2 fma\n");
    assertThat(noClock.physicalCores()).isEqualTo(1);
    assertThat(PeakFlops.cpu(noClock, 0, 0, Precision.FP32)).isZero();
    assertThat(PeakFlops.cpu(noClock, 0, 2000, Precision.FP32)).isEqualTo(64e9);
    CpuInfo noFlags = CpuInfo.parse("processor\t: 0\ncpu MHz\t\t: 2000\n");
    assertThat(PeakFlops.cpu(noFlags, 0, 0, Precision.FP32)).isZero();
  }

  @Test
  void gpuTableByReportedName() {
    assertThat(PeakFlops.gpu("NVIDIA A100-SXM4-80GB", Precision.HALF)).isEqualTo(312e12);
    assertThat(PeakFlops.gpu("NVIDIA A100-PCIE-40GB", Precision.FP32)).isEqualTo(19.5e12);
    assertThat(PeakFlops.gpu("NVIDIA H100 80GB HBM3", Precision.HALF)).isEqualTo(989e12);
    assertThat(PeakFlops.gpu("NVIDIA H100 PCIe", Precision.HALF)).isEqualTo(756e12);
    assertThat(PeakFlops.gpu("NVIDIA H100 NVL", Precision.HALF)).isEqualTo(835e12);
    assertThat(PeakFlops.gpu("NVIDIA H200", Precision.HALF)).isEqualTo(989e12);
    assertThat(PeakFlops.gpu("NVIDIA H200", Precision.FP32)).isEqualTo(67e12);
    assertThat(PeakFlops.gpu("NVIDIA L4", Precision.HALF)).isEqualTo(121e12);
    assertThat(PeakFlops.gpu("NVIDIA L40S", Precision.HALF)).isEqualTo(362e12);
    // A10G and A10 are different cards, and neither is an A100.
    assertThat(PeakFlops.gpu("NVIDIA A10G", Precision.HALF)).isEqualTo(70e12);
    assertThat(PeakFlops.gpu("NVIDIA A10", Precision.HALF)).isEqualTo(125e12);
    assertThat(PeakFlops.gpu("Tesla V100-SXM2-16GB", Precision.FP32)).isEqualTo(15.7e12);
    assertThat(PeakFlops.gpu("Tesla V100-PCIE-32GB", Precision.FP32)).isEqualTo(14e12);
    assertThat(PeakFlops.gpu("Tesla T4", Precision.HALF)).isEqualTo(65e12);
    assertThat(PeakFlops.gpu("NVIDIA GeForce RTX 4090", Precision.HALF)).isEqualTo(165.2e12);
    assertThat(PeakFlops.gpu("NVIDIA GeForce RTX 4090", Precision.FP32)).isEqualTo(82.6e12);
    assertThat(PeakFlops.gpu("NVIDIA GeForce GTX 1080", Precision.HALF)).isZero();
    assertThat(PeakFlops.gpu("", Precision.HALF)).isZero();
    assertThat(PeakFlops.gpu(null, Precision.HALF)).isZero();
  }

  @Test
  void overrideWinsAndCpuEstimateIsPositiveOnLinux() {
    assertThat(PeakFlops.forDevices(List.of(Device.cpu()), Precision.FP32, 1.5e12, 0))
        .isEqualTo(1.5e12);
    PeakFlops.readCpuInfo().ifPresent(info -> {
      if (info.mhz() > 0 && PeakFlops.flopsPerCycle(info.flags(), Precision.FP32) > 0) {
        assertThat(PeakFlops.forDevices(List.of(Device.cpu()), Precision.FP32, 0, 1))
            .isEqualTo(PeakFlops.cpu(info, 1, 0, Precision.FP32)).isPositive();
      }
    });
  }
}
