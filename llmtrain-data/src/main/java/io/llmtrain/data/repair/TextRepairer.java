package io.llmtrain.data.repair;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;

/**
 * Repairs text damaged in transit (processor {@code repair}): mojibake, control characters, CR
 * line ends, unpaired surrogates, zero-width characters and, optionally, U+FFFD; see
 * {@link RepairConfig}. Never rejects a document.
 *
 * <p>Clean text costs one scan and comes back as the same {@link Document} instance. Counters:
 * {@code mojibake_fixed} (sequences), {@code c1_controls_fixed}, {@code control_chars_removed}, {@code newlines_normalized},
 * {@code surrogates_removed}, {@code replacement_chars_removed}, {@code zero_width_removed}.
 * Thread-safe.
 */
public final class TextRepairer implements DocumentProcessor {
  private static final TextRepairer DEFAULT = new TextRepairer(RepairConfig.defaults());

  private static final int MOJIBAKE = 0;
  private static final int C1 = 1;
  private static final int CONTROL = 2;
  private static final int NEWLINES = 3;
  private static final int SURROGATES = 4;
  private static final int REPLACEMENT = 5;
  private static final int ZERO_WIDTH = 6;
  private static final String[] COUNTERS = {"mojibake_fixed", "c1_controls_fixed",
      "control_chars_removed", "newlines_normalized", "surrogates_removed",
      "replacement_chars_removed", "zero_width_removed"};

  private static final int NEEDS_MOJIBAKE = 1;
  private static final int NEEDS_CLEANING = 2;

  private final RepairConfig config;

  public TextRepairer(RepairConfig config) {
    this.config = requireNonNull(config, "config");
  }

  public TextRepairer() {
    this(RepairConfig.defaults());
  }

  /** Repairs text with the default configuration. */
  public static String repair(String text) {
    return DEFAULT.repairText(text);
  }

  public RepairConfig config() {
    return config;
  }

  @Override
  public String name() {
    return RepairConfig.NAME;
  }

  /** Repairs text with this repairer's configuration; the same instance when nothing changed. */
  public String repairText(String text) {
    return repair(text, new long[COUNTERS.length]);
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    long[] counts = new long[COUNTERS.length];
    String repaired = repair(document.text(), counts);
    if (repaired == document.text()) {
      return Outcome.keep(document);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        context.count(COUNTERS[i], counts[i]);
      }
    }
    return Outcome.keep(document.withText(repaired));
  }

  private String repair(String text, long[] counts) {
    int needs = scan(text);
    String s = text;
    if ((needs & NEEDS_MOJIBAKE) != 0) {
      int[] fixed = new int[1];
      s = Mojibake.fix(s, fixed);
      counts[MOJIBAKE] += fixed[0];
      if (s != text) {
        // A repaired sequence can be a byte-order mark or zero-width space.
        needs = scan(s);
      }
    }
    if ((needs & NEEDS_CLEANING) != 0) {
      s = clean(s, counts);
    }
    return s;
  }

  /** One pass that finds whether there is anything to do at all. */
  private int scan(String s) {
    boolean mojibake = false;
    boolean cleaning = false;
    boolean wantMojibake = config.fixMojibake();
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F || c == '\n' || c == '\t') {
        continue;
      }
      if (c < 0x80) {
        cleaning |= c == '\r' ? config.normalizeNewlines() : config.removeControlChars();
      } else if (c < 0xA0) {
        cleaning |= config.fixC1Controls() || config.removeControlChars();
      } else if (c >= 0xC2 && c <= 0xF4) {
        mojibake |= wantMojibake && Mojibake.mayStartAt(s, i);
      } else if (c == '\u00AD') {
        cleaning |= config.removeZeroWidth();
      } else if (c >= 0x2000) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          cleaning |= needsCleaning(c);
        }
      }
      if (cleaning && (mojibake || !wantMojibake)) {
        break;
      }
    }
    return (mojibake ? NEEDS_MOJIBAKE : 0) | (cleaning ? NEEDS_CLEANING : 0);
  }

  private boolean needsCleaning(char c) {
    if (Character.isSurrogate(c)) {
      return config.removeSurrogates();
    }
    if (c == '\uFFFD') {
      return config.removeReplacementChars();
    }
    if (c == '\uFFFE' || c == '\uFFFF') {
      return config.removeControlChars();
    }
    return isZeroWidth(c) && config.removeZeroWidth();
  }

  private static boolean isZeroWidth(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
        || c == '\u00AD';
  }

  private String clean(String s, long[] counts) {
    int n = s.length();
    StringBuilder out = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7F || c == '\n' || c == '\t') {
        out.append(c);
      } else if (c == '\r') {
        if (config.normalizeNewlines()) {
          counts[NEWLINES]++;
          if (i + 1 < n && s.charAt(i + 1) == '\n') {
            continue;
          }
          out.append('\n');
        } else {
          out.append(c);
        }
      } else if (c >= 0x80 && c < 0xA0 && config.fixC1Controls()
          && Windows1252.charOf(c) != c) {
        out.append(Windows1252.charOf(c));
        counts[C1]++;
      } else if (c < 0x20 || c >= 0x7F && c < 0xA0 || c == '\uFFFE' || c == '\uFFFF') {
        if (config.removeControlChars()) {
          counts[CONTROL]++;
          // These separate lines or pages; dropping them would join the words on either side.
          // (U+0085 only gets here when it is not read as Windows-1252's ellipsis.)
          if (c == '\f' || c == '\u000B' || c == '\u0085') {
            out.append('\n');
          }
        } else {
          out.append(c);
        }
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        } else if (config.removeSurrogates()) {
          counts[SURROGATES]++;
        } else {
          out.append(c);
        }
      } else if (c == '\uFFFD' && config.removeReplacementChars()) {
        counts[REPLACEMENT]++;
      } else if (config.removeZeroWidth() && isZeroWidth(c) && !isMeaningfulJoiner(s, i)) {
        counts[ZERO_WIDTH]++;
      } else {
        out.append(c);
      }
    }
    return out.length() == n && out.toString().equals(s) ? s : out.toString();
  }

  /**
   * Zero-width (non-)joiners shape Indic and Persian words and glue emoji sequences; they only
   * matter between two such characters, never next to ASCII or whitespace.
   */
  private static boolean isMeaningfulJoiner(String s, int i) {
    char c = s.charAt(i);
    if (c != '\u200C' && c != '\u200D') {
      return false;
    }
    if (i == 0 || i + 1 >= s.length()) {
      return false;
    }
    char prev = s.charAt(i - 1);
    char next = s.charAt(i + 1);
    return prev >= 0x80 && next >= 0x80 && !Character.isWhitespace(prev)
        && !Character.isWhitespace(next);
  }
}
