package io.llmtrain.cli;

import io.llmtrain.core.Progress;
import io.llmtrain.core.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over input megabytes, shown only for long inputs (16 MB or more) once the run has
 * lasted a second, so short runs print nothing but their summary.
 */
final class ConsoleProgress implements ProgressListener {
  private static final Duration SHOW_AFTER = Duration.ofSeconds(1);
  private static final long LONG_INPUT_BYTES = 16_000_000;

  private final String task;
  private final PrintStream out;
  private final boolean enabled;
  private ProgressBar bar;

  ConsoleProgress(String task, PrintStream out, boolean enabled) {
    this.task = task;
    this.out = out;
    this.enabled = enabled;
  }

  @Override
  public void update(Progress p) {
    if (!enabled) {
      return;
    }
    if (bar == null) {
      if (p.elapsed().compareTo(SHOW_AFTER) < 0 || p.totalBytes() < LONG_INPUT_BYTES) {
        return;
      }
      bar = new ProgressBarBuilder()
          .setTaskName(task)
          .setInitialMax(Math.max(1, p.totalBytes()))
          .setUnit(" MB", 1_000_000)
          .setStyle(ProgressBarStyle.ASCII)
          .showSpeed()
          .setUpdateIntervalMillis(250)
          .setConsumer(new ConsoleProgressBarConsumer(out))
          .build();
    }
    bar.stepTo(Math.min(p.bytesRead(), bar.getMax()));
    bar.setExtraMessage(String.format(" %,d docs, %,d kept", p.documentsIn(), p.documentsKept()));
  }

  @Override
  public void finished(Progress p) {
    if (bar != null) {
      bar.stepTo(bar.getMax());
      bar.setExtraMessage(String.format(" %,d docs, %,d kept", p.documentsIn(),
          p.documentsKept()));
      bar.close();
      bar = null;
      out.println();
    }
  }
}
