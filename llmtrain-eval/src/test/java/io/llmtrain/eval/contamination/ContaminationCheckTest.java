package io.llmtrain.eval.contamination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContaminationCheckTest {
  private static final String TRAINING = "In the beginning God created the heaven and the earth. "
      + "And the earth was without form, and void; and darkness was upon the face of the deep.";

  @Test
  void findsAnEvaluationItemCopiedFromTrainingDespiteCaseAndPunctuation() {
    ContaminationCheck check = new ContaminationCheck(13);
    check.addTraining(TRAINING);
    // 14 words of the training text, re-cased and re-punctuated: two 13-grams, both seen.
    ContaminationCheck.Overlap copied = check.check(
        "QUESTION: in the beginning, God created the Heaven -- and the EARTH! And the earth was");
    assertThat(copied.contaminated()).isTrue();
    assertThat(copied.firstMatch())
        .isEqualTo("in the beginning god created the heaven and the earth and the earth");
    assertThat(copied.overlapping()).isEqualTo(2);
    assertThat(copied.ngrams()).isEqualTo(3); // "question" starts one unseen 13-gram
  }

  @Test
  void cleanItemsAndShortItemsAreNotContaminated() {
    ContaminationCheck check = new ContaminationCheck(13);
    check.addTraining(TRAINING);
    assertThat(check.check("No princípio criou Deus os céus e a terra; a terra, porém, "
        + "estava sem forma e vazia.").contaminated()).isFalse();
    // 12 words, all from training: shorter than n, so no 13-gram to compare
    ContaminationCheck.Overlap shortItem = check.check(
        "In the beginning God created the heaven and the earth and the earth");
    assertThat(shortItem.ngrams()).isEqualTo(1);
    ContaminationCheck.Overlap twelve = check.check(
        "In the beginning God created the heaven and the earth and the");
    assertThat(twelve.ngrams()).isZero();
    assertThat(twelve.contaminated()).isFalse();
    assertThat(twelve.fraction()).isZero();
  }

  @Test
  void smallerNFindsShorterOverlapsAndWordsSpanScripts() {
    ContaminationCheck check = new ContaminationCheck(3);
    check.addTraining("O velho moinho ficava junto ao rio; 太初 有 道");
    assertThat(check.check("um moinho ficava junto à ponte").overlapping()).isEqualTo(1);
    assertThat(check.check("太初 有 道 ").contaminated()).isTrue();
    assertThatThrownBy(() -> new ContaminationCheck(0)).hasMessageContaining("n must be >= 1");
  }
}
