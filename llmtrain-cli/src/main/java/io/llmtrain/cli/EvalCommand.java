package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.eval.contamination.ContaminationCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain eval}: evaluations of a model. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a model or generated text.",
    subcommands = {EvalPerplexityCommand.class, EvalMcCommand.class, EvalGenerateCommand.class,
        EvalCommand.Bleu.class, EvalCommand.Chrf.class, EvalCommand.Rouge.class,
        EvalCommand.Contamination.class, EvalSplitCommand.class, EvalOverfittingCommand.class,
        EvalReportCommand.class})
final class EvalCommand {

  /** {@code llmtrain eval bleu}: sacrebleu's BLEU. */
  @Command(name = "bleu", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Corpus BLEU as sacrebleu computes it (13a tokenizer, exponential smoothing).")
  static final class Bleu extends EvalTextCommand {
    @Option(names = "--tokenize", defaultValue = "13a", paramLabel = "13a|none|intl") String tok;
    @Option(names = "--lowercase") boolean lowercase;

    @Override
    String metric() {
      return "bleu";
    }

    @Override
    Map<String, Object> params() {
      return map("tokenize", tok, "lowercase", lowercase);
    }
  }

  /** {@code llmtrain eval chrf}: sacrebleu's chrF (chrF++ with --word-order 2). */
  @Command(name = "chrf", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Corpus chrF as sacrebleu computes it (chrF2; chrF++ with --word-order 2).")
  static final class Chrf extends EvalTextCommand {
    @Option(names = "--word-order", defaultValue = "0", paramLabel = "N") int wordOrder;
    @Option(names = "--lowercase") boolean lowercase;

    @Override
    String metric() {
      return "chrf";
    }

    @Override
    Map<String, Object> params() {
      return map("wordOrder", wordOrder, "lowercase", lowercase);
    }
  }

  /** {@code llmtrain eval rouge}: Google's rouge-score. */
  @Command(name = "rouge", mixinStandardHelpOptions = true, sortOptions = false,
      description = "ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum as Google's rouge-score computes "
          + "them; precision, recall and F for each.")
  static final class Rouge extends EvalTextCommand {
    @Option(names = "--stem", description = "Porter-stem tokens, as use_stemmer=True.")
    boolean stem;

    @Override
    String metric() {
      return "rouge";
    }

    @Override
    Map<String, Object> params() {
      return map("stem", stem);
    }
  }

  /** {@code llmtrain eval contamination}: evaluation items whose n-grams occur in training. */
  @Command(name = "contamination", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Report the evaluation items that share a word n-gram (13 by default, "
          + "compared lower-cased, letters and digits only) with the training data.")
  static final class Contamination implements Callable<Integer> {
    @Option(names = "--train", required = true, arity = "1..*", paramLabel = "FILE",
        description = "Training data: text files (each read whole) or JSONL (a document per "
            + "line, --text-field).")
    List<Path> train;

    @Option(names = "--eval", required = true, paramLabel = "FILE",
        description = "Evaluation items: a text file (an item per line) or JSONL.")
    Path eval;

    @Option(names = "--n", defaultValue = "13", paramLabel = "N") int n;

    @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
        description = "The text field of JSONL inputs (default: ${DEFAULT-VALUE}).")
    String textField;

    @Override
    public Integer call() throws Exception {
      if (n < 1) {
        throw new ConfigException("--n must be >= 1, got " + n);
      }
      ContaminationCheck check = new ContaminationCheck(n);
      for (Path f : train) {
        if (jsonl(f)) {
          for (String t : jsonlTexts(f)) {
            check.addTraining(t);
          }
        } else {
          check.addTraining(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
      List<String> items = jsonl(eval) ? jsonlTexts(eval)
          : Files.readAllLines(eval, StandardCharsets.UTF_8);
      List<Map<String, Object>> hits = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        ContaminationCheck.Overlap o = check.check(items.get(i));
        if (o.contaminated()) {
          Map<String, Object> hit = new LinkedHashMap<>();
          hit.put("line", i + 1);
          hit.put("overlapping_ngrams", o.overlapping());
          hit.put("ngrams", o.ngrams());
          hit.put("fraction", o.fraction());
          hit.put("first_match", o.firstMatch());
          hits.add(hit);
        }
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("n", n);
      json.put("training_ngrams", check.trainingNgrams());
      json.put("items", items.size());
      json.put("contaminated", hits.size());
      json.put("fraction", items.isEmpty() ? 0.0 : (double) hits.size() / items.size());
      json.put("contaminated_items", hits);
      System.out.println(Json.MAPPER.writeValueAsString(json));
      return 0;
    }

    private static boolean jsonl(Path f) {
      String name = f.getFileName().toString();
      return name.endsWith(".jsonl") || name.endsWith(".jsonl.gz");
    }

    private List<String> jsonlTexts(Path f) throws Exception {
      List<String> texts = new ArrayList<>();
      try (RecordReader r = DataSource.jsonl(f, textField).open(ErrorPolicy.FAIL)) {
        for (Document d = r.nextDocument(); d != null; d = r.nextDocument()) {
          texts.add(d.text());
        }
      }
      return texts;
    }
  }
}
