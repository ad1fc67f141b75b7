package io.llmtrain.core.train;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.monitor.MonitorConfig;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's {@code .pretrain(...)} step {@code gpt}: a GPT (preset or full configuration)
 * trained on the token shards of the tokenize step.
 *
 * <pre>{@code
 * .tokenize(TokenizeConfig.bpe(8000))
 * .pretrain(GptPretrainSpec.of("nano", PretrainConfig.builder().steps(1000).build()))
 * }</pre>
 *
 * <p>Parameters: {@code preset} ({@code nano}, {@code micro}, {@code small}) and {@code model}
 * (GPT fields overriding it, nested), {@code training} ({@link PretrainConfig}, nested), {@code
 * monitor} ({@link MonitorConfig}, nested). The vocabulary size always comes from the shards.
 */
public final class GptPretrainSpec implements StageSpec {
  public static final String NAME = "gpt";

  private final String preset;
  private final Map<String, Object> model;
  private final PretrainConfig training;
  private final MonitorConfig monitor;

  private GptPretrainSpec(String preset, Map<String, Object> model, PretrainConfig training,
      MonitorConfig monitor) {
    this.preset = requireNonNull(preset, "preset");
    this.model = Map.copyOf(model);
    this.training = requireNonNull(training, "training");
    this.monitor = requireNonNull(monitor, "monitor");
    gptConfig(1); // refuses impossible shapes now, before any work
  }

  public static GptPretrainSpec of(String preset, PretrainConfig training) {
    return new GptPretrainSpec(preset, Map.of(), training, MonitorConfig.defaults());
  }

  /** GPT fields overriding the preset's, e.g. {@code Map.of("arch", "llama", "layers", 2)}. */
  public GptPretrainSpec withModel(Map<String, Object> overrides) {
    return new GptPretrainSpec(preset, overrides, training, monitor);
  }

  public GptPretrainSpec withMonitor(MonitorConfig monitor) {
    return new GptPretrainSpec(preset, model, training, monitor);
  }

  /** Reads the step's parameters strictly; unknown keys are refused, naming the known ones. */
  @SuppressWarnings("unchecked")
  public static GptPretrainSpec fromSpec(StageSpec spec) {
    Map<String, Object> all = spec.params();
    Params p = Params.of(NAME, all);
    String preset = p.getString("preset", "nano");
    p.nested("model"); // validated as a map here, field by field by GptConfig below
    Params training = p.nested("training");
    Params monitor = p.nested("monitor");
    p.finish();
    Object model = all.getOrDefault("model", Map.of());
    return new GptPretrainSpec(preset, (Map<String, Object>) model,
        PretrainConfig.fromParams(training), MonitorConfig.fromParams(monitor));
  }

  /** The GPT to train for a vocabulary of {@code vocabSize} ids. */
  public GptConfig gptConfig(int vocabSize) {
    Map<String, Object> values = new LinkedHashMap<>(model);
    values.put("preset", preset);
    values.put("vocabSize", vocabSize);
    try {
      return GptConfig.fromParams(Params.of(NAME + ".model", values));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid model for '" + NAME + "': " + e.getMessage());
    }
  }

  public PretrainConfig training() {
    return training;
  }

  public MonitorConfig monitor() {
    return monitor;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("preset", preset);
    m.put("model", model);
    m.put("training", training.params());
    m.put("monitor", monitor.params());
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GptPretrainSpec s && params().equals(s.params());
  }

  @Override
  public int hashCode() {
    return Objects.hash(params());
  }

  @Override
  public String toString() {
    return NAME + params();
  }
}
