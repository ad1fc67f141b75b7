package io.llmtrain.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactDeduplicatorTest {
  private final ExactDeduplicator defaults = new ExactDeduplicator();

  private static ExactDeduplicator with(DedupConfig.Builder b) {
    return new ExactDeduplicator(b.build());
  }

  private static DedupConfig.Builder config() {
    return DedupConfig.builder();
  }

  @Test
  void whitespaceDifferencesAreDuplicatesByDefault() {
    String en = "The council approved the plan to dredge the channel.\nCritics point out the cost.";
    assertThat(defaults.fingerprint("  The council approved the plan  to dredge\tthe channel."
        + "\r\n\r\n   Critics point out the cost.\n")).isEqualTo(defaults.fingerprint(en));
    String pt = "A prefeitura anunciou um projeto para asfaltar a estrada.";
    assertThat(defaults.fingerprint("A prefeitura\u00a0anunciou um projeto\n\npara asfaltar a "
        + "estrada.   ")).isEqualTo(defaults.fingerprint(pt));
    assertThat(defaults.fingerprint(SampleTexts.HARBOUR_EN.replace("\n", "\n\n  ")))
        .isEqualTo(defaults.fingerprint(SampleTexts.HARBOUR_EN));
  }

  @Test
  void whitespaceStillSeparatesWords() {
    assertThat(defaults.fingerprint("to gether")).isNotEqualTo(defaults.fingerprint("together"));
    assertThat(defaults.fingerprint("a b")).isNotEqualTo(defaults.fingerprint("ab"));
  }

  @Test
  void anyDifferenceInWordsCaseOrPunctuationCountsByDefault() {
    String pt = "Cozinhe o feijão na panela de pressão com folhas de louro.";
    assertThat(defaults.fingerprint(pt))
        .isNotEqualTo(defaults.fingerprint("Cozinhe o feijão na panela de pressão com folha de louro."))
        .isNotEqualTo(defaults.fingerprint("cozinhe o feijão na panela de pressão com folhas de louro."))
        .isNotEqualTo(defaults.fingerprint("Cozinhe o feijão na panela de pressão com folhas de louro"))
        .isNotEqualTo(defaults.fingerprint("Cozinhe o feijao na panela de pressao com folhas de louro."));
  }

  @Test
  void optionalLowercaseAndPunctuationStripping() {
    ExactDeduplicator loose = with(config().lowercase(true).stripPunctuation(true));
    String en = "Keep it somewhere warm, stir it each morning -- and throw away half!";
    assertThat(loose.fingerprint("keep it somewhere warm stir it each morning and throw away half"))
        .isEqualTo(loose.fingerprint(en));
    assertThat(loose.fingerprint("«Sirva com arroz branco», disse ela.  "))
        .isEqualTo(loose.fingerprint("sirva com arroz branco disse ela"));
    // punctuation between words is dropped, the space next to it stays one space
    assertThat(loose.fingerprint("arroz , feijão")).isEqualTo(loose.fingerprint("arroz feijão"));
    assertThat(loose.fingerprint("arroz,feijão")).isEqualTo(loose.fingerprint("arrozfeijão"));
    assertThat(loose.fingerprint("arroz feijão")).isNotEqualTo(loose.fingerprint("arroz feijoada"));
  }

  @Test
  void canonicallyEquivalentTextsAreDuplicatesUnderNfc() {
    String composed = "A audiência pública está marcada para o fim de abril, ação e coração.";
    String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo(composed);
    assertThat(defaults.fingerprint(decomposed)).isEqualTo(defaults.fingerprint(composed));
    ExactDeduplicator none = with(config().form(DedupConfig.Normalization.NONE));
    assertThat(none.fingerprint(decomposed)).isNotEqualTo(none.fingerprint(composed));
    // with nothing to normalize, NONE and NFC agree
    assertThat(none.fingerprint(composed)).isEqualTo(defaults.fingerprint(composed));
  }

  @Test
  void nfkcAlsoFoldsCompatibilityForms() {
    ExactDeduplicator nfkc = with(config().form(DedupConfig.Normalization.NFKC));
    String plain = "The office bought 25 files";
    String fancy = "The o\uFB03ce bought \uFF12\uFF15 \uFB01les"; // ligatures, full-width digits
    assertThat(nfkc.fingerprint(fancy)).isEqualTo(nfkc.fingerprint(plain));
    assertThat(defaults.fingerprint(fancy)).isNotEqualTo(defaults.fingerprint(plain));
  }

  @Test
  void collapseWhitespaceOffKeepsEverySpace() {
    ExactDeduplicator strict = with(config().collapseWhitespace(false));
    assertThat(strict.fingerprint("a  b")).isNotEqualTo(strict.fingerprint("a b"));
    assertThat(strict.fingerprint(" a b")).isNotEqualTo(strict.fingerprint("a b"));
    assertThat(strict.fingerprint("a\nb")).isNotEqualTo(strict.fingerprint("a b"));
    assertThat(strict.fingerprint("a b")).isEqualTo(strict.fingerprint("a b"));
  }

  @Test
  void supplementaryCharactersAreHashedAndFolded() {
    // emoji force the general path; it must hash exactly what the fast path would
    assertThat(defaults.fingerprint("  Bom dia \uD83D\uDE00   a todos "))
        .isEqualTo(defaults.fingerprint("Bom dia \uD83D\uDE00 a todos"))
        .isNotEqualTo(defaults.fingerprint("Bom dia \uD83D\uDE01 a todos"))
        .isNotEqualTo(defaults.fingerprint("Bom dia a todos"));
    ExactDeduplicator loose = with(config().lowercase(true).stripPunctuation(true));
    assertThat(loose.fingerprint("Bom dia \uD83D\uDE00 a todos!"))
        .isEqualTo(loose.fingerprint("bom dia a todos"));
    // Deseret capital and small long I: lower-casing reaches beyond the BMP
    assertThat(loose.fingerprint("\uD801\uDC00")).isEqualTo(loose.fingerprint("\uD801\uDC28"));
    // a lone surrogate is kept as it is rather than failing
    assertThat(defaults.fingerprint("abc\uD800")).isNotEqualTo(defaults.fingerprint("abc"));
  }

  @Test
  void generalPathHashesExactlyWhatTheFastPathDoes() {
    // an emoji that stripping removes sends a text down the general (code point) path without
    // changing what is hashed, so both paths must agree on every text
    ExactDeduplicator loose = with(config().lowercase(true).stripPunctuation(true));
    String[] pieces = {"casa", "Ação", " ", "  ", "\t", "\n", "\u00a0", ",", "!", "--", "«",
        "»", "word", "É", "x"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int n = 0; n < 2000; n++) {
      StringBuilder sb = new StringBuilder();
      int parts = random.nextInt(1, 12);
      for (int p = 0; p < parts; p++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      String withEmoji = new StringBuilder(text)
          .insert(random.nextInt(text.length() + 1), "\uD83C\uDF89").toString();
      assertThat(loose.fingerprint(withEmoji)).as("'%s' vs '%s'", text, withEmoji)
          .isEqualTo(loose.fingerprint(text));
    }
  }

  @Test
  void emptyAndBlankTextsAreDuplicatesOfEachOther() {
    assertThat(defaults.fingerprint("")).isEqualTo(defaults.fingerprint(" \n\t "));
    assertThat(defaults.fingerprint("")).isNotEqualTo(defaults.fingerprint("."));
  }

  @Test
  void keepsTheFirstOccurrenceAndRejectsLaterCopies() {
    List<Document> docs = List.of(
        Document.of("en-1", SampleTexts.HARBOUR_EN),
        Document.of("pt-1", SampleTexts.PRAIA_PT),
        Document.of("en-2", SampleTexts.HARBOUR_EN.replace("\n\n", "\n")),
        Document.of("en-3", SampleTexts.BAKERY_EN),
        Document.of("pt-2", "  " + SampleTexts.PRAIA_PT));
    ExactDeduplicator dedup = new ExactDeduplicator();
    List<String> kept = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (Document d : docs) {
      Outcome o = dedup.process(d);
      outcomes.add(o);
      if (o instanceof Outcome.Kept k) {
        assertThat(k.document()).isSameAs(d);
        kept.add(d.id());
      }
    }
    assertThat(kept).containsExactly("en-1", "pt-1", "en-3");
    assertThat(outcomes.get(2)).isEqualTo(Outcome.reject("duplicate_exact",
        "same normalized text as an earlier document"));
    assertThat(dedup.size()).isEqualTo(3);
  }

  @Test
  void rememberIdsNamesTheFirstOccurrence() {
    ExactDeduplicator dedup = with(config().rememberIds(true));
    assertThat(dedup.process(Document.of("receita-1", SampleTexts.RECEITA_PT)))
        .isInstanceOf(Outcome.Kept.class);
    assertThat(dedup.process(Document.of("outra", SampleTexts.BAKERY_EN)))
        .isInstanceOf(Outcome.Kept.class);
    assertThat(dedup.process(Document.of("receita-2", SampleTexts.RECEITA_PT + "\n")))
        .isEqualTo(Outcome.reject("duplicate_exact",
            "same normalized text as document 'receita-1'"));
    // the same document object twice is still a duplicate the second time
    Document same = Document.of("x", "Texto repetido.");
    assertThat(dedup.process(same)).isInstanceOf(Outcome.Kept.class);
    assertThat(dedup.process(same)).isInstanceOf(Outcome.Rejected.class);
    assertThat(dedup.size()).isEqualTo(3);
  }

  @Test
  void fingerprintsOfDistinctTextsDoNotCollide() {
    LongHashSet seen = new LongHashSet();
    // many near-identical short texts: every one must get its own fingerprint
    for (int i = 0; i < 20_000; i++) {
      assertThat(seen.add(defaults.fingerprint("Pedido número " + i + " enviado."))).isTrue();
      assertThat(seen.add(defaults.fingerprint("Order " + i + " shipped"))).isTrue();
    }
    assertThat(defaults.memoryBytes()).isPositive();
  }
}
