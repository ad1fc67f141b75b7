package io.llmtrain.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHasherTest {
  private final MinHasher hasher = new MinHasher(NearDedupConfig.defaults());

  @Test
  void signatureHasOneValuePerHashFunctionAndOneKeyPerBand() {
    long[] sig = hasher.signature(SampleTexts.HARBOUR_EN);
    assertThat(hasher.numHashes()).isEqualTo(112);
    assertThat(sig).hasSize(112);
    assertThat(Arrays.stream(sig).min().getAsLong()).isNotNegative(); // 63-bit values
    assertThat(hasher.bandKeys(sig)).hasSize(14).doesNotHaveDuplicates();
    assertThat(hasher.bandKeys(SampleTexts.HARBOUR_EN)).containsExactly(hasher.bandKeys(sig));
  }

  @Test
  void sameTextAndSeedGiveTheSameSignatureInAnyInstance() {
    MinHasher other = new MinHasher(NearDedupConfig.defaults());
    assertThat(other.signature(SampleTexts.PRAIA_PT)).containsExactly(
        hasher.signature(SampleTexts.PRAIA_PT));
    assertThat(other.signature(SampleTexts.PRAIA_PT)).containsExactly(
        other.signature(SampleTexts.PRAIA_PT));
    MinHasher otherSeed = new MinHasher(NearDedupConfig.builder().seed(2).build());
    assertThat(MinHasher.estimateJaccard(otherSeed.signature(SampleTexts.PRAIA_PT),
        hasher.signature(SampleTexts.PRAIA_PT))).isLessThan(0.05);
  }

  @Test
  void signaturesArePinnedForAFixedSeed() {
    // guards against accidental changes to shingling or hashing, which would silently change
    // which documents a configuration drops
    long[] sig = hasher.signature("the quick brown fox jumps over the lazy dog");
    assertThat(Arrays.stream(sig).reduce(17, (a, b) -> a * 31 + b))
        .isEqualTo(PINNED_SIGNATURE_DIGEST);
  }

  private static final long PINNED_SIGNATURE_DIGEST = 5323776853608739048L;

  @Test
  void byDefaultCasePunctuationAccentsAndSpacingDoNotMatter() {
    String pt = "A audiência pública está marcada para o fim de abril, e a decisão sai em julho.";
    String loose = "a   audiencia publica esta marcada para o fim de abril e a decisao sai em JULHO";
    assertThat(hasher.signature(loose)).containsExactly(hasher.signature(pt));
    String decomposed = Normalizer.normalize(pt, Normalizer.Form.NFD);
    assertThat(hasher.signature(decomposed)).containsExactly(hasher.signature(pt));
    assertThat(hasher.signature("Don't stop -- it's fine.")).containsExactly(
        hasher.signature("dont stop its fine"));
  }

  @Test
  void wordNormalizationCanBeTurnedOff() {
    MinHasher strict = new MinHasher(NearDedupConfig.builder().lowercase(false)
        .stripPunctuation(false).foldAccents(false).build());
    String pt = "A audiência pública está marcada para o fim de abril.";
    assertThat(strict.signature(pt.toLowerCase(Locale.ROOT))).isNotEqualTo(strict.signature(pt));
    assertThat(strict.signature(pt.replace(".", ""))).isNotEqualTo(strict.signature(pt));
    assertThat(strict.signature(pt.replace("ú", "u"))).isNotEqualTo(strict.signature(pt));
    assertThat(strict.signature(pt.replace(" ", "\n  "))).containsExactly(strict.signature(pt));
  }

  @Test
  void textsWithoutWordsHaveNoSignature() {
    assertThat(hasher.signature("")).isEmpty();
    assertThat(hasher.signature(" \n\t ")).isEmpty();
    assertThat(hasher.signature(" -- !!! ... ")).isEmpty(); // only punctuation
    assertThat(hasher.bandKeys("")).isEmpty();
    assertThat(MinHasher.estimateJaccard(new long[0], hasher.signature("palavra"))).isZero();
  }

  @Test
  void textsShorterThanAShingleAreOneShingleOfAllTheirWords() {
    long[] thanks = hasher.signature("Thank you!");
    assertThat(thanks).hasSize(112);
    assertThat(hasher.signature("thank   you")).containsExactly(thanks);
    assertThat(MinHasher.estimateJaccard(hasher.signature("thank you very much"), thanks))
        .isLessThan(0.05);
    assertThat(MinHasher.estimateJaccard(hasher.signature("Obrigado."),
        hasher.signature("Obrigada."))).isLessThan(0.05);
    // with 3-word shingles, "bom dia" is one shingle and shares nothing with "bom dia a todos"
    MinHasher trigrams = new MinHasher(NearDedupConfig.builder().shingleSize(3).build());
    assertThat(trigrams.signature("Bom dia!")).hasSize(112);
    assertThat(MinHasher.estimateJaccard(trigrams.signature("bom dia"),
        trigrams.signature("bom dia a todos"))).isLessThan(0.05);
  }

  @Test
  void estimatedJaccardIsCloseToTheTrueJaccardForRealText() {
    String[][] pairs = {
        {SampleTexts.HARBOUR_EN, SampleTexts.HARBOUR_EN_EDITED},
        {SampleTexts.PRAIA_PT, SampleTexts.PRAIA_PT_EDITED},
        {SampleTexts.HARBOUR_EN, firstHalf(SampleTexts.HARBOUR_EN)},
        {SampleTexts.PRAIA_PT, firstHalf(SampleTexts.PRAIA_PT) + " " + SampleTexts.RECEITA_PT},
        {SampleTexts.BAKERY_EN, SampleTexts.BAKERY_EN.replace("loaf", "bread")
            .replace("starter", "levain")},
        {SampleTexts.HARBOUR_EN, SampleTexts.BAKERY_EN},
    };
    for (String[] pair : pairs) {
      double truth = trueJaccard(pair[0], pair[1], 5);
      double estimate = MinHasher.estimateJaccard(hasher.signature(pair[0]),
          hasher.signature(pair[1]));
      // one standard deviation is at most sqrt(0.25 / 112) = 0.047
      assertThat(estimate).as("true Jaccard %.3f", truth).isBetween(truth - 0.15, truth + 0.15);
    }
  }

  @Test
  void estimatesAreUnbiasedWithBinomialSpreadOverManyPairs() {
    // checks the hash family itself: each estimate should be a fraction of 112 independent
    // trials with success probability J, so the errors average to zero and their squares to
    // J(1 - J)/112
    SplittableRandom random = new SplittableRandom(2024);
    List<String> vocabulary = syntheticVocabulary(random, 4000);
    double errorSum = 0;
    double squaredErrorSum = 0;
    double expectedVarianceSum = 0;
    int pairs = 300;
    for (int p = 0; p < pairs; p++) {
      List<String> a = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        a.add(vocabulary.get(random.nextInt(vocabulary.size())));
      }
      List<String> b = new ArrayList<>(a);
      int edits = random.nextInt(1, 25);
      for (int e = 0; e < edits; e++) {
        b.set(random.nextInt(b.size()), vocabulary.get(random.nextInt(vocabulary.size())));
      }
      String ta = String.join(" ", a);
      String tb = String.join(" ", b);
      double truth = trueJaccard(ta, tb, 5);
      double estimate = MinHasher.estimateJaccard(hasher.signature(ta), hasher.signature(tb));
      errorSum += estimate - truth;
      squaredErrorSum += (estimate - truth) * (estimate - truth);
      expectedVarianceSum += truth * (1 - truth) / 112;
    }
    assertThat(Math.abs(errorSum / pairs)).isLessThan(0.015);
    assertThat(squaredErrorSum / expectedVarianceSum).isBetween(0.6, 1.4);
  }

  @Test
  void bandKeysRejectSignaturesOfAnotherShape() {
    assertThatThrownBy(() -> hasher.bandKeys(new long[10]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String firstHalf(String text) {
    String[] words = text.split("\\s+");
    return String.join(" ", Arrays.copyOf(words, words.length / 2));
  }

  private static List<String> syntheticVocabulary(SplittableRandom random, int size) {
    Set<String> words = new HashSet<>();
    String letters = "abcdefghilmnoprstuv";
    while (words.size() < size) {
      StringBuilder w = new StringBuilder();
      int length = random.nextInt(2, 9);
      for (int i = 0; i < length; i++) {
        w.append(letters.charAt(random.nextInt(letters.length())));
      }
      words.add(w.toString());
    }
    return new ArrayList<>(words);
  }

  /** Jaccard similarity of word shingle sets, computed independently of the code under test. */
  static double trueJaccard(String a, String b, int n) {
    Set<String> sa = shingles(a, n);
    Set<String> sb = shingles(b, n);
    Set<String> union = new HashSet<>(sa);
    union.addAll(sb);
    Set<String> common = new HashSet<>(sa);
    common.retainAll(sb);
    return union.isEmpty() ? 0 : (double) common.size() / union.size();
  }

  private static Set<String> shingles(String text, int n) {
    String simple = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
        .replaceAll("[\\p{M}\\p{P}\\p{S}\\p{Cc}\\p{Cf}&&[^\\s]]", "")
        .trim();
    List<String> words = simple.isEmpty() ? List.of() : List.of(simple.split("\\s+"));
    Set<String> out = new HashSet<>();
    if (!words.isEmpty() && words.size() < n) {
      out.add(String.join(" ", words));
    }
    for (int i = 0; i + n <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + n)));
    }
    return out;
  }
}
