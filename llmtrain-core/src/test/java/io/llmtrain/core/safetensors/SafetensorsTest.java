package io.llmtrain.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  @TempDir
  Path dir;

  /** A file laid out by hand as the specification describes it. */
  private Path fixture(String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length);
    out.write(len.array());
    out.write(h);
    out.write(data);
    Path f = Files.createTempFile(dir, "fixture", ".safetensors");
    Files.write(f, out.toByteArray());
    return f;
  }

  private static byte[] le(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  @Test
  void readsAHandBuiltFileWithMetadataAndPadding() throws IOException {
    // Two tensors declared out of name order, metadata, and space padding after the JSON.
    String header = "{\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[8,16]},"
        + "\"__metadata__\":{\"format\":\"pt\"},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}   ";
    ByteBuffer i64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-5L);
    Path f = fixture(header, concat(le(1.5f, -2f), i64.array()));
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertThat(r.names()).containsExactly("a", "b");
      assertThat(r.metadata()).containsExactly(Map.entry("format", "pt"));
      assertThat(r.floats("a")).containsExactly(1.5f, -2f);
      assertThat(r.info("b").shape()).containsExactly(1L);
      assertThat(r.bytes("b").getLong(0)).isEqualTo(-5L);
    }
  }

  @Test
  void writtenFilesFollowTheLayoutOfTheSpecification() throws IOException {
    Path f = dir.resolve("w.safetensors");
    new SafetensorsWriter()
        .add("z", new long[] {3}, new float[] {1, 2, 3})
        .add("a", new long[] {1, 2}, new float[] {4, 5})
        .metadata("k", "v")
        .write(f);
    byte[] all = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).isZero();
    String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
    assertThat(header).startsWith("{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F32\","
        + "\"shape\":[1,2],\"data_offsets\":[0,8]},\"z\":{\"dtype\":\"F32\",\"shape\":[3],"
        + "\"data_offsets\":[8,20]}}");
    assertThat(header.substring(header.lastIndexOf('}') + 1)).matches(" *");
    assertThat(all.length).isEqualTo(8 + n + 20);
    ByteBuffer data = ByteBuffer.wrap(all, (int) (8 + n), 20).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(data.getFloat(0)).isEqualTo(4f);
    assertThat(data.getFloat(8)).isEqualTo(1f);
    assertThat(data.getFloat(16)).isEqualTo(3f);
  }

  @Test
  void roundTripsFloatsHalvesAndScalars() throws IOException {
    float[] values = {0f, -0f, 1f, -1.5f, 65504f, 6.1e-5f, 3.14159f, 1e-8f};
    ByteBuffer f16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer bf16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      f16.putShort(HalfFloats.floatToF16(v));
      bf16.putShort(HalfFloats.floatToBf16(v));
    }
    Path f = dir.resolve("h.safetensors");
    new SafetensorsWriter()
        .add("f32", new long[] {2, 4}, values)
        .add("f16", SafetensorsDtype.F16, new long[] {8}, () -> f16.flip())
        .add("bf16", SafetensorsDtype.BF16, new long[] {8}, () -> bf16.flip())
        .add("scalar", new long[] {}, new float[] {7f})
        .add("empty", new long[] {0, 3}, new float[0])
        .write(f);
    try (SafetensorsReader r = SafetensorsReader.open(f)) {
      assertThat(r.floats("f32")).containsExactly(values);
      assertThat(r.info("f32").shape()).containsExactly(2L, 4L);
      float[] h = r.floats("f16");
      float[] b = r.floats("bf16");
      for (int i = 0; i < values.length; i++) {
        // Half keeps 11 significant bits, bfloat16 8: relative error under 2^-11 and 2^-8.
        assertThat(h[i]).isCloseTo(values[i], org.assertj.core.data.Offset.offset(
            Math.abs(values[i]) * 0x1p-11f + 6e-8f));
        assertThat(b[i]).isCloseTo(values[i], org.assertj.core.data.Offset.offset(
            Math.abs(values[i]) * 0x1p-8f));
      }
      assertThat(HalfFloats.f16ToFloat(HalfFloats.floatToF16(1e6f))).isInfinite();
      assertThat(r.floats("scalar")).containsExactly(7f);
      assertThat(r.info("empty").elements()).isZero();
    }
  }

  @Test
  void roundTripsNdArraysOfEveryCommonType() throws IOException {
    Path f = dir.resolve("nd.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray f32 = m.randomNormal(new Shape(3, 5));
      NDArray i32 = m.create(new int[] {1, -2, 3, 4}, new Shape(2, 2));
      NDArray i64 = m.create(new long[] {Long.MAX_VALUE, -1});
      NDArray u8 = m.create(new byte[] {0, (byte) 200, 7}).toType(DataType.UINT8, false);
      NDArray bool = m.create(new boolean[] {true, false, true});
      NDArray half = f32.toType(DataType.FLOAT16, false);
      new SafetensorsWriter().add("f32", f32).add("i32", i32).add("i64", i64).add("u8", u8)
          .add("bool", bool).add("f16", half).write(f);
      try (SafetensorsReader r = SafetensorsReader.open(f)) {
        assertThat(r.info("u8").dtype()).isEqualTo(SafetensorsDtype.U8);
        assertThat(r.info("bool").dtype()).isEqualTo(SafetensorsDtype.BOOL);
        assertThat(r.info("f16").dtype()).isEqualTo(SafetensorsDtype.F16);
        for (String name : r.names()) {
          NDArray back = r.toNDArray(m, name);
          NDArray orig = switch (name) {
            case "f32" -> f32;
            case "i32" -> i32;
            case "i64" -> i64;
            case "u8" -> u8;
            case "bool" -> bool;
            default -> half;
          };
          assertThat(back.getDataType()).as(name).isEqualTo(orig.getDataType());
          assertThat(back.getShape()).as(name).isEqualTo(orig.getShape());
          assertThat(back.toByteArray()).as(name).isEqualTo(orig.toByteArray());
        }
      }
    }
  }

  private void assertRefused(String header, byte[] data, String... messageParts) {
    assertThatThrownBy(() -> SafetensorsReader.open(fixture(header, data)).close())
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void refusesOverlappingHoledAndOutOfRangeOffsets() {
    byte[] data = le(1, 2, 3, 4);
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", data,
        "'b'", "overlap");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", data,
        "'b'", "hole");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,24]}}", data,
        "'a'", "past the data section");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data,
        "cover 8 bytes", "16");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", data,
        "'a'", "needs 12");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[16,0]}}", data,
        "'a'", "end before");
  }

  @Test
  void refusesMalformedHeaders() throws IOException {
    byte[] data = le(1);
    assertRefused("{\"a\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", data,
        "unknown dtype 'F31'");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", data,
        "shape[0]");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data, "Duplicate");
    assertRefused("{\"__metadata__\":{\"n\":1},"
        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data,
        "__metadata__", "'n' must be a string");
    assertRefused(" {\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", data,
        "must start with '{'");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}x", data,
        "trailing");
    assertRefused("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}",
        data, "unknown key 'x'");
  }

  @Test
  void refusesHeaderLengthsOverTheLimitOrPastTheEnd() throws IOException {
    Path huge = dir.resolve("huge.safetensors");
    Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(SafetensorsReader.MAX_HEADER_BYTES + 1).array());
    assertThatThrownBy(() -> SafetensorsReader.open(huge)).isInstanceOf(
        SafetensorsException.class).hasMessageContaining("over the limit");
    Path past = dir.resolve("past.safetensors");
    Files.write(past, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100)
        .array());
    assertThatThrownBy(() -> SafetensorsReader.open(past)).isInstanceOf(
        SafetensorsException.class).hasMessageContaining("past the end");
    Path tiny = dir.resolve("tiny.safetensors");
    Files.write(tiny, new byte[3]);
    assertThatThrownBy(() -> SafetensorsReader.open(tiny)).hasMessageContaining(
        tiny.toString()).hasMessageContaining("too short");
  }

  @Test
  void writerRefusesDuplicatesAndWrongSizes() {
    SafetensorsWriter w = new SafetensorsWriter().add("a", new long[] {1}, new float[] {1});
    assertThatThrownBy(() -> w.add("a", new long[] {1}, new float[] {1}))
        .hasMessageContaining("added twice");
    assertThatThrownBy(() -> w.add("__metadata__", new long[] {1}, new float[] {1}))
        .hasMessageContaining("reserved");
    SafetensorsWriter bad = new SafetensorsWriter().add("b", SafetensorsDtype.F32,
        new long[] {2}, () -> ByteBuffer.allocate(4));
    assertThatThrownBy(() -> bad.write(dir.resolve("bad.safetensors")))
        .hasMessageContaining("need 8");
    assertThat(dir.resolve("bad.safetensors")).doesNotExist();
  }
}
