package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorConfigTest {
  @TempDir
  Path dir;

  @Test
  void paramsRoundTripAndUnknownKeysAreRefused() {
    MonitorConfig c = MonitorConfig.builder().console(MonitorConfig.Console.QUIET).logEvery(50)
        .metricsEvery(5).flushEvery(2).tensorboard(false).reportAtEachEvaluation(false)
        .peakFlops(1.5e12).build();
    MonitorConfig back = MonitorConfig.fromParams(Params.of("monitor", c.params()));
    assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(back).isNotEqualTo(MonitorConfig.defaults());
    // From strings, as the command line gives them.
    MonitorConfig s = MonitorConfig.fromParams(Params.of("monitor", Map.of("console", "lines",
        "logEvery", "7", "jsonl", "false")));
    assertThat(s.console()).isEqualTo(MonitorConfig.Console.LINES);
    assertThat(s.logEvery()).isEqualTo(7);
    assertThat(s.jsonl()).isFalse();
    assertThatThrownBy(() -> MonitorConfig.fromParams(Params.of("monitor", Map.of("logevery",
        3)))).isInstanceOf(ConfigException.class).hasMessageContaining("logevery");
    assertThatThrownBy(() -> MonitorConfig.fromParams(Params.of("monitor", Map.of("console",
        "fancy")))).hasMessageContaining("'console'");
    assertThatThrownBy(() -> MonitorConfig.builder().logEvery(0))
        .hasMessageContaining("'logEvery'");
    assertThatThrownBy(() -> MonitorConfig.builder().peakFlops(-1))
        .hasMessageContaining("'peakFlops'");
  }

  @Test
  void defaultListenersWriteTheirFilesIntoTheRunDirectory() {
    MonitorConfig c = MonitorConfig.builder().console(MonitorConfig.Console.OFF).build();
    CompositeListener all = new CompositeListener(c.listeners());
    assertThat(all.listeners()).hasSize(3);
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 0, 0);
    all.onStart(run);
    SyntheticRun.feed(all, run, 0, 10);
    all.onEnd(run, 10, null);
    assertThat(dir.resolve("metrics.jsonl")).isRegularFile();
    assertThat(dir.resolve("report.html")).isRegularFile();
    assertThat(dir.resolve("tensorboard")).isDirectoryContaining(
        p -> p.getFileName().toString().startsWith("events.out.tfevents."));
    assertThat(MonitorConfig.defaults().listeners()).hasSize(4)
        .hasAtLeastOneElementOfType(ConsoleProgressListener.class);
  }

  @Test
  void standardListenersResumeTogether() throws Exception {
    MonitorConfig c = MonitorConfig.builder().console(MonitorConfig.Console.OFF)
        .reportAtEachEvaluation(false).build();
    CompositeListener first = new CompositeListener(c.listeners());
    TrainingListener.Run run1 = SyntheticRun.run(dir, 20, 0, 0);
    first.onStart(run1);
    SyntheticRun.feed(first, run1, 0, 13);
    // Killed: no onEnd. The resumed process starts from the checkpoint at step 10.
    CompositeListener second = new CompositeListener(c.listeners());
    TrainingListener.Run run2 = SyntheticRun.run(dir, 20, 10, 0);
    second.onStart(run2);
    SyntheticRun.feed(second, run2, 10, 20);
    second.onEnd(run2, 20, null);
    // The report read steps 1-10 back from the metrics log: 20 steps in all, none twice.
    assertThat(Files.readString(dir.resolve("report.html"))).contains("<td>81,920</td>");
    assertThat(Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
        .filter(l -> l.contains("\"event\":\"step\"")).count()).isEqualTo(20);
  }

  @Test
  void compositeCallsEveryListenerAndRethrowsTheFirstFailure() {
    List<String> calls = new ArrayList<>();
    TrainingListener failing = new TrainingListener() {
      @Override
      public void onEnd(Run run, long lastStep, Throwable error) {
        calls.add("a");
        throw new IllegalStateException("disk full");
      }
    };
    TrainingListener failingToo = new TrainingListener() {
      @Override
      public void onEnd(Run run, long lastStep, Throwable error) {
        calls.add("b");
        throw new IllegalStateException("also");
      }
    };
    TrainingListener fine = new TrainingListener() {
      @Override
      public void onEnd(Run run, long lastStep, Throwable error) {
        calls.add("c");
      }
    };
    CompositeListener all = new CompositeListener(List.of(failing, failingToo, fine));
    TrainingListener.Run run = SyntheticRun.run(dir, 1, 0, 0);
    assertThatThrownBy(() -> all.onEnd(run, 1, null)).hasMessage("disk full")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .containsExactly("also"));
    assertThat(calls).containsExactly("a", "b", "c");
    assertThat(Files.exists(dir.resolve("metrics.jsonl"))).isFalse();
  }
}
