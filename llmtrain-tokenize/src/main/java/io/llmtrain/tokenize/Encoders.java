package io.llmtrain.tokenize;

import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.rust.NativeTokenizerUnavailableException;
import io.llmtrain.tokenize.rust.RustTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@code tokenizer.json} for encoding with the implementation asked for: the Hugging Face
 * Rust tokenizer through DJL, or the Java tokenizer, which gives the same ids and needs no native
 * library.
 */
public final class Encoders {
  private static final Logger LOG = LoggerFactory.getLogger(Encoders.class);

  private Encoders() {
  }

  /** Which implementation encodes. */
  public enum Kind {
    /** Rust where its native library loads, else Java (with a warning). */
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
    if (kind != Kind.JAVA) {
      try {
        return new Opened(RustTokenizer.load(tokenizerJson, threads), Kind.RUST);
      } catch (NativeTokenizerUnavailableException e) {
        if (kind == Kind.RUST) {
          throw e;
        }
        LOG.warn("The Hugging Face native tokenizer cannot load here ({}); using the Java "
            + "tokenizer, which gives the same ids", e.getMessage());
      }
    }
    return new Opened(TokenizerJson.read(tokenizerJson), Kind.JAVA);
  }
}
