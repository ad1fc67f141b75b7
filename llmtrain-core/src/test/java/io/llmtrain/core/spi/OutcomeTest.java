package io.llmtrain.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void reasonCodesAreStableLowerCaseIdentifiers() {
    for (String ok : new String[] {"too_short", "gopher_top_2_gram", "c4:lorem", "lang.pt-br"}) {
      assertThat(Outcome.reject(ok, "why")).isEqualTo(new Outcome.Rejected(ok, "why"));
    }
    // Reports group by reason, so free text or capitals would scatter one cause over many rows.
    for (String bad : new String[] {"", "Too_short", "too short", "too_short!", "trop_court_é"}) {
      assertThatThrownBy(() -> Outcome.reject(bad, "why"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lower-case code");
    }
  }
}
