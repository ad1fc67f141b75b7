package io.llmtrain.tokenize;

import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import io.llmtrain.tokenize.rust.NativeTokenizerUnavailableException;
import io.llmtrain.tokenize.rust.RustTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@code tokenizer.json} for encoding with the implementation asked for: the Java
 * tokenizer, or the Hugging Face Rust tokenizer through DJL. Both give the same ids (tested on
 * every layout we write and on GPT-2, Llama 3 and BERT style files).
 *
 * <p>{@link Kind#AUTO} takes the Java tokenizer, because it measured faster: about 33 MB/s against
 * 3.5 MB/s for the Rust one through DJL on the same 2 cores (docs/BENCHMARKS.md). The Rust one
 * stays for files using a component the Java tokenizer does not implement, which AUTO then falls
 * back to, and for anyone who wants Hugging Face's own code on the path.
 */
public final class Encoders {
  private static final Logger LOG = LoggerFactory.getLogger(Encoders.class);

  private Encoders() {
  }

  /** Which implementation encodes. */
  public enum Kind {
    /** Java, or Rust for a file the Java tokenizer cannot read. */
    AUTO,
    RUST,
    JAVA;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An open encoder and which implementation it is; closing releases native memory. */
  public record Opened(TextEncoder encoder, Kind kind) implements AutoCloseable {
    @Override
    public void close() {
      if (encoder instanceof RustTokenizer rust) {
        rust.close();
      }
    }
  }

  /**
   * Opens {@code tokenizerJson}. {@code threads} is the Rust encoder's batch parallelism (the
   * Java tokenizer parallelizes its batches on the common pool).
   */
  public static Opened open(Path tokenizerJson, Kind kind, int threads) throws IOException {
    if (kind == Kind.RUST) {
      return new Opened(RustTokenizer.load(tokenizerJson, threads), Kind.RUST);
    }
    try {
      return new Opened(TokenizerJson.read(tokenizerJson), Kind.JAVA);
    } catch (TokenizerJsonException e) {
      if (kind == Kind.JAVA) {
        throw e;
      }
      LOG.info("The Java tokenizer cannot read {} ({}); encoding with the Hugging Face Rust "
          + "tokenizer", tokenizerJson, e.getMessage());
      try {
        return new Opened(RustTokenizer.load(tokenizerJson, threads), Kind.RUST);
      } catch (NativeTokenizerUnavailableException unavailable) {
        unavailable.addSuppressed(e);
        throw unavailable;
      }
    }
  }
}
