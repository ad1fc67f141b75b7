package io.llmtrain.cli;

import io.llmtrain.tokenize.text.Lemmatizer;
import io.llmtrain.tokenize.text.SpellChecker;
import io.llmtrain.tokenize.text.SpellcheckConfig;
import io.llmtrain.tokenize.text.Stemmer;
import io.llmtrain.tokenize.text.StopWords;
import io.llmtrain.tokenize.text.StopWordsConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llmtrain text}: classic preprocessing as a Unix filter, UTF-8 standard input to standard
 * output, one output line per input line.
 */
@Command(name = "text", mixinStandardHelpOptions = true,
    description = "Stem, lemmatize, remove stop words or fix typos, reading standard input.",
    subcommands = {TextCommand.Stem.class, TextCommand.Lemmatize.class,
        TextCommand.StopWordsFilter.class, TextCommand.Spell.class})
final class TextCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Choose one of: stem, lemmatize, stopwords, spell");
  }

  /** The {@code --lang} option every subcommand takes. */
  static final class Language {
    @Option(names = "--lang", required = true, paramLabel = "CODE",
        description = "Language (ISO 639-1): pt, en, es...")
    String code;
  }

  /** Applies {@code perLine} to each line of standard input, writing each result as a line. */
  static void filterLines(UnaryOperator<String> perLine) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    // Not closed: it wraps System.out, which the JVM (or a test) still owns.
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      out.write(perLine.apply(line));
      out.write('\n');
    }
    out.flush();
  }

  /** {@code word<TAB>result} for the word on a line; a blank line stays blank. */
  static UnaryOperator<String> perWord(UnaryOperator<String> f) {
    return line -> {
      String word = line.strip();
      return word.isEmpty() ? "" : word + '\t' + f.apply(word);
    };
  }

  @Command(name = "stem", mixinStandardHelpOptions = true,
      description = "Snowball stem of the word on each line: word<TAB>stem.")
  static final class Stem implements Callable<Integer> {
    @Mixin
    Language language;

    @Override
    public Integer call() throws IOException {
      Stemmer stemmer = Stemmer.forLanguage(language.code);
      filterLines(perWord(stemmer::stem));
      return 0;
    }
  }

  @Command(name = "lemmatize", mixinStandardHelpOptions = true,
      description = "Dictionary lemma of the word on each line (pt, en): word<TAB>lemma; "
          + "unknown words come back unchanged.")
  static final class Lemmatize implements Callable<Integer> {
    @Mixin
    Language language;

    @Override
    public Integer call() throws IOException {
      Lemmatizer lemmatizer = Lemmatizer.forLanguage(language.code);
      filterLines(perWord(lemmatizer::lemma));
      return 0;
    }
  }

  @Command(name = "stopwords", mixinStandardHelpOptions = true,
      description = "Each line without its stop words.")
  static final class StopWordsFilter implements Callable<Integer> {
    @Mixin
    Language language;

    @Option(names = "--extra", split = ",", paramLabel = "WORD",
        description = "More words to remove.")
    List<String> extra = List.of();

    @Option(names = "--keep", split = ",", paramLabel = "WORD",
        description = "Words of the list to keep.")
    List<String> keep = List.of();

    @Option(names = "--file", paramLabel = "FILE",
        description = "A UTF-8 file of more stop words, one per line.")
    Path file;

    @Option(names = "--no-shipped", description = "Ignore the shipped list.")
    boolean noShipped;

    @Override
    public Integer call() throws IOException {
      StopWords stopWords = StopWords.from(StopWordsConfig.builder().language(language.code)
          .shipped(!noShipped).extraWords(extra).keepWords(keep).file(file).build());
      filterLines(stopWords::remove);
      return 0;
    }
  }

  @Command(name = "spell", mixinStandardHelpOptions = true,
      description = {"Each line with its unambiguous typos fixed (pt, en, en-GB, pt-PT...).",
          "URLs, code and proper nouns are left alone; the number of corrections goes to "
              + "standard error."})
  static final class Spell implements Callable<Integer> {
    @Mixin
    Language language;

    @Option(names = "--min-frequency-gap", paramLabel = "N",
        description = "How far ahead of the runner-up the best fix must be (0-26, default 3).")
    Integer minFrequencyGap;

    @Option(names = "--sentence-start",
        description = "Also fix capitalized words at the start of a sentence (often names).")
    boolean sentenceStart;

    @Option(names = "--also-accept", split = ",", paramLabel = "LANG",
        description = "Languages whose words also count as correct (default: en for pt, "
            + "none for en).")
    List<String> alsoAccept;

    @Override
    public Integer call() throws IOException {
      SpellcheckConfig.Builder config = SpellcheckConfig.builder().language(language.code)
          .sentenceStart(sentenceStart).alsoAccept(alsoAccept);
      if (minFrequencyGap != null) {
        config.minFrequencyGap(minFrequencyGap);
      }
      SpellChecker checker = SpellChecker.from(config.build());
      long[] corrections = new long[1];
      filterLines(line -> {
        SpellChecker.Result r = checker.correct(line);
        corrections[0] += r.corrections();
        return r.text();
      });
      System.err.println("spelling corrections: " + corrections[0]);
      return 0;
    }
  }
}
