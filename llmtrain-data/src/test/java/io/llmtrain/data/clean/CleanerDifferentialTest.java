package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of cleaning give exactly what straightforward code gives, on a few thousand
 * seeded random documents that mix English and Portuguese prose, e-mail headers, HTML, personal
 * data, symbol runs, emoji, invisible characters and boilerplate lines.
 *
 * <p>The straightforward code is kept here: a triage that counts every character, a symbol-run
 * scan that looks at every position, a number search that tries every position, the exact word
 * scan, and the clean stage as its parts run one after another. The decisions taken at a
 * position (what a run keeps, what shape a number has) are the production ones; what is checked
 * is that the fast paths skip only positions where nothing can happen.
 */
class CleanerDifferentialTest {
  private static final int DOCUMENTS = 2000;
  private static final long SEED = 0x5eed_c1ea4L;

  private static List<String> documents;

  @BeforeAll
  static void generate() {
    Random random = new Random(SEED);
    documents = new ArrayList<>();
    for (int d = 0; d < DOCUMENTS; d++) {
      documents.add(RandomDocuments.document(random));
    }
  }

  @Test
  void triageAgreesWithCountingEveryCharacter() {
    int minRun = SymbolsConfig.DEFAULT_MIN_RUN;
    for (String text : documents) {
      char[] chars = text.toCharArray();
      long scanned = Triage.scanRuns(chars, minRun);
      int[] expected = referenceTriage(text, minRun);
      assertThat(Triage.flags(scanned)).as(text).isEqualTo(expected[0]);
      assertThat(Triage.firstRun(scanned)).as(text).isEqualTo(expected[1]);
      assertThat(Triage.scan(chars, Integer.MAX_VALUE))
          .isEqualTo(referenceTriage(text, Integer.MAX_VALUE)[0]);
    }
  }

  @Test
  void symbolRunsAgreeWithAScanOfEveryPosition() {
    CleanConfig config = CleanConfig.defaults();
    SymbolRunRemover remover = new SymbolRunRemover(config.symbols(), config.markers());
    SymbolRunRemover withoutMarkers = new SymbolRunRemover(
        SymbolsConfig.builder().minRun(3).build());
    for (String text : documents) {
      for (SymbolRunRemover r : List.of(remover, withoutMarkers)) {
        Counts fast = new Counts();
        Counts plain = new Counts();
        assertThat(r.apply(text, fast)).as(text).isEqualTo(referenceSymbols(r, text, plain));
        assertThat(fast.nonZero()).as(text).isEqualTo(plain.nonZero());
      }
    }
  }

  @Test
  void numbersAgreeWithALookAtEveryPosition() {
    PiiRedactor pii = PiiRedactor.withDefaults();
    for (String text : documents) {
      assertSameNumbers(pii, text);
    }
  }

  @Test
  void wordScanAgreesWithTheExactScan() {
    WordMatcher.Union union = BoilerplateRemover.withDefaults()
        .unionWith(List.of(OffensiveFilter.withDefaults().matcher()));
    for (String text : documents) {
      assertSameWords(union, text);
    }
  }

  @Test
  void cleanerAgreesWithItsPartsRunOneAfterAnother() {
    CleanConfig masking = CleanConfig.builder()
        .offensive(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build()).build();
    CleanConfig replacing = CleanConfig.builder()
        .emoji(EmojiConfig.builder().mode(EmojiConfig.Mode.REPLACE).replacement("<emoji 1:1>")
            .build()).build();
    for (CleanConfig config : List.of(CleanConfig.defaults(), masking, replacing)) {
      Cleaner cleaner = new Cleaner(config);
      Sequential parts = new Sequential(config);
      int kept = 0;
      for (String text : documents) {
        Counts fused = new Counts();
        Outcome outcome = cleaner.process(Document.of("d", text), fused);
        Counts sequential = new Counts();
        Outcome expected = parts.process(text, sequential);
        assertThat(describe(outcome)).as(text).isEqualTo(describe(expected));
        assertThat(fused.nonZero()).as(text).isEqualTo(sequential.nonZero());
        kept += outcome instanceof Outcome.Kept ? 1 : 0;
      }
      // The documents exercise both outcomes.
      assertThat(kept).isBetween(DOCUMENTS / 2, DOCUMENTS - 10);
    }
  }

  // ------------------------------------------------------------------ straightforward code

  /** {flags, first run} counted character by character, as {@link Triage} documents them. */
  private static int[] referenceTriage(String text, int minRun) {
    int flags = 0;
    int run = 0;
    int firstRun = -1;
    boolean surrogates = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      byte cls = CharTables.classOf(c);
      if (cls == CharTables.SYMBOL) {
        run++;
        if (run >= minRun && firstRun < 0) {
          firstRun = i - run + 1;
        }
      } else {
        run = 0;
      }
      if (cls == CharTables.EMOJI) {
        flags |= Triage.EMOJI;
      }
      if (cls == CharTables.SURROGATE) {
        flags |= Triage.EMOJI | Triage.SYMBOL_RUN;
        surrogates = true;
      }
      if (c >= '0' && c <= '9') {
        flags |= Triage.DIGIT;
      }
      if (c == '@') {
        flags |= Triage.AT;
      }
      if (c == ':') {
        flags |= Triage.COLON;
      }
    }
    if (firstRun >= 0) {
      flags |= Triage.SYMBOL_RUN;
    }
    return new int[] {flags, surrogates ? -1 : firstRun};
  }

  /** The symbol-run scan at every position of the text, each looked up on its own. */
  private static String referenceSymbols(SymbolRunRemover remover, String text,
      StageContext context) {
    int minRun = remover.config().minRun();
    int n = text.length();
    TextEditor editor = null;
    int removed = 0;
    int i = 0;
    while (i < n) {
      byte cls = CharTables.classOf(text.charAt(i));
      if (cls != CharTables.SYMBOL
          && !(cls == CharTables.SURROGATE && SymbolRunRemover.isSymbolAt(text, i))) {
        i++;
        continue;
      }
      int marker = remover.markerAt(text, i);
      if (marker > 0) {
        i += marker;
        continue;
      }
      int start = i;
      int length = 0;
      while (i < n) {
        byte k = CharTables.classOf(text.charAt(i));
        if (k == CharTables.SYMBOL && remover.markerAt(text, i) == 0) {
          i++;
        } else if (k == CharTables.SURROGATE && SymbolRunRemover.isSymbolAt(text, i)) {
          i += 2;
        } else {
          break;
        }
        length++;
      }
      if (length < minRun) {
        continue;
      }
      int end = i;
      boolean leftAttached = start > 0
          && !SymbolRunRemover.isSpaceOrBreak(CharTables.classBefore(text, start));
      boolean rightAttached = end < n
          && !SymbolRunRemover.isSpaceOrBreak(CharTables.classAt(text, end));
      String kept = remover.keptPart(text, start, end, leftAttached, rightAttached);
      if (kept == null || SymbolRunRemover.isInsideUrl(text, start, end)) {
        continue;
      }
      if (editor == null) {
        editor = new TextEditor(text);
      }
      removed++;
      if ((!leftAttached && !rightAttached) || kept.isEmpty()) {
        editor.delete(start, end);
        i = editor.resumeAt();
      } else {
        editor.replace(start, end, kept);
      }
    }
    if (editor == null) {
      return text;
    }
    context.count(SymbolRunRemover.COUNTER_REMOVED, removed);
    return editor.result();
  }

  private static void assertSameNumbers(PiiRedactor pii, String text) {
    char[] chars = text.toCharArray();
    PiiRedactor.Spans fast = new PiiRedactor.Spans();
    pii.findNumbers(chars, fast);
    PiiRedactor.Spans everyPosition = new PiiRedactor.Spans();
    PiiRedactor.NumberShape shape = new PiiRedactor.NumberShape();
    for (int i = 0; i < chars.length; ) {
      i = pii.numberAt(chars, i, shape, everyPosition);
    }
    assertThat(spans(fast)).as(text).isEqualTo(spans(everyPosition));
  }

  private static List<String> spans(PiiRedactor.Spans spans) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < spans.size; k++) {
      out.add(spans.start(k) + "-" + spans.end(k) + ":" + spans.kind(k));
    }
    return out;
  }

  /** Each line scanned by the fast scan and by the exact scan: same words, census, matches. */
  private static void assertSameWords(WordMatcher.Union union, String text) {
    char[] chars = text.toCharArray();
    int lineStart = 0;
    while (lineStart <= text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      assertThat(words(union, chars, text, lineStart, lineEnd, false))
          .as(text.substring(lineStart, lineEnd))
          .isEqualTo(words(union, chars, text, lineStart, lineEnd, true));
      lineStart = lineEnd + 1;
    }
  }

  private static List<String> words(WordMatcher.Union union, char[] chars, String text,
      int from, int to, boolean exact) {
    List<String> seen = new ArrayList<>();
    WordMatcher.Sink[] sinks = new WordMatcher.Sink[union.matchers.length];
    for (int k = 0; k < sinks.length; k++) {
      int layer = k;
      sinks[k] = (e, s, t) -> seen.add(layer + ":" + s + "-" + t + ":" + e);
    }
    WordMatcher.Layers layers = new WordMatcher.Layers(union, sinks);
    int words = exact ? layers.scanExactly(chars, text, from, to)
        : layers.scan(chars, text, from, to);
    seen.add("words=" + words + " census=" + layers.census());
    return seen;
  }

  /**
   * The clean stage as its parts run one after another on their own, in the order
   * {@link Cleaner} documents, with the straightforward symbol scan; along the way, the number
   * search and the word scan are checked on the text they see.
   */
  private static final class Sequential {
    private final SymbolRunRemover symbols;
    private final EmojiRemover emoji;
    private final PiiRedactor pii;
    private final OffensiveFilter offensive;
    private final boolean mask;
    private final BoilerplateRemover boilerplate;
    private final WordMatcher.Union words;

    Sequential(CleanConfig config) {
      symbols = new SymbolRunRemover(config.symbols(), config.markers());
      emoji = new EmojiRemover(config.emoji());
      pii = new PiiRedactor(config.pii());
      offensive = new OffensiveFilter(config.offensive());
      mask = config.offensive().mode() == OffensiveConfig.Mode.MASK;
      boilerplate = new BoilerplateRemover(config.boilerplate());
      words = boilerplate.unionWith(List.of(offensive.matcher()));
    }

    Outcome process(String text, StageContext context) {
      String next = referenceSymbols(symbols, text, context);
      if (emptied(text, next)) {
        return Outcome.reject(SymbolRunRemover.REASON_ONLY_SYMBOLS, "symbols");
      }
      text = next;
      next = emoji.apply(text, context);
      if (emptied(text, next)) {
        return Outcome.reject(EmojiRemover.REASON_ONLY_EMOJI, "emoji");
      }
      text = next;
      assertSameNumbers(pii, text);
      text = pii.apply(text, context);
      if (mask) {
        text = offensive.mask(text, context);
      }
      assertSameWords(words, text);
      next = boilerplate.apply(text, context);
      if (next != text && next.isBlank()) {
        return Outcome.reject(BoilerplateRemover.REASON_ONLY_BOILERPLATE, "boilerplate");
      }
      Document cleaned = Document.of("d", next);
      return mask ? Outcome.keep(cleaned) : offensive.judge(cleaned, context);
    }

    private static boolean emptied(String before, String after) {
      return after != before && after.isBlank() && !before.isBlank();
    }
  }

  /** The text kept, or the reason and, for the offensive ratio, the figures. */
  private static String describe(Outcome outcome) {
    if (outcome instanceof Outcome.Kept kept) {
      return "kept:" + kept.document().text();
    }
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    return "rejected:" + rejected.reason() + (rejected.reason().equals(
        OffensiveFilter.REASON_RATIO) ? ":" + rejected.detail() : "");
  }

  /** Counters, summed. */
  private static final class Counts implements StageContext {
    private final Map<String, Long> counts = new TreeMap<>();

    @Override
    public void count(String counter, long amount) {
      counts.merge(counter, amount, Long::sum);
    }

    Map<String, Long> nonZero() {
      Map<String, Long> out = new TreeMap<>(counts);
      out.values().removeIf(v -> v == 0);
      return out;
    }
  }
}
