package io.llmtrain.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.compute.Devices;
import io.llmtrain.core.spi.Params;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleAndConfigTest {

  @Test
  void cosineScheduleWarmsUpLinearlyThenDecaysToTheFloor() {
    LearningRateSchedule s = LearningRateSchedule.cosine(1e-3, 1e-4, 10, 110);
    assertThat(s.learningRate(0)).isCloseTo(1e-3 / 11, within(1e-15));
    assertThat(s.learningRate(4)).isCloseTo(5e-3 / 11, within(1e-15));
    assertThat(s.learningRate(9)).isCloseTo(10e-3 / 11, within(1e-15));
    assertThat(s.learningRate(10)).isCloseTo(1e-3, within(1e-15));
    // Halfway through the decay the cosine is at 0: the mean of peak and floor.
    assertThat(s.learningRate(60)).isCloseTo(5.5e-4, within(1e-15));
    // A quarter: min + (1 + cos(pi/4))/2 * (peak - min).
    assertThat(s.learningRate(35)).isCloseTo(1e-4 + 0.5 * (1 + Math.sqrt(0.5)) * 9e-4,
        within(1e-15));
    assertThat(s.learningRate(110)).isEqualTo(1e-4);
    assertThat(s.learningRate(5000)).isEqualTo(1e-4);
    assertThat(LearningRateSchedule.constant(3e-4).learningRate(123)).isEqualTo(3e-4);
    PretrainConfig c = PretrainConfig.builder().steps(100).lr(1e-3).warmupSteps(4)
        .schedule(PretrainConfig.Schedule.CONSTANT).build();
    assertThat(c.learningRateSchedule().learningRate(1)).isCloseTo(2e-3 / 5, within(1e-15));
    assertThat(c.learningRateSchedule().learningRate(50)).isEqualTo(1e-3);
  }

  @Test
  void configRoundTripsThroughParamsWithDefaults() {
    PretrainConfig c = PretrainConfig.builder().steps(50).batchSize(4).blockSize(32)
        .gradAccum(2).lr(1e-3).warmupSteps(5).evalEvery(10).earlyStoppingPatience(3)
        .checkpointEvery(25).keepCheckpoints(2).seed(9).device("cpu").precision("fp32").build();
    assertThat(c.minLr()).isCloseTo(1e-4, within(1e-18));
    assertThat(c.weightDecay()).isEqualTo(0.1);
    assertThat(c.beta2()).isEqualTo(0.95);
    assertThat(c.gradClip()).isEqualTo(1.0);
    assertThat(c.effectiveBatchSize()).isEqualTo(8);
    PretrainConfig back = PretrainConfig.fromParams(Params.of("pretrain", c.params()));
    assertThat(back).isEqualTo(c);
    Map<String, Object> strings = new HashMap<>();
    c.params().forEach((k, v) -> strings.put(k, String.valueOf(v)));
    assertThat(PretrainConfig.fromParams(Params.of("pretrain", strings))).isEqualTo(c);
  }

  @Test
  void invalidValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> PretrainConfig.builder().steps(0).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("'steps'");
    assertThatThrownBy(() -> PretrainConfig.builder().steps(10).warmupSteps(11).build())
        .hasMessageContaining("'warmupSteps'");
    assertThatThrownBy(() -> PretrainConfig.builder().lr(1e-3).minLr(1e-2).build())
        .hasMessageContaining("'minLr'");
    assertThatThrownBy(() -> PretrainConfig.builder().beta2(1.0).build())
        .hasMessageContaining("'beta2'");
    assertThatThrownBy(() -> PretrainConfig.builder().validationFraction(0).build())
        .hasMessageContaining("'validationFraction'");
    assertThatThrownBy(() -> PretrainConfig.builder().evalEvery(0).earlyStoppingPatience(2)
        .build()).hasMessageContaining("'earlyStoppingPatience'");
    assertThatThrownBy(() -> PretrainConfig.builder().keepCheckpoints(0).build())
        .hasMessageContaining("'keepCheckpoints'");
    assertThatThrownBy(() -> PretrainConfig.fromParams(Params.of("pretrain",
        Map.of("stepz", 3)))).isInstanceOf(ConfigException.class).hasMessageContaining("stepz");
    assertThatThrownBy(() -> PretrainConfig.fromParams(Params.of("pretrain",
        Map.of("schedule", "linear")))).hasMessageContaining("'schedule'");
    assertThatThrownBy(() -> PretrainConfig.builder().precision("fp8").build())
        .hasMessageContaining("'precision'").hasMessageContaining("bf16");
  }

  @Test
  void precisionResolvesPerDeviceAndRefusesBfloat16OnTheCpu() {
    List<Device> cpu = List.of(Device.cpu());
    assertThat(Devices.computeType("auto", cpu)).isEqualTo(DataType.FLOAT32);
    assertThat(Devices.computeType("fp32", cpu)).isEqualTo(DataType.FLOAT32);
    // DJL's CPU build aborts the JVM on bf16 tensors: refused before any tensor exists
    assertThatThrownBy(() -> Devices.computeType("bf16", cpu))
        .isInstanceOf(ConfigException.class).hasMessageContaining("needs GPUs");
  }
}
