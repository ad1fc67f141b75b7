package io.llmtrain.eval.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenF1MetricTest {
  private final TokenF1Metric f1 = new TokenF1Metric();

  @Test
  void squadTokenF1() {
    // hyp "denver broncos won" vs ref "broncos": same 1, P 1/3, R 1 -> F 0.5
    assertThat(f1.sentence("The Denver Broncos won", List.of("Broncos")).score())
        .isCloseTo(50.0, within(1e-9));
    // bags of words: hyp "a b b c" normalises to b b c (the article goes), ref b c c;
    // common b x1, c x1 = 2 -> P 2/3, R 2/3, F 2/3
    assertThat(f1.sentence("a b b c", List.of("b c c")).score())
        .isCloseTo(200.0 / 3, within(1e-9));
    assertThat(f1.sentence("", List.of("Broncos")).score()).isEqualTo(0.0);
    assertThat(f1.sentence("the", List.of("the")).score()).isEqualTo(0.0);
    assertThat(f1.sentence("Denver Broncos!", List.of("x", "denver broncos")).score())
        .isCloseTo(100.0, within(1e-9));
  }

  @Test
  void bestReferenceAndCorpusMean() {
    // seg 1, hyp "in san francisco": vs "san francisco" same 2, P 2/3 R 1 -> F 0.8; vs
    // "francisco" same 1, P 1/3 R 1 -> F 0.5; best 0.8
    // seg 2, hyp "levis stadium" (the apostrophe goes) equals "levis stadium" -> 1; mean 0.9
    double s = f1.corpus(List.of("in San Francisco", "Levi's Stadium"),
        List.of(List.of("San Francisco", "Levis Stadium"), List.of("Francisco", "stadium"))).score();
    assertThat(s).isCloseTo(90.0, within(1e-9));
    assertThat(Plugins.get(MetricProvider.class, "f1").create(StageSpec.of("f1")).name())
        .isEqualTo("f1");
  }
}
