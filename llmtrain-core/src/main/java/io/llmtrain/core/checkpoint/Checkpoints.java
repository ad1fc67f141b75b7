package io.llmtrain.core.checkpoint;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one run directory: {@code checkpoint-000100/} and so on, each a directory of
 * files plus a {@code manifest.json} holding every file's size and SHA-256.
 *
 * <p>Writing is atomic: files go into a hidden temporary directory ({@code .checkpoint-000100.tmp-*})
 * and are fsynced, the manifest is written last, then the directory is renamed into place and the
 * parent fsynced. A process killed at any moment leaves either the complete checkpoint or a
 * temporary directory that {@link #latestValid} never looks at (and the next write removes).
 * After each write only the newest {@code keep} checkpoints remain.
 *
 * <p>On resume, {@link #latestValid} checks the newest checkpoint against its manifest and falls
 * back to the previous one, with a warning naming the bad file, when it does not match.
 */
public final class Checkpoints {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{6,})");
  private static final String TEMP_PREFIX = ".checkpoint-";
  public static final String MANIFEST = "manifest.json";
  public static final String FORMAT = "llmtrain-checkpoint";
  public static final int FORMAT_VERSION = 1;

  /** Writes one file of a checkpoint at the given path. */
  @FunctionalInterface
  public interface FileWriter {
    void write(Path file) throws IOException;
  }

  private final Path runDirectory;
  private final int keep;

  /** Checkpoints under {@code runDirectory}, keeping the newest {@code keep} after each write. */
  public Checkpoints(Path runDirectory, int keep) {
    this.runDirectory = requireNonNull(runDirectory, "runDirectory");
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, got " + keep);
    }
    this.keep = keep;
  }

  public Path runDirectory() {
    return runDirectory;
  }

  /** The directory name of the checkpoint after {@code step} steps. */
  public static String directoryName(long step) {
    return String.format("checkpoint-%06d", step);
  }

  /** The step a checkpoint directory was written at, or -1 if the name is not a checkpoint's. */
  public static long stepOf(Path directory) {
    Matcher m = NAME.matcher(directory.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Writes a checkpoint atomically and prunes old ones.
   *
   * @param files file name to writer, called in order inside the temporary directory
   * @param manifestExtras extra top-level manifest fields (e.g. the tokenizer's hash)
   * @return the final directory
   */
  public Path write(long step, Map<String, FileWriter> files, Map<String, Object> manifestExtras)
      throws IOException {
    if (files.containsKey(MANIFEST)) {
      throw new IllegalArgumentException(MANIFEST + " is written by Checkpoints itself");
    }
    Files.createDirectories(runDirectory);
    String name = directoryName(step);
    removeStaleTemporaries();
    // Not Files.createTempDirectory: its directories are private (0700) and stay so after the
    // rename; one made normally follows the user's umask like the rest of the run.
    Path temp;
    while (true) {
      temp = runDirectory.resolve(TEMP_PREFIX + name + ".tmp-"
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        Files.createDirectory(temp);
        break;
      } catch (FileAlreadyExistsException e) {
        // drawn before: draw again
      }
    }
    boolean published = false;
    try {
      Map<String, Object> entries = new TreeMap<>();
      for (Map.Entry<String, FileWriter> f : files.entrySet()) {
        Path file = temp.resolve(f.getKey());
        f.getValue().write(file);
        fsync(file);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("bytes", Files.size(file));
        e.put("sha256", sha256(file));
        entries.put(f.getKey(), e);
      }
      ObjectNode manifest = Json.MAPPER.createObjectNode();
      manifest.put("format", FORMAT);
      manifest.put("formatVersion", FORMAT_VERSION);
      manifest.put("step", step);
      manifest.set("extra", Json.MAPPER.valueToTree(manifestExtras));
      manifest.set("files", Json.MAPPER.valueToTree(entries));
      Path mf = temp.resolve(MANIFEST);
      Files.write(mf, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
      fsync(mf);
      fsync(temp);
      Path target = runDirectory.resolve(name);
      if (Files.exists(target)) {
        // Rewriting a step (a resumed run ending where a checkpoint exists): replace it.
        deleteTree(target);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target);
      }
      published = true;
      fsync(runDirectory);
      prune();
      return target;
    } finally {
      if (!published) {
        deleteTree(temp);
      }
    }
  }

  /** Complete-looking checkpoint directories (by name), newest first; nothing is verified. */
  public List<Path> list() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(runDirectory)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(runDirectory)) {
      for (Path p : s) {
        if (Files.isDirectory(p) && stepOf(p) >= 0) {
          out.add(p);
        }
      }
    }
    out.sort(Comparator.comparingLong(Checkpoints::stepOf).reversed());
    return out;
  }

  /**
   * Checks a checkpoint against its manifest: every listed file present with its size and
   * SHA-256.
   *
   * @return the manifest
   * @throws CheckpointException naming the first file that does not match
   */
  public static JsonNode verify(Path directory) {
    Path mf = directory.resolve(MANIFEST);
    JsonNode manifest;
    try {
      manifest = Json.MAPPER.readTree(Files.readAllBytes(mf));
    } catch (NoSuchFileException e) {
      throw new CheckpointException(mf.toString(), "missing: the checkpoint is incomplete", e);
    } catch (IOException e) {
      throw new CheckpointException(mf.toString(), "unreadable or not JSON: " + e, e);
    }
    if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
      throw new CheckpointException(mf.toString(), "not an llmtrain checkpoint manifest");
    }
    if (manifest.path("formatVersion").asInt() != FORMAT_VERSION) {
      throw new CheckpointException(mf.toString(), "format version "
          + manifest.path("formatVersion") + " is not supported (this build reads "
          + FORMAT_VERSION + ")");
    }
    JsonNode files = manifest.path("files");
    if (!files.isObject() || files.isEmpty()) {
      throw new CheckpointException(mf.toString(), "lists no files");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path f = directory.resolve(e.getKey()).normalize();
      if (!f.getParent().equals(directory.normalize())) {
        throw new CheckpointException(mf.toString(), "lists a file outside the checkpoint: "
            + e.getKey());
      }
      try {
        long size = Files.size(f);
        long expected = e.getValue().path("bytes").asLong(-1);
        if (size != expected) {
          throw new CheckpointException(f.toString(), "has " + size + " bytes, the manifest "
              + "says " + expected + ": the checkpoint is corrupt");
        }
        String sha = sha256(f);
        if (!sha.equals(e.getValue().path("sha256").asText())) {
          throw new CheckpointException(f.toString(), "SHA-256 " + sha + " differs from the "
              + "manifest's " + e.getValue().path("sha256").asText()
              + ": the checkpoint is corrupt");
        }
      } catch (NoSuchFileException ex) {
        throw new CheckpointException(f.toString(), "missing: the checkpoint is incomplete", ex);
      } catch (IOException ex) {
        throw new CheckpointException(f.toString(), "unreadable: " + ex, ex);
      }
    }
    return manifest;
  }

  /**
   * The newest checkpoint that passes {@link #verify}; each newer one that fails is skipped with
   * a warning naming its bad file. Empty when there is no checkpoint at all.
   *
   * @throws CheckpointException when checkpoints exist but none passes (carrying every failure)
   */
  public Optional<Path> latestValid() throws IOException {
    List<Path> all = list();
    CheckpointException first = null;
    for (Path dir : all) {
      try {
        verify(dir);
        return Optional.of(dir);
      } catch (CheckpointException e) {
        LOG.warn("Refusing checkpoint {}: {}; trying the previous one", dir.getFileName(),
            e.getMessage());
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw new CheckpointException(runDirectory.toString(), "none of the " + all.size()
          + " checkpoints is intact; the newest failed with: " + first.getMessage(), first);
    }
    return Optional.empty();
  }

  /** Deletes all but the newest {@code keep} checkpoints. */
  private void prune() throws IOException {
    List<Path> all = list();
    for (int i = keep; i < all.size(); i++) {
      deleteTree(all.get(i));
    }
  }

  /** Temporary directories of writes that never finished (a crash); one writer per run. */
  private void removeStaleTemporaries() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(runDirectory,
        TEMP_PREFIX + "*.tmp-*")) {
      for (Path p : s) {
        LOG.info("Removing the unfinished checkpoint {}", p.getFileName());
        deleteTree(p);
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Flushes a file or a directory entry to the disk (directories: where the OS allows it). */
  static void fsync(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
        c.force(true);
      } catch (IOException e) {
        // Some systems cannot open or sync a directory; the file data is synced already.
        LOG.debug("cannot fsync directory {}: {}", p, e.toString());
      }
      return;
    }
    try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** Hex SHA-256 of a file's bytes. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Writes small JSON content as a checkpoint file. */
  public static FileWriter json(Object value) {
    return file -> Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsString(value).concat("\n").getBytes(StandardCharsets.UTF_8));
  }
}
