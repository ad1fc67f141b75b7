package io.llmtrain.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardListenerTest {
  @TempDir
  Path dir;

  // --- An independent reader: bitwise CRC-32C, TFRecord framing, the Event fields by number. ---

  /** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit. */
  static int crc32c(byte[] b, int off, int len) {
    int crc = 0xFFFFFFFF;
    for (int i = off; i < off + len; i++) {
      crc ^= b[i] & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return ~crc;
  }

  static int mask(int crc) {
    return Integer.rotateRight(crc, 15) + 0xa282ead8;
  }

  record Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars,
      int sessionStatus) {
  }

  static List<Event> read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> out = new ArrayList<>();
    while (b.hasRemaining()) {
      assertThat(b.remaining()).as("room for a record header").isGreaterThanOrEqualTo(12);
      int start = b.position();
      long length = b.getLong();
      assertThat(b.getInt()).as("length CRC").isEqualTo(mask(crc32c(b.array(), start, 8)));
      assertThat(length).isLessThanOrEqualTo(b.remaining() - 4);
      byte[] data = new byte[(int) length];
      b.get(data);
      assertThat(b.getInt()).as("data CRC").isEqualTo(mask(crc32c(data, 0, data.length)));
      out.add(parseEvent(data));
    }
    return out;
  }

  private static Event parseEvent(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    double wall = 0;
    long step = 0;
    String version = null;
    Map<String, Float> scalars = new LinkedHashMap<>();
    int session = -1;
    while (b.hasRemaining()) {
      long key = varint(b);
      int field = (int) (key >>> 3);
      int type = (int) (key & 7);
      switch (field) {
        case 1 -> {
          assertThat(type).isEqualTo(1);
          wall = b.getDouble();
        }
        case 2 -> {
          assertThat(type).isEqualTo(0);
          step = varint(b);
        }
        case 3 -> {
          assertThat(type).isEqualTo(2);
          version = new String(lengthDelimited(b), StandardCharsets.UTF_8);
        }
        case 5 -> {
          assertThat(type).isEqualTo(2);
          parseSummary(ByteBuffer.wrap(lengthDelimited(b)).order(ByteOrder.LITTLE_ENDIAN),
              scalars);
        }
        case 6 -> {
          assertThat(type).isEqualTo(2);
          ByteBuffer s = ByteBuffer.wrap(lengthDelimited(b));
          assertThat(varint(s)).isEqualTo(1 << 3);
          session = (int) varint(s);
        }
        default -> throw new AssertionError("unexpected Event field " + field);
      }
    }
    return new Event(wall, step, version, scalars, session);
  }

  private static void parseSummary(ByteBuffer b, Map<String, Float> scalars) {
    while (b.hasRemaining()) {
      assertThat(varint(b)).as("Summary.value, length-delimited").isEqualTo((1 << 3) | 2);
      ByteBuffer v = ByteBuffer.wrap(lengthDelimited(b)).order(ByteOrder.LITTLE_ENDIAN);
      String tag = null;
      Float value = null;
      while (v.hasRemaining()) {
        long key = varint(v);
        if (key == ((1 << 3) | 2)) {
          tag = new String(lengthDelimited(v), StandardCharsets.UTF_8);
        } else if (key == ((2 << 3) | 5)) {
          value = v.getFloat();
        } else {
          throw new AssertionError("unexpected Summary.Value key " + key);
        }
      }
      assertThat(tag).isNotNull();
      assertThat(value).isNotNull();
      scalars.put(tag, value);
    }
  }

  private static long varint(ByteBuffer b) {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      int x = b.get() & 0xFF;
      v |= (long) (x & 0x7F) << shift;
      if ((x & 0x80) == 0) {
        return v;
      }
    }
  }

  private static byte[] lengthDelimited(ByteBuffer b) {
    byte[] out = new byte[(int) varint(b)];
    b.get(out);
    return out;
  }

  // --- Tests. ---

  @Test
  void crcMatchesTheStandardCheckValue() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    assertThat(TensorBoardListener.maskedCrc32c(check, 0, check.length))
        .isEqualTo(mask(0xE3069283));
  }

  @Test
  void eventFileRoundTripsWithVersionFirstAndEveryScalar() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 20, 0, 1e12);
    TensorBoardListener l = new TensorBoardListener();
    long before = System.currentTimeMillis() / 1000;
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 20);
    l.onEnd(run, 20, null);

    Path file = l.file();
    assertThat(file.getParent()).isEqualTo(dir.resolve("tensorboard"));
    assertThat(file.getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d+\\..+");
    List<Event> events = read(file);
    assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
    assertThat(events.get(0).wallTime()).isBetween((double) before, before + 60.0);
    assertThat(events.get(1).sessionStatus()).isEqualTo(1);

    List<Event> train = events.stream().filter(e -> e.scalars().containsKey("train/loss"))
        .toList();
    assertThat(train).extracting(Event::step).hasSize(20).startsWith(1L, 2L).endsWith(20L);
    Event s7 = train.get(6);
    assertThat(s7.scalars()).containsOnlyKeys("train/loss", "train/lr", "train/grad_norm",
        "train/tokens_per_second", "train/mfu");
    assertThat(s7.scalars().get("train/loss")).isEqualTo((float) SyntheticRun.loss(7));
    assertThat(s7.scalars().get("train/lr")).isEqualTo((float) SyntheticRun.step(7)
        .learningRate());
    assertThat(s7.scalars().get("train/grad_norm")).isEqualTo(0.507f);
    assertThat(s7.scalars().get("train/tokens_per_second")).isEqualTo(8192f);
    assertThat((double) s7.scalars().get("train/mfu"))
        .isCloseTo(8192 * 6 * 1_234_567.0 / 1e12, within(1e-6));

    List<Event> val = events.stream().filter(e -> e.scalars().containsKey("val/loss")).toList();
    assertThat(val).extracting(Event::step).containsExactly(5L, 10L, 15L, 20L);
    assertThat(val.get(0).scalars().get("val/perplexity"))
        .isCloseTo((float) Math.exp(SyntheticRun.loss(5) + 0.1), within(1e-4f));
  }

  @Test
  void unknownPeakOmitsMfuAndResumeStartsANewFileWithSessionStart() throws IOException {
    Path tb = dir.resolve("tb");
    TrainingListener.Run first = SyntheticRun.run(dir, 20, 0, 0);
    TensorBoardListener a = new TensorBoardListener(tb, 1, 100);
    a.onStart(first);
    SyntheticRun.feed(a, first, 0, 12);
    a.onEnd(first, 12, new RuntimeException("stopped"));

    TrainingListener.Run resumed = SyntheticRun.run(dir, 20, 10, 0);
    TensorBoardListener b = new TensorBoardListener(tb, 1, 100);
    b.onStart(resumed);
    SyntheticRun.feed(b, resumed, 10, 20);
    b.onEnd(resumed, 20, null);

    List<Path> files;
    try (Stream<Path> s = Files.list(tb)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(2).contains(a.file(), b.file());
    List<Event> second = read(b.file());
    assertThat(second.get(0).fileVersion()).isEqualTo("brain.Event:2");
    assertThat(second.get(1).sessionStatus()).isEqualTo(1);
    // TensorBoard drops earlier points at steps >= this one: 11, the first step retrained.
    assertThat(second.get(1).step()).isEqualTo(11);
    assertThat(second.stream().filter(e -> e.scalars().containsKey("train/loss")))
        .extracting(Event::step).first().isEqualTo(11L);
    assertThat(read(a.file())).allSatisfy(e -> assertThat(e.scalars()).doesNotContainKey(
        "train/mfu"));
  }

  @Test
  void intervalWritesEveryNthStepAndTheLast() throws IOException {
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 0, 0);
    TensorBoardListener l = new TensorBoardListener(null, 3, 1);
    l.onStart(run);
    for (long s = 1; s <= 10; s++) {
      l.onStep(SyntheticRun.step(s));
    }
    // Flushed at each written step: readable before the end.
    assertThat(read(l.file()).stream().filter(e -> !e.scalars().isEmpty()))
        .extracting(Event::step).containsExactly(3L, 6L, 9L, 10L);
    l.onEnd(run, 10, null);
  }

  @Test
  void tensorBoardItselfReadsTheFileWhenInstalled() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(pythonHasTensorBoard(),
        "python3 with tensorboard is not installed here");
    TrainingListener.Run run = SyntheticRun.run(dir, 10, 0, 1e12);
    TensorBoardListener l = new TensorBoardListener();
    l.onStart(run);
    SyntheticRun.feed(l, run, 0, 10);
    l.onEnd(run, 10, null);
    String script = String.join("\n",
        "import sys",
        "from tensorboard.backend.event_processing.event_accumulator import EventAccumulator",
        "ea = EventAccumulator(sys.argv[1]); ea.Reload()",
        "print(len(ea.Scalars('train/loss')), ea.Scalars('train/loss')[-1].step,",
        "      len(ea.Scalars('val/loss')))");
    Process p = new ProcessBuilder("python3", "-c", script, l.file().getParent().toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out.trim()).isEqualTo("10 10 2");
  }

  private static boolean pythonHasTensorBoard() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import tensorboard")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
