package io.llmtrain.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.filter.GopherRepetitionConfig.NGramLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The optimised filters against {@link ReferenceFilters}, the implementation they replaced: on
 * thousands of seeded random documents (prose in English and Portuguese, repeated lines and
 * paragraphs, bullets, ellipses, e-mail headers, URLs, numbers with units, contractions, code,
 * non-Latin scripts, surrogate pairs, every Python line break) every stage must give the same
 * outcome: the same rejection reason and detail (so the same measured value), or the same kept
 * text, returned as the same instance when unchanged. The counters reported to the context must
 * match too.
 */
class QualityFilterParityTest {
  private static final String[] ENGLISH_WORDS = ("the of and to in a is that for it with as was on "
      + "be by at this have from or had not but what all were when we there can an your which their "
      + "said if do will each about how up out them then she many some so these would other into "
      + "has more her two like him see time could no make than first been its who now people my "
      + "made over did down only way find use may water long little very after words called just "
      + "where most know get through back much before go good new write our used me man too any "
      + "day same right look think also around another came come work three word must because "
      + "does part even place well such here take why things help put years different away again "
      + "off went old number great tell men say small every found still between name should home "
      + "big give air line set own under read last never us left end along while might next sound "
      + "below saw something thought both few those always looked show large often together asked "
      + "house world going want school important until form food keep children feet land side "
      + "without boy once animals life enough took sometimes four head above kind began almost live "
      + "page got earth need far hand high year mother light parts country father let night "
      + "following picture being study second eyes soon times story boys since white days ever "
      + "paper hard near sentence better best across during today others however sure means knew "
      + "miller wheat harvest autumn museum village river valley travellers").split(" ");

  private static final String[] PORTUGUESE_WORDS = ("de que não para com uma os do da em o a e "
      + "é um no na se por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito "
      + "há nos já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter "
      + "seus quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm "
      + "numa pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse "
      + "dele coração ação informação região moinho trigo moleiro outono crianças pedras rio "
      + "primavera viajantes sombra olmos mulher pão verões água trabalho estrada comércio "
      + "edifício museu voluntários São Paulo Lisboa Porto João José Conceição").split(" ");

  private static final String[] ODD_TOKENS = {
      "don't", "it's", "I'm", "we'll", "can't", "won't", "you're", "they've", "dont", "Its",
      "Mr.", "Dr.", "e.g.", "i.e.", "U.S.", "etc.", "vs.", "Jan.", "St.",
      "well-known", "state-of-the-art", "mother-in-law", "co-op", "e-mail",
      "1920", "3.5", "5km", "10kg", "$20", "20US$", "US$5", "C$10", "€30", "£5", "10%", "+44",
      "1-2", "2+2", "3*4", "12:36:23", "2002-08-22", "1,000", "1.000,50", "25°F.", "100MB",
      "http://example.com/a-b?x=1", "https://www.example.org:8080/path#top", "www.example.org",
      "example.com/a-b", "name@host.org", "<zzzz@localhost>;", "user.name@mail.example.co.uk",
      "127.0.0.1", "ftp://files.example.net", "x.y", "a.B", "end.Start", "word,word",
      "“quoted”", "'single'", "(parenthetical)", "[12]", "[edit]", "[citation needed]", "[]",
      "\"Yes\";", "(Really!)", "no...", "...and", "wait…", "…", "——", "—", "–", "--", "a--b",
      "ação", "coração", "naïve", "Straße", "İstanbul", "ﬁne", "東京。", "日本語", "Ελλάδα",
      "русский", "עברית", "عربي", "😀", "👍🏽", "𝒜𝓁𝓅𝒽𝒶", "a😀b", "☺", "★★★", "♥",
      "#hashtag", "##", "#", "@", "&amp;", "->", "=>", "<br>", "a=b", "a/b", "a:b", "a<b",
      "•", "-", "*", "§3", "=", "~", "a~b", "¿Qué?", "¡Hola!", "«guillemets»", "„Zitat“",
      "{code}", "function(){", "}", "x{", "javascript", "JavaScript:void(0)", "lorem", "ipsum",
      "Received:", "by", "with", "ESMTP", "id", "D03E543C36", "(Postfix)", "for", "<a@b.c>;",
      "Thu,", "22", "Aug", "2002", "-0400", "(EDT)", "=20", "=3D", "--=_NextPart_000",
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5E"
  };

  private static final String[] LINE_BREAKS = {"\n", "\n", "\n", "\n", "\n\n", "\r\n", "\r",
      "\u2028", "\u2029", "\u000b", "\u000c", "\u001c", "\u001d", "\u001e", "\u0085", "\n\n\n",
      "\n \n", "\n\t\n"};

  private static final String[] SPACES = {" ", " ", " ", " ", " ", "  ", "\t", "\u00a0",
      "\u3000", "\u2009", "\u001f", " \u200b "};

  /** One document of a seeded random mixture, its proportions drawn per document. */
  private static String document(Random r) {
    int lines = 1 + r.nextInt(r.nextInt(5) == 0 ? 120 : 30);
    double oddRate = r.nextInt(25) == 0 ? 0.95 : r.nextDouble() * (r.nextBoolean() ? 0.05 : 0.5);
    double portuguese = r.nextInt(3) == 0 ? 0.9 : 0.05;
    double repeatLine = r.nextInt(3) == 0 ? r.nextDouble() * 0.6 : 0.02;
    double bullets = r.nextInt(4) == 0 ? r.nextDouble() : 0.02;
    double ellipses = r.nextInt(4) == 0 ? r.nextDouble() : 0.03;
    double noTerminal = r.nextDouble() * 0.5;
    double odd = r.nextDouble();
    List<String> written = new ArrayList<>();
    StringBuilder out = new StringBuilder();
    if (r.nextInt(10) == 0) {
      out.append(SPACES[r.nextInt(SPACES.length)]).append('\n');
    }
    for (int li = 0; li < lines; li++) {
      String line;
      if (!written.isEmpty() && r.nextDouble() < repeatLine) {
        // A repeat of an earlier line, or of a run of them (a repeated paragraph).
        int from = r.nextInt(written.size());
        int to = Math.min(written.size(), from + 1 + (r.nextBoolean() ? 0 : r.nextInt(4)));
        line = String.join("\n", written.subList(from, to));
      } else {
        line = line(r, oddRate, portuguese, bullets, ellipses, noTerminal, odd);
        written.add(line);
      }
      out.append(line);
      if (li + 1 < lines || r.nextInt(4) == 0) {
        out.append(LINE_BREAKS[r.nextInt(r.nextInt(3) == 0 ? LINE_BREAKS.length : 5)]);
      }
    }
    if (r.nextInt(8) == 0) {
      out.append(SPACES[r.nextInt(SPACES.length)]);
    }
    return out.toString();
  }

  private static String line(Random r, double oddRate, double portuguese, double bullets,
      double ellipses, double noTerminal, double odd) {
    StringBuilder line = new StringBuilder();
    if (r.nextInt(12) == 0) {
      line.append(SPACES[r.nextInt(SPACES.length)]);
    }
    if (r.nextDouble() < bullets) {
      line.append(r.nextBoolean() ? "• " : r.nextBoolean() ? "- " : "-");
    }
    if (odd > 0.97) {
      // One very long word (C4's word-length rule) or a header line.
      if (r.nextBoolean()) {
        line.append("x".repeat(900 + r.nextInt(300)));
      } else {
        line.append("Received: from localhost (localhost [127.0.0.1]) by phobos.labs.example.com");
      }
    }
    int words = 1 + r.nextInt(r.nextInt(6) == 0 ? 4 : 25);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        line.append(r.nextInt(30) == 0 ? SPACES[r.nextInt(SPACES.length)] : " ");
      }
      String word;
      if (r.nextDouble() < oddRate) {
        word = ODD_TOKENS[r.nextInt(ODD_TOKENS.length)];
      } else if (r.nextDouble() < portuguese) {
        word = PORTUGUESE_WORDS[r.nextInt(PORTUGUESE_WORDS.length)];
      } else {
        word = ENGLISH_WORDS[r.nextInt(ENGLISH_WORDS.length)];
      }
      if (w == 0 && r.nextInt(3) == 0 && !word.isEmpty()) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      line.append(word);
      if (r.nextInt(12) == 0) {
        line.append(",;:!?)\"'".charAt(r.nextInt(8)));
      }
    }
    if (r.nextDouble() < ellipses) {
      line.append(r.nextBoolean() ? "..." : r.nextBoolean() ? "…" : " ...");
    } else if (r.nextDouble() >= noTerminal) {
      line.append(".?!\"'.".charAt(r.nextInt(6)));
      if (r.nextInt(5) == 0) {
        line.append(' ').append(Texts.ENGLISH.get(r.nextInt(Texts.ENGLISH.size())));
      }
    }
    if (r.nextInt(40) == 0) {
      line.append(r.nextBoolean() ? " lorem ipsum dolor." : " { braces }.");
    }
    if (r.nextInt(40) == 0) {
      line.append(r.nextBoolean() ? " Enable JavaScript." : " Read our Privacy Policy.");
    }
    if (r.nextInt(15) == 0) {
      line.append(SPACES[r.nextInt(SPACES.length)]);
    }
    return line.toString();
  }

  /** Real prose, lightly varied: the documents most pipelines keep. */
  private static String prose(Random r) {
    List<String> sentences = r.nextBoolean() ? Texts.ENGLISH : Texts.PORTUGUESE;
    StringBuilder out = new StringBuilder();
    int paragraphs = 1 + r.nextInt(6);
    for (int p = 0; p < paragraphs; p++) {
      if (p > 0) {
        out.append("\n\n");
      }
      int n = 2 + r.nextInt(8);
      for (int s = 0; s < n; s++) {
        out.append(s > 0 ? " " : "").append(sentences.get(r.nextInt(sentences.size())));
      }
    }
    return out.toString();
  }

  private record Result(String outcome, Map<String, Long> counters) {
  }

  private static Result run(DocumentProcessor processor, Document doc) {
    Map<String, Long> counters = new TreeMap<>();
    StageContext context = (name, amount) -> counters.merge(name, amount, Long::sum);
    Outcome out = processor.process(doc, context);
    String described;
    if (out instanceof Outcome.Rejected rejected) {
      described = "rejected " + rejected.reason() + ": " + rejected.detail();
    } else {
      Document kept = ((Outcome.Kept) out).document();
      described = (kept == doc ? "kept unchanged: " : "kept edited: ") + kept.text();
    }
    return new Result(described, counters);
  }

  /** Asserts the same results on every document, and returns the reasons seen. */
  private static Set<String> assertSame(DocumentProcessor optimised, DocumentProcessor reference,
      List<Document> docs) {
    Set<String> reasons = new TreeSet<>();
    for (Document doc : docs) {
      Result expected = run(reference, doc);
      Result actual = run(optimised, doc);
      assertThat(actual).as("document %s:%n%s", doc.id(), doc.text()).isEqualTo(expected);
      String o = expected.outcome();
      reasons.add(o.startsWith("rejected ") ? o.substring(9, o.indexOf(':')) : o.substring(0,
          o.indexOf(':')));
    }
    return reasons;
  }

  private static List<Document> corpus(long seed, int size) {
    Random r = new Random(seed);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      docs.add(Document.of(seed + "-" + i, r.nextInt(6) == 0 ? prose(r) : document(r)));
    }
    return docs;
  }

  @Test
  void compositeGivesTheReferenceOutcomeOnGeneratedDocuments() {
    List<Document> docs = corpus(20261129L, 3000);
    Set<String> reasons = assertSame(new QualityFilter(),
        new ReferenceFilters.RefQualityFilter(QualityConfig.defaults()), docs);
    // The mixture reaches most rules, so the comparison covers them.
    assertThat(reasons).contains("kept unchanged", "kept edited", "gopher_dup_line_frac",
        "gopher_dup_para_frac", "gopher_top_2_gram", "gopher_dup_5_gram", "gopher_too_few_words",
        "gopher_symbol_ratio", "gopher_bullet_lines", "gopher_ellipsis_lines", "gopher_too_few_alpha_words",
        "gopher_too_few_stop_words", "c4_too_few_sentences");
    assertThat(reasons.size()).isGreaterThanOrEqualTo(18);
  }

  @Test
  void eachStageOnItsOwnGivesTheReferenceOutcome() {
    List<Document> docs = corpus(7L, 1500);
    assertSame(new GopherRepetitionFilter(),
        new ReferenceFilters.RefGopherRepetitionFilter(GopherRepetitionConfig.defaults()), docs);
    assertSame(new GopherQualityFilter(),
        new ReferenceFilters.RefGopherQualityFilter(GopherQualityConfig.defaults()), docs);
    assertSame(new C4QualityFilter(), new ReferenceFilters.RefC4QualityFilter(C4Config.defaults()),
        docs);
  }

  @Test
  void otherSettingsGiveTheReferenceOutcome() {
    List<Document> docs = corpus(42L, 800);
    List<QualityConfig> configs = List.of(
        // Unusual n-gram limits: n = 1, out of order, repeated, tight.
        QualityConfig.builder().gopherRepetition(GopherRepetitionConfig.builder()
            .topNGramCharFractions(List.of(new NGramLimit(4, 0.05), new NGramLimit(1, 0.3),
                new NGramLimit(12, 0.02)))
            .dupNGramCharFractions(List.of(new NGramLimit(9, 0.02), new NGramLimit(3, 0.2),
                new NGramLimit(1, 0.5), new NGramLimit(9, 0.01)))
            .build()).build(),
        // Loose limits, so that documents reach the later rules; some rules off.
        QualityConfig.builder().gopherRepetition(GopherRepetitionConfig.builder()
            .maxDupLineFraction(0).maxDupParagraphFraction(0.9).maxDupLineCharFraction(0.9)
            .maxDupParagraphCharFraction(0)
            .topNGramCharFractions(List.of(new NGramLimit(2, 0.6), new NGramLimit(3, 0)))
            .dupNGramCharFractions(List.of(new NGramLimit(5, 0.5), new NGramLimit(7, 0.4),
                new NGramLimit(10, 0.3)))
            .build())
            .gopherQuality(GopherQualityConfig.builder().minWords(5).minAlphaWordRatio(0.5)
                .stopWordLanguages(List.of("en", "pt")).build())
            .build(),
        // Only the n-gram rules, then only the line rules.
        QualityConfig.builder().gopherQualityEnabled(false).c4Enabled(false)
            .gopherRepetition(GopherRepetitionConfig.builder().maxDupLineFraction(0)
                .maxDupParagraphFraction(0).maxDupLineCharFraction(0)
                .maxDupParagraphCharFraction(0).build()).build(),
        QualityConfig.builder().gopherRepetition(GopherRepetitionConfig.builder()
            .topNGramCharFractions(List.of()).dupNGramCharFractions(List.of()).build()).build(),
        // C4 without the Gopher rules: it tokenizes line by line.
        QualityConfig.builder().gopherRepetitionEnabled(false).gopherQualityEnabled(false)
            .build(),
        QualityConfig.builder().gopherQualityEnabled(false)
            .c4(C4Config.builder().minSentences(1).minWordsPerLine(1).build()).build());
    for (QualityConfig config : configs) {
      assertSame(new QualityFilter(config), new ReferenceFilters.RefQualityFilter(config), docs);
    }
  }
}
