package io.llmtrain.core.monitor;

import io.llmtrain.core.LlmtrainException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.<seconds>.<host>}) with the run's
 * scalars, so {@code tensorboard --logdir RUN_DIR} plots them: {@code train/loss}, {@code
 * train/lr}, {@code train/grad_norm}, {@code train/tokens_per_second}, {@code train/mfu} (only
 * when the device's peak is known), {@code val/loss} and {@code val/perplexity}.
 *
 * <p>Format: a TFRecord file (each record: uint64 length, masked CRC-32C of the length, the bytes,
 * masked CRC-32C of the bytes; little-endian) of {@code tensorflow.Event} protocol buffers, the
 * first carrying {@code file_version = "brain.Event:2"}. The handful of fields needed (Event
 * wall_time/step/file_version/summary/session_log, Summary.Value tag/simple_value) are encoded by
 * hand: protobuf-java and generated classes would add about 2 MB and a code-generation step for
 * some forty lines of varints and fixed-width numbers, and this wire format is frozen.
 *
 * <p>Each start writes a new file whose first event after the version is a {@code SessionLog
 * START} at the first step this session trains (checkpoint step + 1): on a resumed run
 * TensorBoard's event accumulator then discards the earlier file's points from that step on,
 * which would otherwise be drawn twice. Records are flushed every {@code
 * flushEverySteps} steps and at every evaluation and the end.
 */
public final class TensorBoardListener implements TrainingListener {
  /** Sub-directory of the run directory used when none is given. */
  public static final String DIRECTORY = "tensorboard";

  private final Path directory;
  private final int flushEverySteps;
  private final Throughput window = new Throughput();
  private final int everySteps;
  private OutputStream out;
  private Path file;
  private Run run;
  private int unflushed;

  /**
   * @param directory where event files go; {@code null} for {@value #DIRECTORY} in the run
   *     directory
   * @param everySteps write the training scalars every this many steps
   * @param flushEverySteps flush to disk every this many written steps
   */
  public TensorBoardListener(Path directory, int everySteps, int flushEverySteps) {
    if (everySteps < 1 || flushEverySteps < 1) {
      throw new IllegalArgumentException("everySteps and flushEverySteps must be at least 1, got "
          + everySteps + " and " + flushEverySteps);
    }
    this.directory = directory;
    this.everySteps = everySteps;
    this.flushEverySteps = flushEverySteps;
  }

  /** Every step, flushed every 10, under {@value #DIRECTORY} in the run directory. */
  public TensorBoardListener() {
    this(null, 1, 10);
  }

  /** The event file being written (after {@link #onStart}). */
  public Path file() {
    return file;
  }

  @Override
  public void onStart(Run r) {
    this.run = r;
    Path dir = directory != null ? directory : r.directory().resolve(DIRECTORY);
    long now = System.currentTimeMillis();
    String base = "events.out.tfevents." + (now / 1000) + "." + host();
    try {
      Files.createDirectories(dir);
      Path f = dir.resolve(base);
      // Two starts within one second (a quick resume) must not append to the other file.
      for (int i = 1; Files.exists(f); i++) {
        f = dir.resolve(base + "." + ProcessHandle.current().pid() + "." + i);
      }
      file = f;
      out = new BufferedOutputStream(Files.newOutputStream(f, StandardOpenOption.CREATE_NEW),
          1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a TensorBoard event file in " + dir, e);
    }
    double wall = now / 1000.0;
    Proto version = new Proto().fixed64(1, wall).varint(2, r.startStep())
        .string(3, "brain.Event:2");
    record(version.bytes());
    // SessionLog{status: START} at step s: TensorBoard's event accumulator drops the points at
    // steps >= s read so far, so s is the first step this session trains, not the checkpoint's.
    Proto sessionLog = new Proto().varint(1, 1);
    record(new Proto().fixed64(1, wall).varint(2, r.startStep() + 1).message(6, sessionLog)
        .bytes());
    flush();
  }

  @Override
  public void onStep(Step s) {
    if (out == null) {
      return;
    }
    window.add(s);
    if (s.step() % everySteps != 0 && s.step() != run.totalSteps()) {
      return;
    }
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("train/loss", s.loss());
    v.put("train/lr", s.learningRate());
    v.put("train/grad_norm", s.gradientNorm());
    double tps = window.tokensPerSecond();
    window.reset();
    v.put("train/tokens_per_second", tps);
    if (run.peakFlops() > 0) {
      v.put("train/mfu", tps * run.flopsPerToken() / run.peakFlops());
    }
    scalars(s.step(), v);
    if (++unflushed >= flushEverySteps) {
      flush();
    }
  }

  @Override
  public void onEvaluation(Evaluation e) {
    if (out == null) {
      return;
    }
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("val/loss", e.validationLoss());
    v.put("val/perplexity", e.perplexity());
    scalars(e.step(), v);
    flush();
  }

  @Override
  public void onEnd(Run r, long lastStep, Throwable error) {
    if (out == null) {
      return;
    }
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the TensorBoard event file " + file, e);
    } finally {
      out = null;
    }
  }

  private void scalars(long step, Map<String, Double> values) {
    Proto summary = new Proto();
    values.forEach((tag, value) -> summary.message(1,
        new Proto().string(1, tag).fixed32(2, value.floatValue())));
    record(new Proto().fixed64(1, System.currentTimeMillis() / 1000.0).varint(2, step)
        .message(5, summary).bytes());
  }

  private void record(byte[] data) {
    try {
      out.write(frame(data));
    } catch (IOException e) {
      throw new LlmtrainException("cannot write the TensorBoard event file " + file + ": "
          + e.getMessage(), e);
    }
  }

  private void flush() {
    try {
      out.flush();
      unflushed = 0;
    } catch (IOException e) {
      throw new LlmtrainException("cannot write the TensorBoard event file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** One TFRecord: length, its masked CRC, the data, its masked CRC (all little-endian). */
  static byte[] frame(byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(data.length);
    b.putInt(maskedCrc32c(b.array(), 0, 8));
    b.put(data);
    b.putInt(maskedCrc32c(data, 0, data.length));
    return b.array();
  }

  /**
   * CRC-32C rotated and offset as TFRecord stores it, so that the CRC of data that itself holds
   * CRCs does not degenerate.
   */
  static int maskedCrc32c(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static String host() {
    String h = System.getenv("HOSTNAME");
    if (h == null || h.isBlank()) {
      try {
        h = java.net.InetAddress.getLocalHost().getHostName();
      } catch (IOException e) {
        // The host only makes the file name unique across machines sharing a directory.
        h = "localhost";
      }
    }
    return h.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The protocol-buffer wire format, just the field kinds an Event needs. */
  static final class Proto {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      key(field, 0);
      writeVarint(value);
      return this;
    }

    Proto fixed64(int field, double value) {
      key(field, 1);
      long bits = Double.doubleToLongBits(value);
      for (int i = 0; i < 8; i++) {
        buf.write((int) (bits >>> (8 * i)));
      }
      return this;
    }

    Proto fixed32(int field, float value) {
      key(field, 5);
      int bits = Float.floatToIntBits(value);
      for (int i = 0; i < 4; i++) {
        buf.write(bits >>> (8 * i));
      }
      return this;
    }

    Proto string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto value) {
      return bytes(field, value.bytes());
    }

    private Proto bytes(int field, byte[] value) {
      key(field, 2);
      writeVarint(value.length);
      buf.write(value, 0, value.length);
      return this;
    }

    private void key(int field, int wireType) {
      writeVarint(((long) field << 3) | wireType);
    }

    private void writeVarint(long v) {
      while ((v & ~0x7FL) != 0) {
        buf.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      buf.write((int) v);
    }

    byte[] bytes() {
      return buf.toByteArray();
    }
  }
}
