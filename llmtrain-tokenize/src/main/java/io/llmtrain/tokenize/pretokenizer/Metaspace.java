package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SentencePiece's convention: spaces become {@code replacement} (default {@code ▁}), a
 * replacement is prepended per {@code prepend_scheme} ({@code always}, {@code first}: only at the
 * start of the text, {@code never}), and with {@code split} the text is cut before each one.
 */
public final class Metaspace implements PreTokenizer {
  /** When a replacement character is put in front of the text. */
  public enum PrependScheme { FIRST, ALWAYS, NEVER }

  private final char replacement;
  private final PrependScheme prependScheme;
  private final boolean split;

  public Metaspace(char replacement, PrependScheme prependScheme, boolean split) {
    this.replacement = replacement;
    this.prependScheme = Objects.requireNonNull(prependScheme, "prependScheme");
    this.split = split;
  }

  public static Metaspace sentencePiece() {
    return new Metaspace('\u2581', PrependScheme.ALWAYS, true);
  }

  public char replacement() {
    return replacement;
  }

  public PrependScheme prependScheme() {
    return prependScheme;
  }

  public boolean splits() {
    return split;
  }

  @Override
  public String type() {
    return "Metaspace";
  }

  @Override
  public List<String> split(String normalized) {
    return split(normalized, true);
  }

  @Override
  public List<String> split(String normalized, boolean atStart) {
    if (normalized.isEmpty()) {
      return List.of();
    }
    String s = normalized.replace(' ', replacement);
    boolean prepend = switch (prependScheme) {
      case ALWAYS -> true;
      case FIRST -> atStart;
      case NEVER -> false;
    };
    if (prepend && s.charAt(0) != replacement) {
      s = replacement + s;
    }
    if (!split) {
      return List.of(s);
    }
    return SplitBehavior.MergedWithNext.split(s,
        Pattern.compile(Pattern.quote(String.valueOf(replacement))), false);
  }

  @Override
  public ObjectNode toJson() {
    return json(type(), replacement, prependScheme, split);
  }

  /** The object Hugging Face writes for Metaspace, as pre-tokenizer and decoder. */
  public static ObjectNode json(String type, char replacement, PrependScheme scheme,
      boolean split) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type);
    o.put("replacement", String.valueOf(replacement));
    o.put("prepend_scheme", scheme.name().toLowerCase(Locale.ROOT));
    o.put("split", split);
    return o;
  }
}
