package io.llmtrain.eval.metric;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;

/**
 * {@code accuracy} and {@code macro-f1}: predicted labels against gold labels (parameter {@code
 * lowercase}, default false). Two names, one metric: see {@link ClassificationMetric}.
 */
public abstract class ClassificationMetricProvider implements MetricProvider {
  private final ClassificationMetric.Headline headline;

  ClassificationMetricProvider(ClassificationMetric.Headline headline) {
    this.headline = headline;
  }

  @Override
  public String name() {
    return headline.metricName();
  }

  @Override
  public TextMetric create(StageSpec spec) {
    Params p = Params.of(spec);
    boolean lowercase = p.getBoolean("lowercase", false);
    p.finish();
    return new ClassificationMetric(headline, lowercase);
  }

  /** {@code accuracy}. */
  public static final class Accuracy extends ClassificationMetricProvider {
    public Accuracy() {
      super(ClassificationMetric.Headline.ACCURACY);
    }

    @Override
    public String description() {
      return "Share of predicted labels equal to the gold label (0-1), with the confusion matrix";
    }
  }

  /** {@code macro-f1}. */
  public static final class MacroF1 extends ClassificationMetricProvider {
    public MacroF1() {
      super(ClassificationMetric.Headline.MACRO_F1);
    }

    @Override
    public String description() {
      return "Unweighted mean of per-label F1 over gold and predicted labels (0-1), as "
          + "scikit-learn's average='macro'";
    }
  }
}
