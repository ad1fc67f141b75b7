package io.llmtrain.eval.lm;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.generate.Generation;
import io.llmtrain.core.generate.GenerationConfig;
import io.llmtrain.core.generate.Generator;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.eval.metric.MetricProvider;
import io.llmtrain.eval.metric.Score;
import io.llmtrain.eval.metric.TextMetric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Generation-based evaluation: the model continues each prompt with core's {@link Generator}, the
 * continuation (the decoded text after the prompt) is the hypothesis, and any {@link TextMetric}
 * scores the hypotheses against the items' references at corpus level.
 *
 * <p>Generation stops at {@code maxNewTokens} or at the end-of-text token: the configuration's,
 * or the tokenizer's own when the configuration names none. Item {@code i} is sampled with seed
 * {@code config.seed() + i}, so a run is reproducible and items do not share random draws; greedy
 * decoding (temperature 0) ignores the seed. The hypothesis is the text exactly as decoded
 * (special tokens skipped, leading space kept): metrics with their own tokenization (BLEU, chrF,
 * SQuAD normalisation) ignore it.
 */
public final class GenerationEvaluation {
  private GenerationEvaluation() {
  }

  /** A prompt and its references (at least one; every item of a set has the same number). */
  public record Item(String prompt, List<String> references) {
    public Item {
      Objects.requireNonNull(prompt, "prompt");
      references = List.copyOf(references);
      if (references.isEmpty()) {
        throw new IllegalArgumentException("an item needs at least one reference");
      }
    }
  }

  /** The hypothesis of each item, in order, and each metric's corpus score, in metric order. */
  public record Result(List<String> hypotheses, List<Score> scores) {
    public Result {
      hypotheses = List.copyOf(hypotheses);
      scores = List.copyOf(scores);
    }

    /** The score of the metric named {@code metric} (the first, if several share the name). */
    public Score score(String metric) {
      return scores.stream().filter(s -> s.metric().equals(metric)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no metric '" + metric + "' among "
              + scores.stream().map(Score::metric).toList()));
    }
  }

  /**
   * Reads JSONL items: {@code prompt} (a string) and either {@code refs} (a list of strings) or
   * {@code ref} (one string); every line needs the same number of references.
   *
   * @throws InputException naming the file, line and field of the first bad item
   */
  public static List<Item> read(Path jsonl) throws IOException {
    int[] width = {-1};
    return JsonlItems.read(jsonl, (n, file, line) -> {
      Item item = parse(n, file, line);
      if (width[0] < 0) {
        width[0] = item.references().size();
      } else if (item.references().size() != width[0]) {
        throw new InputException(file, line, n.has("refs") ? "refs" : "ref", "has "
            + item.references().size() + " references where the first item has " + width[0]
            + " (every item needs the same number)");
      }
      return item;
    });
  }

  private static Item parse(JsonNode n, String file, long line) {
    String prompt = JsonlItems.string(n, "prompt", file, line);
    boolean list = n.has("refs");
    boolean single = n.has("ref");
    if (list == single) {
      throw new InputException(file, line, "refs", list ? "give 'refs' or 'ref', not both"
          : "missing (give 'refs', a list of strings, or 'ref', a string)");
    }
    return new Item(prompt, list ? JsonlItems.strings(n, "refs", file, line)
        : List.of(JsonlItems.string(n, "ref", file, line)));
  }

  /**
   * The registered metrics of these names with their default parameters ({@code bleu}, {@code
   * chrf}, {@code rouge}, {@code exact-match}, {@code f1}...).
   *
   * @throws io.llmtrain.core.ConfigException for an unknown name, listing the known ones
   */
  public static List<TextMetric> metrics(List<String> names) {
    List<TextMetric> out = new ArrayList<>();
    for (String name : names) {
      out.add(Plugins.get(MetricProvider.class, name).create(StageSpec.of(name)));
    }
    return List.copyOf(out);
  }

  /**
   * Generates a hypothesis for every item and scores them with every metric.
   *
   * @throws IllegalArgumentException when items have different numbers of references, or a prompt
   *     is empty and the tokenizer has no end-of-text token to start from
   */
  public static Result evaluate(EvalModel model, List<Item> items, GenerationConfig config,
      List<TextMetric> metrics) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no items to evaluate");
    }
    int width = items.get(0).references().size();
    List<List<String>> references = new ArrayList<>();
    for (int r = 0; r < width; r++) {
      references.add(new ArrayList<>());
    }
    for (int i = 0; i < items.size(); i++) {
      List<String> refs = items.get(i).references();
      if (refs.size() != width) {
        throw new IllegalArgumentException("item " + (i + 1) + " has " + refs.size()
            + " references where the first has " + width);
      }
      for (int r = 0; r < width; r++) {
        references.get(r).add(refs.get(r));
      }
    }
    List<String> hypotheses = generate(model, items, config);
    List<Score> scores = new ArrayList<>();
    for (TextMetric m : metrics) {
      scores.add(m.corpus(hypotheses, references));
    }
    return new Result(hypotheses, scores);
  }

  /** The continuation of each item's prompt. */
  static List<String> generate(EvalModel model, List<Item> items, GenerationConfig config) {
    GenerationConfig.Builder base = config.toBuilder();
    if (config.eosTokenId().isEmpty() && model.eosTokenId().isPresent()) {
      base.eosTokenId(model.eosTokenId().getAsInt());
    }
    Generator generator = new Generator(model.model());
    List<String> hypotheses = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String prompt = items.get(i).prompt();
      int[] ids = model.encode(prompt);
      if (ids.length == 0) {
        int item = i + 1;
        int eos = model.eosTokenId().orElseThrow(() -> new IllegalArgumentException("item "
            + item + " has an empty prompt and the tokenizer has no end-of-text token to start "
            + "from"));
        ids = new int[] {eos};
      }
      Generation g = generator.generate(ids, base.seed(config.seed() + i).build());
      hypotheses.add(continuation(model, ids, g.tokens()));
    }
    return hypotheses;
  }

  /**
   * The text the new tokens add after the prompt: prompt and continuation are decoded together
   * (a character may span the boundary, and some decoders treat the first token specially) and
   * the decoded prompt is cut off; if decoding does not reproduce the prompt as a prefix, the new
   * tokens are decoded alone.
   */
  private static String continuation(EvalModel model, int[] prompt, int[] generated) {
    int[] all = new int[prompt.length + generated.length];
    System.arraycopy(prompt, 0, all, 0, prompt.length);
    System.arraycopy(generated, 0, all, prompt.length, generated.length);
    String whole = model.tokenizer().decode(all, true);
    String head = model.tokenizer().decode(prompt, true);
    return whole.startsWith(head) ? whole.substring(head.length())
        : model.tokenizer().decode(generated, true);
  }
}
