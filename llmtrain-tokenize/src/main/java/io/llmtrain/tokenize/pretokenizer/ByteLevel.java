package io.llmtrain.tokenize.pretokenizer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level pre-tokenizer: optionally prefixes a space, splits with the GPT-2 regex
 * ({@code use_regex}) and spells every piece's UTF-8 bytes in the {@link ByteLevelAlphabet}, so
 * any text (emoji, CJK, invalid surrogates aside) maps to a 256-symbol alphabet.
 */
public final class ByteLevel implements PreTokenizer {
  /** GPT-2's pattern: contractions, letters, numbers, other symbols, then whitespace runs. */
  public static final String GPT2_PATTERN =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
  private static final Pattern GPT2 = Pattern.compile(GPT2_PATTERN,
      Pattern.UNICODE_CHARACTER_CLASS);

  private final boolean addPrefixSpace;
  private final boolean trimOffsets;
  private final boolean useRegex;

  public ByteLevel(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
    this.addPrefixSpace = addPrefixSpace;
    this.trimOffsets = trimOffsets;
    this.useRegex = useRegex;
  }

  /** GPT-2 as usually trained today: no prefix space, regex on. */
  public static ByteLevel gpt2() {
    return new ByteLevel(false, true, true);
  }

  public boolean addPrefixSpace() {
    return addPrefixSpace;
  }

  public boolean trimOffsets() {
    return trimOffsets;
  }

  public boolean useRegex() {
    return useRegex;
  }

  @Override
  public String type() {
    return "ByteLevel";
  }

  @Override
  public List<String> split(String normalized) {
    if (normalized.isEmpty()) {
      return List.of();
    }
    String s = addPrefixSpace && normalized.charAt(0) != ' ' ? " " + normalized : normalized;
    if (!useRegex) {
      return List.of(ByteLevelAlphabet.encode(s));
    }
    List<String> pieces = Gpt2Splitter.split(s);
    List<String> out = new ArrayList<>(pieces.size());
    for (String p : pieces) {
      out.add(ByteLevelAlphabet.encode(p));
    }
    return out;
  }

  /** The GPT-2 regex split, through the regex engine: the reference for the fast scanner. */
  static List<String> splitWithRegex(String s) {
    return SplitBehavior.Isolated.split(s, GPT2, false);
  }

  @Override
  public ObjectNode toJson() {
    return json(type(), addPrefixSpace, trimOffsets, useRegex);
  }

  /** The object Hugging Face writes for ByteLevel in every role. */
  public static ObjectNode json(String type, boolean addPrefixSpace, boolean trimOffsets,
      boolean useRegex) {
    ObjectNode o = Json.MAPPER.createObjectNode().put("type", type);
    o.put("add_prefix_space", addPrefixSpace);
    o.put("trim_offsets", trimOffsets);
    o.put("use_regex", useRegex);
    return o;
  }
}
