package io.llmtrain.core.tokens;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.llmtrain.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One input file of a token dataset, for its provenance: the path as given, the SHA-256 of its
 * bytes (as stored, so a compressed file is hashed compressed) and its size.
 */
public record SourceFile(String path, String sha256, long bytes) {
  public SourceFile {
    requireNonNull(path, "path");
    requireNonNull(sha256, "sha256");
  }

  /** Hashes {@code file}. */
  public static SourceFile of(Path file) {
    Hasher h = Hashing.sha256().newHasher();
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int r; (r = in.read(buf)) > 0; ) {
        h.putBytes(buf, 0, r);
        n += r;
      }
    } catch (IOException e) {
      throw new InputException(file.toString(), "cannot read to hash it: " + e, e);
    }
    return new SourceFile(file.toString(), h.hash().toString(), n);
  }
}
