package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.tokenize.Encoders;
import io.llmtrain.tokenize.TextEncoder;
import io.llmtrain.core.tokens.SourceFile;
import io.llmtrain.core.tokens.TokenDataset;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmtrain tokenizer decode}: prints the text of token shards. */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Decode token shards written by 'tokenizer encode' and print their documents, "
        + "separated by --separator.")
final class TokenizerDecodeCommand implements Callable<Integer> {
  /** Ids read per step, so a large shard is printed without loading it whole. */
  private static final int CHUNK = 1 << 20;

  @Option(names = "--tokenizer", required = true, paramLabel = "tokenizer.json",
      description = "The tokenizer.json the shards were written with.")
  Path tokenizer;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "ids.bin",
      description = "Shards (each with its sidecar) or directories of shards, in order.")
  List<Path> inputs;

  @Option(names = "--separator", defaultValue = "\n", paramLabel = "TEXT",
      description = "Printed between documents (default: a line break).")
  String separator;

  @Option(names = "--skip-special-tokens",
      description = "Leave special tokens out of the text.")
  boolean skipSpecialTokens;

  @Option(names = "--encoder", defaultValue = "auto", paramLabel = "auto|rust|java",
      description = "The Java tokenizer or Hugging Face's Rust one (same text); auto: Java, "
          + "the faster here, or Rust for a file Java cannot read (default).")
  Encoders.Kind encoder;

  @Override
  public Integer call() throws Exception {
    TokenDataset ds = TokenDataset.open(inputs);
    String sha256 = SourceFile.of(tokenizer).sha256();
    try (Encoders.Opened opened = Encoders.open(tokenizer, encoder, 1)) {
      TextEncoder tok = opened.encoder();
      if (ds.vocabSize() != tok.vocabSize()) {
        throw new ConfigException(inputs + " were written with a vocabulary of "
            + ds.vocabSize() + " ids but " + tokenizer + " has " + tok.vocabSize());
      }
      if (ds.tokenizerSha256() != null && !Objects.equals(ds.tokenizerSha256(), sha256)) {
        System.err.println("warning: " + tokenizer + " is not the tokenizer file the shards were "
            + "written with (SHA-256 differs); the text may be wrong");
      }
      Writer out = new BufferedWriter(
          new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
      int[] chunk = new int[(int) Math.min(CHUNK, Math.max(1, ds.size()))];
      int[] doc = new int[1024];
      int docLength = 0;
      boolean first = true;
      for (long pos = 0; pos < ds.size(); pos += chunk.length) {
        int n = (int) Math.min(chunk.length, ds.size() - pos);
        ds.read(pos, chunk, 0, n);
        for (int i = 0; i < n; i++) {
          if (chunk[i] == ds.eosId()) {
            if (!first) {
              out.write(separator);
            }
            first = false;
            out.write(tok.decode(Arrays.copyOf(doc, docLength), skipSpecialTokens));
            docLength = 0;
          } else {
            if (docLength == doc.length) {
              doc = Arrays.copyOf(doc, doc.length * 2);
            }
            doc[docLength++] = chunk[i];
          }
        }
      }
      if (docLength > 0) {
        // Shards always end with an end-of-document id; ids after the last one are still text.
        if (!first) {
          out.write(separator);
        }
        out.write(tok.decode(Arrays.copyOf(doc, docLength), skipSpecialTokens));
      }
      out.flush();
    }
    return 0;
  }
}
