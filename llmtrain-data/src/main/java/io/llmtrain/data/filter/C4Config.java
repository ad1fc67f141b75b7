package io.llmtrain.data.filter;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of the {@code c4} filter: the line rules of C4 (Raffel et al. 2020) with the
 * defaults of datatrove's {@code C4QualityFilter}, all of which are on by default there. Two
 * things datatrove's class does not do are not done here either: the bad-words rule (a separate
 * filter in datatrove, {@code C4BadWordsFilter}) and the paragraph rule ({@code
 * C4ParagraphFilter}). Lines are always the text's lines ({@code split_paragraph=True}, the
 * default); datatrove's sentence mode is not offered.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>key</th><th>default</th><th>datatrove</th></tr>
 *   <tr><td>removeCitations</td><td>true</td><td>remove_citations</td></tr>
 *   <tr><td>dropLinesWithoutTerminalPunctuation</td><td>true</td>
 *       <td>filter_no_terminal_punct (FineWeb turns it off)</td></tr>
 *   <tr><td>minWordsPerLine</td><td>3 (0 disables)</td><td>min_words_per_line</td></tr>
 *   <tr><td>maxWordLength</td><td>1000 (0 disables; datatrove uses -1)</td>
 *       <td>max_word_length</td></tr>
 *   <tr><td>rejectLoremIpsum</td><td>true</td><td>filter_lorem_ipsum</td></tr>
 *   <tr><td>dropJavascriptLines</td><td>true</td><td>filter_javascript</td></tr>
 *   <tr><td>rejectCurlyBracket</td><td>true</td><td>filter_curly_bracket</td></tr>
 *   <tr><td>dropPolicyLines</td><td>true</td><td>filter_policy</td></tr>
 *   <tr><td>minSentences</td><td>5 (0 disables)</td><td>min_num_sentences</td></tr>
 * </table>
 */
public final class C4Config implements StageSpec {
  public static final String NAME = "c4";

  private final boolean removeCitations;
  private final boolean dropLinesWithoutTerminalPunctuation;
  private final int minWordsPerLine;
  private final int maxWordLength;
  private final boolean rejectLoremIpsum;
  private final boolean dropJavascriptLines;
  private final boolean rejectCurlyBracket;
  private final boolean dropPolicyLines;
  private final int minSentences;

  private C4Config(Builder b) {
    removeCitations = b.removeCitations;
    dropLinesWithoutTerminalPunctuation = b.dropLinesWithoutTerminalPunctuation;
    minWordsPerLine = b.minWordsPerLine;
    maxWordLength = b.maxWordLength;
    rejectLoremIpsum = b.rejectLoremIpsum;
    dropJavascriptLines = b.dropJavascriptLines;
    rejectCurlyBracket = b.rejectCurlyBracket;
    dropPolicyLines = b.dropPolicyLines;
    minSentences = b.minSentences;
  }

  public static C4Config defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .removeCitations(removeCitations)
        .dropLinesWithoutTerminalPunctuation(dropLinesWithoutTerminalPunctuation)
        .minWordsPerLine(minWordsPerLine)
        .maxWordLength(maxWordLength)
        .rejectLoremIpsum(rejectLoremIpsum)
        .dropJavascriptLines(dropJavascriptLines)
        .rejectCurlyBracket(rejectCurlyBracket)
        .dropPolicyLines(dropPolicyLines)
        .minSentences(minSentences);
  }

  /** Reads every parameter and rejects unknown ones. */
  public static C4Config fromParams(Params p) {
    C4Config c = read(p, "", NAME);
    p.finish();
    return c;
  }

  static C4Config read(Params p, String prefix, String owner) {
    C4Config d = defaults();
    return FilterSupport.build(owner, () -> builder()
        .removeCitations(p.getBoolean(prefix + "removeCitations", d.removeCitations))
        .dropLinesWithoutTerminalPunctuation(p.getBoolean(
            prefix + "dropLinesWithoutTerminalPunctuation", d.dropLinesWithoutTerminalPunctuation))
        .minWordsPerLine(p.getInt(prefix + "minWordsPerLine", d.minWordsPerLine, 0, 1_000_000))
        .maxWordLength(p.getInt(prefix + "maxWordLength", d.maxWordLength, 0, Integer.MAX_VALUE))
        .rejectLoremIpsum(p.getBoolean(prefix + "rejectLoremIpsum", d.rejectLoremIpsum))
        .dropJavascriptLines(p.getBoolean(prefix + "dropJavascriptLines", d.dropJavascriptLines))
        .rejectCurlyBracket(p.getBoolean(prefix + "rejectCurlyBracket", d.rejectCurlyBracket))
        .dropPolicyLines(p.getBoolean(prefix + "dropPolicyLines", d.dropPolicyLines))
        .minSentences(p.getInt(prefix + "minSentences", d.minSentences, 0, 1_000_000))
        .build());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    return params("");
  }

  Map<String, Object> params(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "removeCitations", removeCitations);
    m.put(prefix + "dropLinesWithoutTerminalPunctuation", dropLinesWithoutTerminalPunctuation);
    m.put(prefix + "minWordsPerLine", minWordsPerLine);
    m.put(prefix + "maxWordLength", maxWordLength);
    m.put(prefix + "rejectLoremIpsum", rejectLoremIpsum);
    m.put(prefix + "dropJavascriptLines", dropJavascriptLines);
    m.put(prefix + "rejectCurlyBracket", rejectCurlyBracket);
    m.put(prefix + "dropPolicyLines", dropPolicyLines);
    m.put(prefix + "minSentences", minSentences);
    return m;
  }

  public boolean removeCitations() {
    return removeCitations;
  }

  public boolean dropLinesWithoutTerminalPunctuation() {
    return dropLinesWithoutTerminalPunctuation;
  }

  public int minWordsPerLine() {
    return minWordsPerLine;
  }

  public int maxWordLength() {
    return maxWordLength;
  }

  public boolean rejectLoremIpsum() {
    return rejectLoremIpsum;
  }

  public boolean dropJavascriptLines() {
    return dropJavascriptLines;
  }

  public boolean rejectCurlyBracket() {
    return rejectCurlyBracket;
  }

  public boolean dropPolicyLines() {
    return dropPolicyLines;
  }

  public int minSentences() {
    return minSentences;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof C4Config c && removeCitations == c.removeCitations
        && dropLinesWithoutTerminalPunctuation == c.dropLinesWithoutTerminalPunctuation
        && minWordsPerLine == c.minWordsPerLine && maxWordLength == c.maxWordLength
        && rejectLoremIpsum == c.rejectLoremIpsum && dropJavascriptLines == c.dropJavascriptLines
        && rejectCurlyBracket == c.rejectCurlyBracket && dropPolicyLines == c.dropPolicyLines
        && minSentences == c.minSentences;
  }

  @Override
  public int hashCode() {
    return Objects.hash(removeCitations, dropLinesWithoutTerminalPunctuation, minWordsPerLine,
        maxWordLength, rejectLoremIpsum, dropJavascriptLines, rejectCurlyBracket, dropPolicyLines,
        minSentences);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a {@link C4Config}; starts from the defaults. */
  public static final class Builder {
    private boolean removeCitations = true;
    private boolean dropLinesWithoutTerminalPunctuation = true;
    private int minWordsPerLine = 3;
    private int maxWordLength = 1000;
    private boolean rejectLoremIpsum = true;
    private boolean dropJavascriptLines = true;
    private boolean rejectCurlyBracket = true;
    private boolean dropPolicyLines = true;
    private int minSentences = 5;

    private Builder() {
    }

    /** Remove Wikipedia-style citation marks: "[1]", "[]", "[edit]", "[citation needed]". */
    public Builder removeCitations(boolean value) {
      removeCitations = value;
      return this;
    }

    /** Drop lines not ending in '.', '?', '!', '"' or '\'' (or ending in "..."). */
    public Builder dropLinesWithoutTerminalPunctuation(boolean value) {
      dropLinesWithoutTerminalPunctuation = value;
      return this;
    }

    /** Drop lines with fewer whitespace-separated words; 0 keeps short lines. */
    public Builder minWordsPerLine(int value) {
      minWordsPerLine = value;
      return this;
    }

    /** Drop lines with a longer word (in code points); 0 for no limit. */
    public Builder maxWordLength(int value) {
      maxWordLength = value;
      return this;
    }

    /** Reject documents with "lorem ipsum" in a line that survived the line rules before it. */
    public Builder rejectLoremIpsum(boolean value) {
      rejectLoremIpsum = value;
      return this;
    }

    /** Drop lines mentioning "javascript" (any case). */
    public Builder dropJavascriptLines(boolean value) {
      dropJavascriptLines = value;
      return this;
    }

    /** Reject documents with '{' in a line that survived the line rules before it. */
    public Builder rejectCurlyBracket(boolean value) {
      rejectCurlyBracket = value;
      return this;
    }

    /** Drop lines about terms of use, privacy or cookie policies. */
    public Builder dropPolicyLines(boolean value) {
      dropPolicyLines = value;
      return this;
    }

    /** Reject documents whose kept lines hold fewer sentences; 0 disables. */
    public Builder minSentences(int value) {
      minSentences = value;
      return this;
    }

    public C4Config build() {
      checkArgument(minWordsPerLine >= 0, "minWordsPerLine must be >= 0, got %s",
          minWordsPerLine);
      checkArgument(maxWordLength >= 0, "maxWordLength must be >= 0 (0 disables), got %s",
          maxWordLength);
      checkArgument(minSentences >= 0, "minSentences must be >= 0 (0 disables), got %s",
          minSentences);
      return new C4Config(this);
    }
  }
}
