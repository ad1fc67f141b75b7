package io.llmtrain.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.DocumentSink;
import io.llmtrain.core.io.RejectedDocument;
import io.llmtrain.core.io.RejectionSink;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashDeduplicatorTest {

  private static boolean kept(Outcome o) {
    return o instanceof Outcome.Kept;
  }

  @Test
  void paragraphsWithAFewWordsChangedAreNearDuplicates() {
    MinHashDeduplicator dedup = new MinHashDeduplicator();
    assertThat(kept(dedup.process(Document.of("en", SampleTexts.HARBOUR_EN)))).isTrue();
    assertThat(kept(dedup.process(Document.of("pt", SampleTexts.PRAIA_PT)))).isTrue();
    Outcome en = dedup.process(Document.of("en-edited", SampleTexts.HARBOUR_EN_EDITED));
    Outcome pt = dedup.process(Document.of("pt-edited", SampleTexts.PRAIA_PT_EDITED));
    assertThat(en).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo("duplicate_near");
      assertThat(r.detail()).startsWith("near duplicate of an earlier document: ")
          .endsWith(" of 14 LSH bands match");
    });
    assertThat(pt).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo("duplicate_near"));
  }

  @Test
  void differentTextsAreKept() {
    MinHashDeduplicator dedup = new MinHashDeduplicator();
    for (String text : List.of(SampleTexts.HARBOUR_EN, SampleTexts.BAKERY_EN,
        SampleTexts.PRAIA_PT, SampleTexts.RECEITA_PT,
        "The harbour museum opens at weekends.", "O museu do porto abre aos fins de semana.")) {
      assertThat(kept(dedup.process(Document.of("d", text)))).as(text).isTrue();
    }
    assertThat(dedup.storedKeys()).isEqualTo(6 * 14);
  }

  @Test
  void theFirstOccurrenceIsTheOneKept() {
    MinHashDeduplicator dedup = new MinHashDeduplicator(
        NearDedupConfig.builder().rememberIds(true).build());
    assertThat(kept(dedup.process(Document.of("edited-first", SampleTexts.PRAIA_PT_EDITED))))
        .isTrue();
    assertThat(dedup.process(Document.of("original-later", SampleTexts.PRAIA_PT)))
        .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.detail())
            .startsWith("near duplicate of document 'edited-first': "));
    // a copy of the rejected document is matched against what was kept, not against it
    assertThat(dedup.process(Document.of("copy", SampleTexts.PRAIA_PT.toUpperCase())))
        .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.detail())
            .startsWith("near duplicate of document 'edited-first': ")
            .doesNotContain("14 of 14"));
  }

  @Test
  void exactCopiesUnderWordNormalizationMatchInEveryBand() {
    MinHashDeduplicator dedup = new MinHashDeduplicator();
    dedup.process(Document.of("a", SampleTexts.RECEITA_PT));
    String reworded = SampleTexts.RECEITA_PT.toLowerCase().replace(",", " ;").replace("ã", "a");
    assertThat(dedup.process(Document.of("b", reworded))).isEqualTo(Outcome.reject(
        "duplicate_near", "near duplicate of an earlier document: 14 of 14 LSH bands match"));
  }

  @Test
  void chainsCollapseOnlyWhenTransitive() {
    // A shares a block of words with B, B another with C; A and C share nothing. With one row
    // per band and 64 bands, any shared block makes a band collide (miss chance below 1e-9).
    String[] words = SampleTexts.HARBOUR_EN.split("\\s+");
    String p = String.join(" ", Arrays.copyOfRange(words, 0, 40));
    String q = String.join(" ", Arrays.copyOfRange(words, 40, 80));
    String r = String.join(" ", Arrays.copyOfRange(words, 80, 120));
    String s = String.join(" ", Arrays.copyOfRange(words, 120, 160));
    List<Document> chain = List.of(Document.of("A", p + " " + q), Document.of("B", q + " " + r),
        Document.of("C", r + " " + s));
    NearDedupConfig loose = NearDedupConfig.builder().bands(64).rows(1).build();

    MinHashDeduplicator plain = new MinHashDeduplicator(loose);
    assertThat(chain.stream().map(plain::process).map(MinHashDeduplicatorTest::kept))
        .containsExactly(true, false, true);
    assertThat(plain.storedKeys()).isLessThanOrEqualTo(2 * 64); // B was not remembered

    MinHashDeduplicator transitive = new MinHashDeduplicator(
        loose.toBuilder().transitive(true).build());
    assertThat(chain.stream().map(transitive::process).map(MinHashDeduplicatorTest::kept))
        .containsExactly(true, false, false);
  }

  @Test
  void shortTextsAreComparedWhole() {
    MinHashDeduplicator dedup = new MinHashDeduplicator();
    assertThat(kept(dedup.process(Document.of("1", "Thank you!")))).isTrue();
    assertThat(kept(dedup.process(Document.of("2", "thank you")))).isFalse();
    assertThat(kept(dedup.process(Document.of("3", "Thank you very much.")))).isTrue();
    assertThat(kept(dedup.process(Document.of("4", "Muito obrigado!")))).isTrue();
    assertThat(kept(dedup.process(Document.of("5", "Muito obrigada!")))).isTrue();
  }

  @Test
  void textsWithoutWordsAreKeptAndCounted() {
    Map<String, Long> counters = new HashMap<>();
    StageContext context = (name, amount) -> counters.merge(name, amount, Long::sum);
    MinHashDeduplicator dedup = new MinHashDeduplicator();
    for (String text : List.of("", "   ", "...", "")) {
      Document doc = Document.of("x", text);
      assertThat(dedup.decide(doc, dedup.analyze(doc, context), context))
          .isEqualTo(Outcome.keep(doc));
    }
    assertThat(counters).containsEntry("no_words", 4L);
    assertThat(dedup.storedKeys()).isZero();
  }

  @Test
  void memoryIsFourteenBandKeysPerKeptDocument() {
    int documents = 20_000;
    SplittableRandom random = new SplittableRandom(5);
    MinHashDeduplicator grown = new MinHashDeduplicator();
    MinHashDeduplicator presized = new MinHashDeduplicator(
        NearDedupConfig.builder().expectedDocuments(documents).build());
    long presizedStart = presized.memoryBytes();
    for (int i = 0; i < documents; i++) {
      long[] keys = random.longs(14).toArray(); // distinct documents
      Document doc = Document.of("d" + i, "unused");
      assertThat(kept(grown.decide(doc, keys, StageContext.NONE))).isTrue();
      assertThat(kept(presized.decide(doc, keys, StageContext.NONE))).isTrue();
    }
    assertThat(grown.storedKeys()).isEqualTo(14L * documents);
    double grownPerDocument = (double) grown.memoryBytes() / documents;
    assertThat(grownPerDocument).isBetween(14 * 8 / 0.75, 14 * 8 * 1.5 / 0.75 + 1);
    assertThat(presized.memoryBytes()).isEqualTo(presizedStart); // never grew
    assertThat((double) presized.memoryBytes() / documents).isBetween(149.0, 150.0);
  }

  @Test
  void pipelineOutputIsTheSameForAnyThreadCountAndKeepsFirstOccurrences() {
    List<Document> docs = corpusWithDuplicates();
    // reference: one deduplicator applied strictly in input order
    MinHashDeduplicator near = new MinHashDeduplicator();
    ExactDeduplicator exact = new ExactDeduplicator();
    List<String> expected = new ArrayList<>();
    for (Document d : docs) {
      if (kept(exact.process(d)) && kept(near.process(d))) {
        expected.add(d.id());
      }
    }
    assertThat(expected).hasSizeBetween(20, docs.size() - 40);

    for (int threads : new int[] {1, 2, 4}) {
      List<String> keptIds = new ArrayList<>();
      List<String> rejections = new ArrayList<>();
      DocumentSink sink = d -> keptIds.add(d.id());
      RejectionSink rejected = (RejectedDocument r) -> rejections.add(r.id() + ":" + r.reason());
      PipelineReport report = Pipeline.from(DataSource.of(docs))
          .dedup(DedupConfig.defaults())
          .nearDedup()
          .writeTo(sink)
          .rejectedTo(rejected)
          .threads(threads)
          .batching(3, 1 << 20)
          .run();
      assertThat(keptIds).as("threads=%s", threads).containsExactlyElementsOf(expected);
      assertThat(report.documentsOut()).isEqualTo(expected.size());
      assertThat(report.stage("dedup").rejected()).containsKey("duplicate_exact");
      assertThat(report.stage("near-dedup").rejected()).containsKey("duplicate_near");
      assertThat(rejections).hasSize(docs.size() - expected.size());
    }
  }

  /** Sample texts, exact copies, edited copies and unrelated sentences, interleaved. */
  private static List<Document> corpusWithDuplicates() {
    String[] bases = {SampleTexts.HARBOUR_EN, SampleTexts.BAKERY_EN, SampleTexts.PRAIA_PT,
        SampleTexts.RECEITA_PT};
    String[] fillers = {"muito", "quite", "rather", "bem", "so", "tão"};
    SplittableRandom random = new SplittableRandom(9);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String base = bases[random.nextInt(bases.length)];
      String text = switch (i % 4) {
        case 0 -> base; // exact copy
        case 1 -> insertWord(base, fillers[random.nextInt(fillers.length)], random); // near copy
        case 2 -> "  " + base.replace("\n", " ") + "\n"; // whitespace variant
        default -> "Document number " + i + " talks about something else entirely, "
            + "item " + random.nextInt(1000) + " of the catalogue.";
      };
      docs.add(Document.of("doc-" + i, text));
    }
    return docs;
  }

  private static String insertWord(String text, String word, SplittableRandom random) {
    String[] words = text.split(" ");
    int at = random.nextInt(words.length);
    words[at] = words[at] + " " + word;
    return String.join(" ", words);
  }
}
