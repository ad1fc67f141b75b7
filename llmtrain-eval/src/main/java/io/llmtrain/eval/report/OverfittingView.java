package io.llmtrain.eval.report;

import java.util.List;

/**
 * Training against validation loss over a run, read from its {@code metrics.jsonl}: at every
 * evaluation step the validation loss, the training loss around that step, and their gap; the
 * step of the lowest validation loss; and the step from which the gap keeps growing (the start of
 * overfitting), if it does.
 *
 * <p>To be completed (helper C): {@code static OverfittingView read(Path runDirectory)} and the
 * rule that finds {@code gapGrowsFrom}.
 */
public record OverfittingView(List<Point> points, long bestStep, double bestValidationLoss,
    Long gapGrowsFrom) {
  public OverfittingView {
    points = List.copyOf(points);
  }

  /** One evaluation step. */
  public record Point(long step, double trainLoss, double validationLoss) {
    public double gap() {
      return validationLoss - trainLoss;
    }
  }
}
