package io.llmtrain.core;

import java.util.List;

/** Real-looking English and Portuguese sentences shared by the core tests. */
final class TestTexts {
  static final List<String> SENTENCES = List.of(
      "The committee met on Tuesday to review the budget for the new library.",
      "Rain fell over the harbour all night, and the fishing boats stayed tied to the pier.",
      "She opened the letter slowly, afraid of what the bank would say this time.",
      "A reunião do conselho foi adiada para a próxima semana por falta de quórum.",
      "Choveu a noite inteira em Lisboa e as ruas do Chiado amanheceram alagadas.",
      "O professor explicou que a fotossíntese transforma luz em energia química.",
      "Prices at the market rose again after the harvest was smaller than expected.",
      "Os alunos da escola pública organizaram uma feira de ciências no sábado.",
      "He repaired the old bicycle with parts from three different shops in town.",
      "A biblioteca municipal recebeu mais de dois mil livros doados por moradores.");

  private TestTexts() {
  }
}
