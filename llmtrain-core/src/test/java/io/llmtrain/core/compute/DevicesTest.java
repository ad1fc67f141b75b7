package io.llmtrain.core.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.llmtrain.core.ConfigException;
import org.junit.jupiter.api.Test;

/** Runs DJL's PyTorch engine offline, from the CPU native jar on the test class path. */
class DevicesTest {

  @Test
  void engineRunsOfflineOnTheBundledCpuLibrary() {
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      NDArray product = a.matMul(a);
      assertThat(product.toFloatArray()).containsExactly(7, 10, 15, 22);
    }
  }

  @Test
  void autoPicksEveryGpuOrFallsBackToCpu() {
    int gpus = Engine.getInstance().getGpuCount();
    if (gpus == 0) {
      assertThat(Devices.resolve("auto")).containsExactly(Device.cpu());
      assertThatThrownBy(() -> Devices.resolve("gpu"))
          .isInstanceOf(ConfigException.class).hasMessageContaining("sees none");
    } else {
      assertThat(Devices.resolve("auto")).hasSize(gpus).allMatch(Device::isGpu);
    }
    assertThat(Devices.resolve(" CPU ")).containsExactly(Device.cpu());
    assertThatThrownBy(() -> Devices.resolve("tpu")).hasMessageContaining("auto, cpu, gpu");
  }
}
