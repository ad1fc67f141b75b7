package io.llmtrain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.FileFormat;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.Encoders;
import io.llmtrain.tokenize.TextEncoder;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.tokenize.shard.ShardConfig;
import io.llmtrain.tokenize.shard.ShardEncoder;
import io.llmtrain.tokenize.shard.ShardStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain tokenizer encode}: counts tokens and bytes, and writes a token shard. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Encode text with a tokenizer.json and print JSON with documents, tokens, bytes and "
            + "bytes_per_token.",
        "With --output, also write the token shard (little-endian uint16 or uint32, the "
            + "end-of-document id after each document) and its NAME.json sidecar."})
final class TokenizerEncodeCommand implements Callable<Integer> {

  @Option(names = "--tokenizer", required = true, paramLabel = "tokenizer.json",
      description = "A Hugging Face tokenizer.json.")
  Path tokenizer;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Input files: plain text (a document per file) or, with --text-field or a "
          + ".jsonl name, JSONL (a document per line). .gz is decompressed.")
  List<Path> inputs;

  @Option(names = "--text-field", paramLabel = "NAME",
      description = "Read the inputs as JSONL with the text in this field.")
  String textField;

  @Option(names = "--output", paramLabel = "ids.bin",
      description = "Write the token shard here, with its sidecar ids.json.")
  Path output;

  @Option(names = "--max-shard-tokens", defaultValue = "0", paramLabel = "N",
      description = "Split the output into shards ids-00000.bin, ... of at most N tokens "
          + "(default: one shard).")
  long maxShardTokens;

  @Option(names = "--eos-token", paramLabel = "TOKEN",
      description = "The end-of-document token written after each document (default: the "
          + "first of <|endoftext|>, <|end_of_text|>, </s>, <eos>, [EOS] in the vocabulary).")
  String eosToken;

  @Option(names = "--add-special-tokens",
      description = "Add the post-processor's special tokens (BOS, EOS) to each document.")
  boolean addSpecialTokens;

  @Option(names = "--threads", paramLabel = "N",
      description = "Encoding threads (default: the number of cores).")
  Integer threads;

  @Option(names = "--encoder", defaultValue = "auto", paramLabel = "auto|rust|java",
      description = "The Java tokenizer or Hugging Face's Rust one (same ids); auto: Java, "
          + "the faster here, or Rust for a file Java cannot read (default).")
  Encoders.Kind encoder;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    boolean jsonl = textField != null || inputs.stream().allMatch(p -> {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
    });
    DataSource source = jsonl
        ? DataSource.files(FileFormat.JSONL, inputs, textField != null ? textField : "text")
        : DataSource.files(FileFormat.TEXT, inputs, null);
    source.validate();
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1) {
      throw new ConfigException("--threads must be >= 1, got " + n);
    }
    try (Encoders.Opened opened = Encoders.open(tokenizer, encoder, n)) {
      TextEncoder tok = opened.encoder();
      int eos = eosId(tok);
      ShardConfig config = ShardConfig.builder().maxShardTokens(maxShardTokens)
          .addSpecialTokens(addSpecialTokens).build();
      ShardStats stats = ShardEncoder.builder(tok, eos).config(config).output(output)
          .tokenizerSha256(SourceFile.of(tokenizer).sha256())
          .provenance("tokenizer", tokenizer.toString())
          .progress(new ConsoleProgress("encode", System.err, !quiet))
          .build().encode(source);
      ObjectNode json = Json.MAPPER.valueToTree(stats.toMap());
      json.put("eos_id", eos);
      json.put("vocab_size", tok.vocabSize());
      json.put("encoder", opened.kind().label());
      System.out.println(Json.MAPPER.writeValueAsString(json));
    }
    return 0;
  }

  private int eosId(TextEncoder tok) {
    if (eosToken != null) {
      int id = tok.tokenToId(eosToken);
      if (id < 0) {
        throw new ConfigException("--eos-token " + eosToken + " is not in the vocabulary of "
            + tokenizer);
      }
      return id;
    }
    return ShardEncoder.findEos(tok).orElseThrow(() -> new ConfigException(tokenizer
        + " has none of the usual end-of-document tokens (<|endoftext|>, <|end_of_text|>, </s>, "
        + "<eos>, [EOS]): name one with --eos-token"));
  }
}
