package io.llmtrain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.InputException;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.TokenizerRecipe;
import io.llmtrain.tokenize.TokenizerRecipe.ModelType;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.json.TokenizerProvenance;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.tokenize.trainer.WordCounter;
import io.llmtrain.tokenize.trainer.WordCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain tokenizer train}: trains a tokenizer and writes its tokenizer.json. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Train a tokenizer on text and write a Hugging Face tokenizer.json (with a "
            + "NAME.provenance.json sidecar), then print JSON with what was trained.",
        "bpe: byte-level BPE in GPT-2's layout; wordpiece: BERT's layout (lower-cased unless "
            + "--no-lowercase); unigram: SentencePiece's layout (NFKC, metaspace)."})
final class TokenizerTrainCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Plain text files (read line by line) or, with --text-field or a .jsonl "
          + "name, JSONL files. .gz is decompressed for JSONL.")
  List<Path> inputs;

  @Option(names = "--text-field", paramLabel = "NAME",
      description = "Read the inputs as JSONL with the text in this field.")
  String textField;

  @Option(names = "--model", defaultValue = "bpe", paramLabel = "bpe|wordpiece|unigram",
      description = "Tokenizer model (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--vocab-size", required = true, paramLabel = "N",
      description = "Vocabulary size, special tokens included.")
  int vocabSize;

  @Option(names = "--min-frequency", defaultValue = "0", paramLabel = "N",
      description = "Merges seen fewer times are not learned (bpe, wordpiece).")
  long minFrequency;

  @Option(names = "--special-tokens", split = ",", paramLabel = "a,b",
      description = "Special tokens, the first one separating documents (default: "
          + "<|endoftext|> for bpe; [SEP],[UNK],[CLS],[PAD],[MASK] for wordpiece; "
          + "</s>,<unk>,<s> for unigram).")
  List<String> specialTokens;

  @Option(names = "--lowercase", negatable = true,
      description = "Lower-case text first (default: on for wordpiece only).")
  Boolean lowercase;

  @Option(names = "--split", paramLabel = "byteLevel|gpt4|metaspace",
      description = "How bpe splits text: byteLevel (GPT-2, default), gpt4 (Llama 3's pattern), "
          + "metaspace (SentencePiece/Llama 2: at spaces only, byte fallback).")
  String split;

  @Option(names = "--template", paramLabel = "'<s> $A </s>'",
      description = "Special tokens added around each text when encoding with special tokens, "
          + "in Hugging Face's template syntax; they must be among --special-tokens.")
  String template;

  @Option(names = "--max-token-length", defaultValue = "0", paramLabel = "N",
      description = "Longest token in characters (0: no limit).")
  int maxTokenLength;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "Threads counting the corpus (default: one per core).")
  int threads;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Option(names = "--output", required = true, paramLabel = "tokenizer.json",
      description = "Where to write the tokenizer.")
  Path output;

  @Override
  public Integer call() throws Exception {
    ModelType type;
    try {
      type = ModelType.valueOf(model.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--model must be one of bpe, wordpiece, unigram; got '" + model
          + "'");
    }
    TokenizerRecipe.Builder b = TokenizerRecipe.builder(type).minFrequency(minFrequency)
        .maxTokenLength(maxTokenLength).threads(threads).showProgress(!quiet);
    try {
      b.vocabSize(vocabSize);
      if (specialTokens != null) {
        b.specialTokens(specialTokens);
      }
      if (lowercase != null) {
        b.lowercase(lowercase);
      }
      if (split != null) {
        b.bpeSplit(TokenizerRecipe.BpeSplit.parse(split));
      }
      if (template != null) {
        b.template(template);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    TokenizerRecipe recipe;
    try {
      recipe = b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new InputException(p.toString(), "no such file", null);
      }
    }

    long start = System.nanoTime();
    WordCounter counter = recipe.newCounter();
    boolean jsonl = textField != null || inputs.stream().allMatch(p -> {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
    });
    if (jsonl) {
      addJsonl(counter, textField != null ? textField : "text");
    } else {
      for (Path p : inputs) {
        counter.addFile(p);
      }
    }
    WordCounts counts = counter.counts();
    double countSeconds = (System.nanoTime() - start) / 1e9;
    Tokenizer tokenizer;
    try {
      tokenizer = recipe.train(counts);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage()); // vocabulary smaller than the alphabet, no text
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    TokenizerJson.write(tokenizer, output);

    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("texts", counter.texts());
    stats.put("distinct_pieces", counts.size());
    stats.put("repaired_lines", counter.repairedLines());
    stats.put("count_seconds", round(countSeconds));
    stats.put("train_seconds", round(seconds - countSeconds));
    List<SourceFile> sources = new ArrayList<>();
    for (Path p : inputs) {
      sources.add(SourceFile.of(p));
    }
    Path sidecar = TokenizerProvenance.write(output, recipe.params(), sources, stats);

    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("tokenizer", output.toString());
    json.put("provenance", sidecar.toString());
    json.put("model", type.label());
    json.put("vocab_size", tokenizer.vocabSize());
    json.put("eos_token", recipe.eosToken());
    json.setAll((ObjectNode) Json.MAPPER.valueToTree(stats));
    json.put("seconds", round(seconds));
    System.out.println(Json.MAPPER.writeValueAsString(json));
    return 0;
  }

  private void addJsonl(WordCounter counter, String field) throws Exception {
    DataSource source = DataSource.files(FileFormat.JSONL, inputs, field);
    source.validate();
    try (RecordReader reader = source.open(ErrorPolicy.FAIL)) {
      List<String> texts = new ArrayList<>();
      long chars = 0;
      for (Document d = reader.nextDocument(); d != null; d = reader.nextDocument()) {
        String t = d.text();
        texts.add(t);
        chars += t.length();
        if (chars > 32 << 20) { // bounded memory: count in 32M-character slices
          counter.addTexts(texts);
          texts = new ArrayList<>();
          chars = 0;
        }
      }
      counter.addTexts(texts);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
