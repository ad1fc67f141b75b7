package io.llmtrain.eval.metric;

import java.util.regex.Pattern;

/** sacrebleu's word tokenizers for BLEU: {@code 13a} (mteval-v13a), {@code intl} (mteval-v14) and {@code none}. */
public enum BleuTokenizer {
  NONE {
    @Override
    public String tokenize(String line) {
      return line;
    }
  },
  _13A {
    @Override
    public String tokenize(String line) {
      line = line.replace("<skipped>", "");
      line = line.replace("-\n", "");
      line = line.replace("\n", " ");
      if (line.indexOf('&') >= 0) {
        line = line.replace("&quot;", "\"");
        line = line.replace("&amp;", "&");
        line = line.replace("&lt;", "<");
        line = line.replace("&gt;", ">");
      }
      line = " " + line + " ";
      line = R13_SYMBOLS.matcher(line).replaceAll(" $1 ");
      line = R13_PERIOD_AFTER.matcher(line).replaceAll("$1 $2 ");
      line = R13_PERIOD_BEFORE.matcher(line).replaceAll(" $1 $2");
      line = R13_DASH.matcher(line).replaceAll("$1 $2 ");
      return String.join(" ", PyText.split(line));
    }
  },
  INTL {
    @Override
    public String tokenize(String line) {
      line = INTL_P_AFTER.matcher(line).replaceAll("$1 $2 ");
      line = INTL_P_BEFORE.matcher(line).replaceAll(" $1 $2");
      line = INTL_SYMBOL.matcher(line).replaceAll(" $1 ");
      return String.join(" ", PyText.split(line));
    }
  };

  // ASCII ranges {-~, [-`, space-&, (-+, :-@ and '/', as in mteval-v13a.
  private static final Pattern R13_SYMBOLS =
      Pattern.compile("([\\{-\\~\\[-\\` -\\&\\(-\\+\\:-\\@\\/])");
  private static final Pattern R13_PERIOD_AFTER = Pattern.compile("([^0-9])([\\.,])");
  private static final Pattern R13_PERIOD_BEFORE = Pattern.compile("([\\.,])([^0-9])");
  private static final Pattern R13_DASH = Pattern.compile("([0-9])(-)");
  private static final Pattern INTL_P_AFTER = Pattern.compile("(\\P{N})(\\p{P})");
  private static final Pattern INTL_P_BEFORE = Pattern.compile("(\\p{P})(\\P{N})");
  private static final Pattern INTL_SYMBOL = Pattern.compile("(\\p{S})");

  /** The tokenized line, tokens separated by single spaces. */
  public abstract String tokenize(String line);

  /** The sacrebleu name: {@code 13a}, {@code intl} or {@code none}. */
  public String label() {
    return this == _13A ? "13a" : name().toLowerCase(java.util.Locale.ROOT);
  }

  public static BleuTokenizer of(String name) {
    return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "13a" -> _13A;
      case "intl" -> INTL;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException(
          "Unknown BLEU tokenizer '" + name + "'; known: 13a, intl, none");
    };
  }
}
