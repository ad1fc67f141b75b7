package io.llmtrain.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

/**
 * An output file that appears under its name only when complete: bytes go to a temporary file
 * beside it, which is flushed to disk and renamed on {@link #commit}. A run that dies midway never
 * leaves a truncated file that looks finished. Names ending in {@code .gz} are compressed.
 */
public final class AtomicOutput extends FilterOutputStream {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private boolean done;

  private AtomicOutput(Path target, Path temp, FileChannel channel, OutputStream out) {
    super(out);
    this.target = target;
    this.temp = temp;
    this.channel = channel;
  }

  public static AtomicOutput create(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its files are private (0600) and would stay so after the
    // rename; a file created normally gets the permissions of the user's umask, as any output.
    Path temp;
    FileChannel channel;
    while (true) {
      temp = dir.resolve("." + target.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
      try {
        channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        break;
      } catch (FileAlreadyExistsException e) {
        // another writer drew the same name: draw again
      }
    }
    OutputStream out = new java.io.BufferedOutputStream(
        java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
    if (target.getFileName().toString().endsWith(".gz")) {
      out = new GZIPOutputStream(out, 1 << 16);
    }
    return new AtomicOutput(target, temp, channel, out);
  }

  /** Writes a whole small file atomically. */
  public static void write(Path target, byte[]... parts) throws IOException {
    try (AtomicOutput out = create(target)) {
      for (byte[] part : parts) {
        out.write(part);
      }
      out.commit();
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  public Path target() {
    return target;
  }

  /** Flushes, syncs and renames the temporary file onto the target. */
  public void commit() throws IOException {
    if (done) {
      return;
    }
    done = true;
    out.close();
    try (FileChannel c = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Abandons the output: the temporary file is deleted and the target left as it was. */
  public void abort() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
    } finally {
      if (channel.isOpen()) {
        channel.close();
      }
      Files.deleteIfExists(temp);
    }
  }

  /** Closing without {@link #commit} aborts, so try-with-resources never publishes a failure. */
  @Override
  public void close() throws IOException {
    abort();
  }
}
