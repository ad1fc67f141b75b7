package io.llmtrain.eval.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * A small line-aligned corpus for statistics and bootstrap tests: English and Portuguese system
 * outputs with two references each, accents and non-Latin scripts, an empty hypothesis and a
 * multi-sentence (newline) segment for ROUGE-Lsum.
 */
final class SegmentCorpus {
  static final List<String> HYPS = List.of(
      "The dog bit the man.",
      "It wasn't surprising.",
      "The man had just bitten him.",
      "O gato dormiu no sofá durante a tarde.",
      "A reunião foi adiada para a próxima semana.",
      "",
      "Ela comprou pão, queijo e café na padaria.",
      "The committee approved the budget on Tuesday.\nThe vote was close.",
      "São Paulo é a maior cidade do Brasil.",
      "Rain is expected tomorrow across the north.",
      "Der Zug fährt um 8 Uhr ab — naïve café ☕.",
      "They said the report was ready, but it wasn't.",
      "Os alunos estudaram matemática e história.",
      "東京は日本の首都です。",
      "He played the piano beautifully at the concert.",
      "Não há nada de errado com a proposta.");

  static final List<String> REF1 = List.of(
      "The dog bit the man.",
      "It was not unexpected.",
      "The man bit him first.",
      "O gato dormiu no sofá a tarde toda.",
      "A reunião foi adiada para a semana que vem.",
      "Ninguém respondeu à pergunta.",
      "Ela comprou pão, queijo e café na padaria.",
      "The committee passed the budget on Tuesday.\nThe vote was narrow.",
      "São Paulo é a cidade mais populosa do Brasil.",
      "Rain is forecast for tomorrow in the north.",
      "Der Zug fährt um 8 Uhr ab — naïve café ☕.",
      "They claimed the report was finished, but it was not.",
      "Os estudantes estudaram matemática e história.",
      "東京は日本の首都である。",
      "He played the piano wonderfully during the concert.",
      "Não existe nada de errado na proposta.");

  static final List<String> REF2 = List.of(
      "The dog had bit the man.",
      "No one was surprised.",
      "The man had bitten the dog.",
      "O gato passou a tarde dormindo no sofá.",
      "Adiaram a reunião para a próxima semana.",
      "A pergunta ficou sem resposta.",
      "Na padaria, ela comprou pão, queijo e café.",
      "On Tuesday the committee approved the budget.\nIt was a close vote.",
      "A maior cidade do Brasil é São Paulo.",
      "Tomorrow rain is expected in the north.",
      "Um 8 Uhr fährt der Zug ab.",
      "The report was ready, they said, but it wasn't.",
      "Os alunos estudaram história e matemática.",
      "日本の首都は東京です。",
      "At the concert he played the piano beautifully.",
      "A proposta não tem nada de errado.");

  private SegmentCorpus() {
  }

  static List<List<String>> refs() {
    return List.of(REF1, REF2);
  }

  /** The corpus repeated {@code times} times, hypotheses and references alike. */
  static List<String> repeat(List<String> lines, int times) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < times; t++) {
      out.addAll(lines);
    }
    return out;
  }
}
