package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.monitor.ConsoleProgressListener.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressListenerTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final Path dir = Path.of("/runs/r1");

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesShowStepLossThroughputMfuAndEta() {
    AtomicLong clock = new AtomicLong();
    ConsoleProgressListener l = new ConsoleProgressListener(out, Style.LINES, 5, clock::get);
    TrainingListener.Run run = SyntheticRun.run(dir, 20, 0, 1e12);
    l.onStart(run);
    for (long s = 1; s <= 10; s++) {
      clock.addAndGet(500_000_000L);
      l.onStep(SyntheticRun.step(s));
    }
    List<String> lines = text().lines().toList();
    assertThat(lines.get(0)).contains("1.23M parameters", "cpu()", "steps 1 to 20");
    assertThat(lines).hasSize(3);
    String step10 = lines.get(2);
    assertThat(step10).startsWith("step 10/20 | loss ");
    assertThat(step10).contains(String.format("(last %.4f)", SyntheticRun.loss(10)));
    assertThat(step10).contains("8.2k tok/s");
    // 8192 tok/s x 7.41e6 FLOPs/token over 1e12.
    assertThat(step10).contains("MFU 6.1%");
    // Ten steps took 5 s: ten more take 5 s.
    assertThat(step10).contains("ETA 0:05");
    assertThat(step10).contains("lr 1.00e-04");
  }

  @Test
  void smoothedLossIsTheDebiasedAverage() {
    ConsoleProgressListener l = new ConsoleProgressListener(out, Style.LINES, 2);
    TrainingListener.Run run = SyntheticRun.run(dir, 2, 0, 0);
    l.onStart(run);
    l.onStep(new TrainingListener.Step(1, 4.0, 1e-3, 1, 100, 1, 1));
    l.onStep(new TrainingListener.Step(2, 2.0, 1e-3, 1, 100, 1, 2));
    // (0.9*0.1*4 + 0.1*2) / (1 - 0.81) = 2.947...
    assertThat(text()).contains("loss 2.9474 (last 2.0000)");
    assertThat(text()).doesNotContain("MFU");
  }

  @Test
  void evaluationCheckpointAndEndLinesAppearEvenWhenQuiet() {
    ConsoleProgressListener l = new ConsoleProgressListener(out, Style.QUIET, 1);
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 0, 1e12);
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 10);
    l.onEnd(run, 10, null);
    String t = text();
    assertThat(t).doesNotContain("step 3/");
    assertThat(t).contains(String.format("eval at step 5: val loss %.4f, perplexity %.2f",
        SyntheticRun.loss(5) + 0.1, Math.exp(SyntheticRun.loss(5) + 0.1)));
    assertThat(t).contains("checkpoint at step 10: " + dir.resolve("checkpoints/step-10"));
    assertThat(t.lines().reduce((a, b) -> b).orElseThrow()).startsWith("done: step 10/10 in ")
        .contains(String.format("val loss %.4f", SyntheticRun.loss(10) + 0.1));
  }

  @Test
  void failureIsReported() {
    ConsoleProgressListener l = new ConsoleProgressListener(out, Style.QUIET, 1);
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 4, 0);
    l.onStart(run);
    l.onStep(SyntheticRun.step(5));
    l.onEnd(run, 5, new IllegalStateException("loss is NaN"));
    assertThat(text()).startsWith("resuming:").contains("steps 5 to 10")
        .contains("stopped at step 5: java.lang.IllegalStateException: loss is NaN");
  }

  @Test
  void barShowsTheFiguresAndEndsAtTheLastStep() {
    ConsoleProgressListener l = new ConsoleProgressListener(out, Style.BAR, 1);
    TrainingListener.Run run = SyntheticRun.run(dir, 8, 0, 1e12);
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 8);
    l.onEnd(run, 8, null);
    String t = text();
    // The bar's final rendering: task, 8/8, and the extra message with our figures.
    assertThat(t).contains("train").contains("8/8").contains("8.2k tok/s").contains("MFU 6.1%");
    assertThat(t).contains("eval at step 5").contains("done: step 8/8");
  }
}
