package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.List;
import java.util.Optional;

/**
 * The composite {@code clean} stage: applies the enabled parts in one processor, counting under
 * this stage the counters the parts count on their own.
 *
 * <p>It reads ordinary prose about three times: one triage pass notes which parts can have work
 * (a long symbol run, a pictograph, a digit, '@', ':'), so the symbol and emoji parts usually do
 * not run at all; the number detectors scan from the first digit; and boilerplate phrases and
 * offensive words share one pass over the words. These fusions change nothing in the result: it
 * is that of running the parts one after another in the order below.
 *
 * <p>The parts run in this order, chosen so that cleaning twice gives the same text as cleaning
 * once (no part creates work for a part that ran before it):
 * <ol>
 *   <li>symbol runs ({@link SymbolRunRemover}), treating the markers the later parts write
 *       ("[EMAIL]", "****") as words, so that a second pass sees them as the first saw the words
 *       they replaced;
 *   <li>emoji ({@link EmojiRemover}), which never glues two symbol runs together;
 *   <li>PII ({@link PiiRedactor}), whose placeholders are checked to survive the parts above;
 *   <li>offensive words, in {@code mask} mode ({@link OffensiveFilter}), whose mask is checked the
 *       same way;
 *   <li>boilerplate lines ({@link BoilerplateRemover}), last among the editing parts because it
 *       decides on whole lines, which the parts above change: a line removed for being nothing
 *       but symbols or for being short must be judged on its final form;
 *   <li>offensive words, in {@code reject} mode, judged on the text that will be kept.
 * </ol>
 *
 * <p>Rejection reasons are those of the parts: {@code symbols_only}, {@code emoji_only},
 * {@code boilerplate_only}, {@code offensive_ratio}. Thread-safe.
 */
public final class Cleaner implements DocumentProcessor {
  private final CleanConfig config;
  private final SymbolRunRemover symbols;
  private final EmojiRemover emoji;
  private final PiiRedactor pii;
  private final OffensiveFilter offensive;
  private final boolean maskOffensive;
  private final BoilerplateRemover boilerplate;
  private final int minRun;
  private final WordMatcher.Union boilerplateAndOffensive;
  /** The {@link Triage} flags of the text the emoji part writes in place of emoji. */
  private final int emojiReplacementHints;

  public Cleaner(CleanConfig config) {
    this.config = requireNonNull(config, "config");
    this.symbols = config.symbolsEnabled()
        ? new SymbolRunRemover(config.symbols(), config.markers()) : null;
    this.emoji = config.emojiEnabled() ? new EmojiRemover(config.emoji()) : null;
    this.emojiReplacementHints = config.emoji().mode() == EmojiConfig.Mode.REPLACE
        ? Triage.scan(config.emoji().replacement().toCharArray(), Integer.MAX_VALUE) : 0;
    this.pii = config.piiEnabled() && config.pii().anyEnabled()
        ? new PiiRedactor(config.pii()) : null;
    this.offensive = config.offensiveEnabled() ? new OffensiveFilter(config.offensive()) : null;
    this.maskOffensive = config.offensive().mode() == OffensiveConfig.Mode.MASK;
    this.boilerplate = config.boilerplateEnabled()
        ? new BoilerplateRemover(config.boilerplate()) : null;
    this.minRun = config.symbols().minRun();
    this.boilerplateAndOffensive = boilerplate != null && offensive != null
        ? boilerplate.unionWith(List.of(offensive.matcher())) : null;
  }

  /** Created on first use: a static field would tie class initialization to CleanConfig's. */
  private static final class DefaultHolder {
    static final Cleaner INSTANCE = new Cleaner(CleanConfig.defaults());
  }

  /** A shared cleaner with the default configuration. */
  public static Cleaner withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public CleanConfig config() {
    return config;
  }

  @Override
  public String name() {
    return CleanConfig.NAME;
  }

  /**
   * Cleans {@code text}: the cleaned text, or empty when the document would be rejected (nothing
   * left, or too many offensive words).
   */
  public Optional<String> apply(String text) {
    Outcome outcome = process(Document.of("text", text));
    return outcome instanceof Outcome.Kept kept ? Optional.of(kept.document().text())
        : Optional.empty();
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    // The characters of textOfChars, shared by the parts that scan a char[].
    String textOfChars = text;
    char[] chars = text.toCharArray();
    long scanned = Triage.scanRuns(chars, minRun);
    int hints = Triage.flags(scanned);
    if (symbols != null && (hints & Triage.SYMBOL_RUN) != 0) {
      String next = symbols.apply(text, chars, context, Triage.firstRun(scanned));
      if (emptied(text, next)) {
        return Outcome.reject(SymbolRunRemover.REASON_ONLY_SYMBOLS,
            "nothing left after removing symbol runs");
      }
      text = next;
    }
    if (emoji != null && (hints & Triage.EMOJI) != 0) {
      // Removing symbols adds no emoji, so the hint still holds.
      String next = emoji.applyScanned(text, context);
      if (emptied(text, next)) {
        return Outcome.reject(EmojiRemover.REASON_ONLY_EMOJI, "nothing left after removing emoji");
      }
      if (next != text) {
        // A replacement may bring characters the first pass did not see.
        hints |= emojiReplacementHints;
      }
      text = next;
    }
    if (pii != null) {
      // The hints still hold where the parts above changed the text: they only remove
      // characters, shorten runs of symbols, add single spaces and the emoji replacement. Flags
      // of removed characters may stay raised, which only costs PII a look.
      if (text != textOfChars) {
        textOfChars = text;
        chars = text.toCharArray();
      }
      text = pii.apply(text, chars, context, hints);
    }
    if (offensive != null && maskOffensive && boilerplate == null) {
      text = offensive.mask(text, context);
    }
    OffensiveFilter.Stats stats = null;
    if (boilerplate != null) {
      char[] current = text == textOfChars ? chars : null;
      String next;
      if (offensive != null) {
        // One pass over the words for both: offensive words are masked, or counted over the
        // lines that are kept for the ratio, as if boilerplate had run on the result.
        BoilerplateRemover.Tally tally =
            boilerplate.tally(maskOffensive ? offensive.config().mask() : null);
        next = boilerplate.apply(text, current, context, boilerplateAndOffensive, tally);
        if (maskOffensive && tally.allMatches > 0) {
          context.count(OffensiveFilter.COUNTER_WORDS, tally.allMatches);
        }
        stats = new OffensiveFilter.Stats(tally.keptMatches, tally.keptWords);
      } else {
        next = boilerplate.apply(text, current, context, null, null);
      }
      if (next != text && next.isBlank()) {
        return Outcome.reject(BoilerplateRemover.REASON_ONLY_BOILERPLATE,
            "every line was boilerplate");
      }
      text = next;
    }
    Document cleaned = document.withText(text);
    if (offensive != null && !maskOffensive) {
      return stats == null ? offensive.judge(cleaned, context)
          : offensive.judge(cleaned, stats, context);
    }
    return Outcome.keep(cleaned);
  }

  private static boolean emptied(String before, String after) {
    return after != before && after.isBlank() && !before.isBlank();
  }
}
