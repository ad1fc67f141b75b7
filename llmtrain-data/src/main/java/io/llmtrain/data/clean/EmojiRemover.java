package io.llmtrain.data.clean;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;

/**
 * The {@code emoji} stage: removes emoji and pictographic symbols, or replaces them with a fixed
 * string, treating every emoji sequence as one unit.
 *
 * <p>A sequence is what a reader sees as one emoji: a pictograph with its variation selector
 * (U+FE0F) and skin-tone modifier, a keycap (1️⃣, #️⃣), a flag made of two regional indicators,
 * a subdivision flag made of tag characters (the Scottish flag), and ZWJ sequences such as
 * families (👨‍👩‍👧‍👦) or professions (👩🏽‍🚀). Character properties come from ICU
 * (Extended_Pictographic, Emoji_Presentation, Emoji_Modifier, Regional_Indicator,
 * Emoji_Component).
 *
 * <p>Plain text is left alone: digits, '#' and '*' are removed only inside a keycap sequence, and
 * the typographic signs ©, ®, ™, ‼, ⁉ and the arrows ↔ ↩ … only when written as emoji (followed by
 * U+FE0F or a modifier). Other pictographs that default to text presentation (♥ ✈ ☺ ✔ ▶) are
 * removed unless {@link EmojiConfig#textSymbols()} is off.
 *
 * <p>Counts {@code emoji_removed} (sequences). A document that had text and consisted only of
 * emoji is rejected as {@code emoji_only}. Thread-safe.
 */
public final class EmojiRemover implements DocumentProcessor {
  public static final String COUNTER_REMOVED = "emoji_removed";
  public static final String REASON_ONLY_EMOJI = "emoji_only";

  private final EmojiConfig config;
  private final boolean replace;
  private final boolean textSymbols;

  public EmojiRemover(EmojiConfig config) {
    this.config = requireNonNull(config, "config");
    this.replace = config.mode() == EmojiConfig.Mode.REPLACE;
    this.textSymbols = config.textSymbols();
  }

  /** Created on first use: a static field would tie class initialization to EmojiConfig's. */
  private static final class DefaultHolder {
    static final EmojiRemover INSTANCE = new EmojiRemover(EmojiConfig.defaults());
  }

  /** A shared remover with the default configuration. */
  public static EmojiRemover withDefaults() {
    return DefaultHolder.INSTANCE;
  }

  public EmojiConfig config() {
    return config;
  }

  @Override
  public String name() {
    return EmojiConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    String cleaned = apply(text, context);
    if (cleaned != text && cleaned.isBlank() && !text.isBlank()) {
      return Outcome.reject(REASON_ONLY_EMOJI, "nothing left after removing emoji");
    }
    return Outcome.keep(document.withText(cleaned));
  }

  /** Removes or replaces the emoji in {@code text}; the same instance when there are none. */
  public String apply(String text) {
    return apply(text, StageContext.NONE);
  }

  String apply(String text, StageContext context) {
    if ((Triage.scan(text.toCharArray(), Integer.MAX_VALUE) & Triage.EMOJI) == 0) {
      return text;
    }
    return applyScanned(text, context);
  }

  /** As {@link #apply(String)}, for a text known to hold emoji candidates. */
  String applyScanned(String text, StageContext context) {
    int n = text.length();
    TextEditor editor = null;
    int sequences = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      int end;
      if (c < '\u00A9') {
        // Below the first pictograph only keycap sequences can start, and they need U+FE0F or
        // U+20E3 right after the base.
        if (!isKeycapBase(c) || i + 1 >= n) {
          i++;
          continue;
        }
        char d = text.charAt(i + 1);
        if (d != CharTables.KEYCAP && d != CharTables.VS16_EMOJI) {
          i++;
          continue;
        }
        end = keycapEnd(text, i);
        if (end < 0) {
          // A digit with a stray emoji selector: the digit is text, the selector is noise.
          editor = editor == null ? new TextEditor(text) : editor;
          editor.replace(i + 1, i + 2, "");
          i += 2;
          continue;
        }
      } else {
        end = sequenceEnd(text, i, textSymbols);
        if (end < 0) {
          i++;
          continue;
        }
      }
      editor = editor == null ? new TextEditor(text) : editor;
      // Adjacent sequences are edited as one cluster: one replacement, one tidy deletion.
      sequences++;
      int next;
      while (end < n && (next = startAt(text, end, textSymbols)) > 0) {
        end = next;
        sequences++;
      }
      i = edit(editor, i, end);
    }
    if (editor == null) {
      return text;
    }
    if (sequences > 0) {
      context.count(COUNTER_REMOVED, sequences);
    }
    return editor.result();
  }

  private static boolean isKeycapBase(char c) {
    return c <= '9' && (c >= '0' || c == '#' || c == '*');
  }

  /**
   * Edits the cluster of directly adjacent sequences {@code [start, clusterEnd)} and returns where
   * scanning resumes.
   */
  private int edit(TextEditor editor, int start, int clusterEnd) {
    if (replace) {
      editor.replace(start, clusterEnd, config.replacement());
      return clusterEnd;
    }
    editor.delete(start, clusterEnd);
    return editor.resumeAt();
  }

  /** The end of an emoji sequence starting exactly at {@code i}, or -1. */
  private static int startAt(String text, int i, boolean textSymbols) {
    char c = text.charAt(i);
    if (c < '\u00A9') {
      return isKeycapBase(c) ? keycapEnd(text, i) : -1;
    }
    return sequenceEnd(text, i, textSymbols);
  }

  /** The end of a keycap sequence ([0-9#*] U+FE0F? U+20E3) at {@code i}, or -1. */
  private static int keycapEnd(String text, int i) {
    int j = i + 1;
    if (j < text.length() && text.charAt(j) == CharTables.VS16_EMOJI) {
      j++;
    }
    if (j < text.length() && text.charAt(j) == CharTables.KEYCAP) {
      return j + 1;
    }
    return -1;
  }

  /**
   * The end of the emoji sequence starting at {@code i} (a character at or above U+00A9), or -1
   * when no emoji starts there.
   */
  static int sequenceEnd(CharSequence text, int i, boolean textSymbols) {
    int n = text.length();
    int cp = Character.codePointAt(text, i);
    int flags = CharTables.emoji(cp);
    if ((flags & (CharTables.PICT | CharTables.PRESENTATION)) == 0) {
      return -1;
    }
    int j = i + Character.charCount(cp);
    if ((flags & CharTables.PRESENTATION) == 0 && !emojiStyleFollows(text, j)) {
      // A pictograph that defaults to text presentation, written as text.
      if ((flags & CharTables.TYPOGRAPHIC) != 0 || !textSymbols) {
        return -1;
      }
      return j < n && text.charAt(j) == CharTables.VS15_TEXT ? j + 1 : j;
    }
    if ((flags & CharTables.REGIONAL) != 0) {
      if (j < n && (CharTables.emoji(Character.codePointAt(text, j)) & CharTables.REGIONAL) != 0) {
        j += 2;
      }
      return j;
    }
    while (true) {
      j = skipSuffixes(text, j);
      if (j >= n || text.charAt(j) != CharTables.ZWJ) {
        return j;
      }
      int k = j + 1;
      if (k < n) {
        int next = Character.codePointAt(text, k);
        if ((CharTables.emoji(next) & (CharTables.PICT | CharTables.PRESENTATION)) != 0) {
          j = k + Character.charCount(next);
          continue;
        }
      }
      // A joiner with nothing to join belongs to the broken sequence.
      return k;
    }
  }

  /** True when what follows a text-default pictograph makes it an emoji. */
  private static boolean emojiStyleFollows(CharSequence text, int j) {
    if (j >= text.length()) {
      return false;
    }
    char c = text.charAt(j);
    if (c == CharTables.VS16_EMOJI) {
      return true;
    }
    if (c == CharTables.ZWJ && j + 1 < text.length()) {
      int next = Character.codePointAt(text, j + 1);
      return (CharTables.emoji(next) & (CharTables.PICT | CharTables.PRESENTATION)) != 0;
    }
    return Character.isHighSurrogate(c)
        && (CharTables.emoji(Character.codePointAt(text, j)) & CharTables.MODIFIER) != 0;
  }

  /** Skips variation selectors, skin tones, tag characters and the keycap mark. */
  private static int skipSuffixes(CharSequence text, int j) {
    int n = text.length();
    while (j < n) {
      char c = text.charAt(j);
      if (c == CharTables.VS16_EMOJI || c == CharTables.VS15_TEXT || c == CharTables.KEYCAP) {
        j++;
        continue;
      }
      if (Character.isHighSurrogate(c) && j + 1 < n) {
        int cp = Character.codePointAt(text, j);
        if ((CharTables.emoji(cp) & CharTables.MODIFIER) != 0
            || (cp >= CharTables.TAG_FIRST && cp <= CharTables.TAG_CANCEL)) {
          j += 2;
          continue;
        }
      }
      return j;
    }
    return j;
  }

  /** True when {@code text} contains an emoji sequence this stage would remove. */
  static boolean containsEmoji(String text, boolean textSymbols) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int end = c < '\u00A9'
          ? (isKeycapBase(c) ? keycapEnd(text, i) : -1)
          : sequenceEnd(text, i, textSymbols);
      if (end > 0) {
        return true;
      }
    }
    return false;
  }
}
