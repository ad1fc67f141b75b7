package io.llmtrain.core.monitor;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several listeners as one, called in order. Every listener hears every event even when an
 * earlier one fails: the first failure is rethrown after all have been called, later ones attached
 * as suppressed, so a full disk under the TensorBoard files does not also cost the metrics log its
 * end line.
 */
public final class CompositeListener implements TrainingListener {
  private final List<TrainingListener> listeners;

  public CompositeListener(List<? extends TrainingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public List<TrainingListener> listeners() {
    return listeners;
  }

  @Override
  public void onStart(Run run) {
    each(l -> l.onStart(run));
  }

  @Override
  public void onStep(Step step) {
    each(l -> l.onStep(step));
  }

  @Override
  public void onEvaluation(Evaluation evaluation) {
    each(l -> l.onEvaluation(evaluation));
  }

  @Override
  public void onCheckpoint(long step, Path directory) {
    each(l -> l.onCheckpoint(step, directory));
  }

  @Override
  public void onEnd(Run run, long lastStep, Throwable error) {
    each(l -> l.onEnd(run, lastStep, error));
  }

  private void each(Consumer<TrainingListener> call) {
    RuntimeException first = null;
    for (TrainingListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
