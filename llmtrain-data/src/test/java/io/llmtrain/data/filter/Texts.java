package io.llmtrain.data.filter;

import java.util.List;

/** Sample prose for the filter tests, written for them. */
final class Texts {
  private Texts() {
  }

  /** Twelve English sentences of exactly ten plain words each. */
  static final List<String> ENGLISH = List.of(
      "The old mill stood beside the river for many years.",
      "Farmers brought their grain to the miller every autumn morning.",
      "He ground the wheat and kept a share as payment.",
      "Children liked to watch the heavy stones turn and rumble.",
      "When the river froze the wheel stopped until the spring.",
      "Travellers often rested in the shade of the tall elms.",
      "His wife baked fresh bread that people praised for miles.",
      "In dry summers the water ran low and work slowed.",
      "A new road later carried trade away from the valley.",
      "Today the building is a small museum run by volunteers.",
      "Visitors can still see the wooden gears and the millstones.",
      "Every year the whole village holds a harvest fair there.");

  /** Ten Portuguese sentences of exactly ten plain words each. */
  static final List<String> PORTUGUESE = List.of(
      "O velho moinho ficava junto ao rio havia muitos anos.",
      "Os lavradores traziam o seu trigo ao moleiro todo outono.",
      "Ele moía o grão e guardava uma parte como pagamento.",
      "As crianças gostavam de ver as pedras pesadas a girar.",
      "Quando o rio gelava a roda parava até à primavera.",
      "Os viajantes descansavam muitas vezes à sombra dos olmos altos.",
      "A mulher dele cozia pão que todos elogiavam na região.",
      "Nos verões secos a água baixava e o trabalho abrandava.",
      "Uma estrada nova levou mais tarde o comércio para longe.",
      "Hoje o edifício é um pequeno museu gerido por voluntários.");

  /** The first {@code n} English sentences, on one line. */
  static String english(int n) {
    return String.join(" ", ENGLISH.subList(0, n));
  }

  /** The first {@code n} Portuguese sentences, on one line. */
  static String portuguese(int n) {
    return String.join(" ", PORTUGUESE.subList(0, n));
  }
}
