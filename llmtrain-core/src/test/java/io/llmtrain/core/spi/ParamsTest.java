package io.llmtrain.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.io.ErrorPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void readsTypedAndStringValuesAlike() {
    Params typed = Params.of(StageSpec.of("t", Map.of("n", 5, "x", 0.5, "b", true,
        "l", List.of("en", "pt"), "e", "skip")));
    Params strings = Params.of(StageSpec.of("t", Map.of("n", "5", "x", "0.5", "b", "true",
        "l", "en, pt", "e", "SKIP")));
    for (Params p : List.of(typed, strings)) {
      assertThat(p.getInt("n", 1, 0, 10)).isEqualTo(5);
      assertThat(p.getDouble("x", 0, 0, 1)).isEqualTo(0.5);
      assertThat(p.getBoolean("b", false)).isTrue();
      assertThat(p.getList("l", List.of())).containsExactly("en", "pt");
      assertThat(p.getEnum("e", ErrorPolicy.class, ErrorPolicy.FAIL)).isEqualTo(ErrorPolicy.SKIP);
      p.finish();
    }
  }

  @Test
  void unknownKeysAreRejectedListingTheKnownOnes() {
    Params p = Params.of(StageSpec.of("clean", Map.of("threshhold", 0.1)));
    p.getDouble("threshold", 0.2, 0, 1);
    p.getBoolean("mask", false);
    assertThatThrownBy(p::finish)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("threshhold")
        .hasMessageContaining("'clean'")
        .hasMessageContaining("Known parameters: mask, threshold");
  }

  @Test
  void outOfRangeAndMistypedValuesNameTheKey() {
    assertThatThrownBy(() -> Params.of(StageSpec.of("s", Map.of("n", 0))).getInt("n", 5, 1, 9))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Parameter 'n' of 's' must be an integer from 1 to 9, got '0'");
    assertThatThrownBy(() -> Params.of(StageSpec.of("s", Map.of("b", "maybe")))
        .getBoolean("b", true)).hasMessageContaining("'b'").hasMessageContaining("boolean");
    assertThatThrownBy(() -> Params.of(StageSpec.of("s", Map.of("e", "retry")))
        .getEnum("e", ErrorPolicy.class, ErrorPolicy.FAIL))
        .hasMessageContaining("one of fail, skip");
    assertThatThrownBy(() -> Params.of(StageSpec.of("s", Map.of("x", Double.NaN)))
        .getDouble("x", 0, 0, 1)).hasMessageContaining("from 0.0 to 1.0");
  }

  @Test
  void namedSubPluginsKeepTheirOrderAndTheirOwnParameters() {
    Map<String, Object> tasks = new java.util.LinkedHashMap<>();
    tasks.put("perplexity", Map.of("data", "held-out.txt"));
    tasks.put("held-out", null);
    Params p = Params.of(StageSpec.of("model", Map.of("tasks", tasks)));
    List<StageSpec> specs = p.getSpecs("tasks");
    p.finish();
    assertThat(specs).extracting(StageSpec::name).containsExactly("perplexity", "held-out");
    assertThat(specs.get(0).params()).isEqualTo(Map.of("data", "held-out.txt"));
    assertThat(specs.get(1).params()).isEmpty();
    assertThatThrownBy(() -> Params.of(StageSpec.of("model", Map.of("tasks", "perplexity")))
        .getSpecs("tasks")).isInstanceOf(ConfigException.class).hasMessageContaining("tasks");
  }
}
