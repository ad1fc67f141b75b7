package io.llmtrain.core.safetensors;

import static java.util.Objects.requireNonNull;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Writes a safetensors file: tensors in name order, header padded with spaces to a multiple of 8
 * bytes so every tensor starts aligned, optional {@code __metadata__}. Tensor bytes are pulled
 * one tensor at a time while writing (from a supplier), so saving a large model holds at most one
 * tensor's copy in memory. The file appears atomically (temporary file, fsync, rename).
 */
public final class SafetensorsWriter {
  private record Entry(SafetensorsDtype dtype, long[] shape, long bytes,
      Supplier<ByteBuffer> data) {
  }

  private final Map<String, Entry> entries = new TreeMap<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();

  /** Adds a {@code __metadata__} entry. */
  public SafetensorsWriter metadata(String key, String value) {
    metadata.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds a tensor whose little-endian bytes {@code data} supplies when the file is written.
   *
   * @throws IllegalArgumentException for a duplicate or reserved name or a negative dimension
   */
  public SafetensorsWriter add(String name, SafetensorsDtype dtype, long[] shape,
      Supplier<ByteBuffer> data) {
    requireNonNull(name, "name");
    requireNonNull(dtype, "dtype");
    requireNonNull(data, "data");
    if (name.equals("__metadata__")) {
      throw new IllegalArgumentException("'__metadata__' is reserved and cannot name a tensor");
    }
    if (entries.containsKey(name)) {
      throw new IllegalArgumentException("tensor '" + name + "' added twice");
    }
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension");
      }
      n = Math.multiplyExact(n, d);
    }
    entries.put(name, new Entry(dtype, shape.clone(), Math.multiplyExact(n, dtype.bytes()),
        data));
    return this;
  }

  /** Adds float32 values. */
  public SafetensorsWriter add(String name, long[] shape, float[] values) {
    float[] copy = values.clone();
    return add(name, SafetensorsDtype.F32, shape, () -> {
      ByteBuffer b = ByteBuffer.allocate(copy.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      b.asFloatBuffer().put(copy);
      return b;
    });
  }

  /**
   * Adds an NDArray, keeping its type; its bytes are copied from the device when the file is
   * written, so it must stay open until then.
   */
  public SafetensorsWriter add(String name, NDArray array) {
    return add(name, SafetensorsDtype.of(array.getDataType()), array.getShape().getShape(),
        array::toByteBuffer);
  }

  /** The header as written, without padding. */
  byte[] header() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = root.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long offset = 0;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      Entry t = e.getValue();
      ObjectNode o = root.putObject(e.getKey());
      o.put("dtype", t.dtype().name());
      ArrayNode s = o.putArray("shape");
      for (long d : t.shape()) {
        s.add(d);
      }
      o.putArray("data_offsets").add(offset).add(offset + t.bytes());
      offset += t.bytes();
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the file atomically. */
  public void write(Path file) throws IOException {
    byte[] header = header();
    int padded = (header.length + 7) / 8 * 8;
    try (AtomicOutput out = AtomicOutput.create(file)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      len.putLong(padded);
      out.write(len.array());
      out.write(header);
      for (int i = header.length; i < padded; i++) {
        out.write(' ');
      }
      for (Map.Entry<String, Entry> e : entries.entrySet()) {
        writeData(out, e.getKey(), e.getValue());
      }
      out.commit();
    }
  }

  private static void writeData(OutputStream out, String name, Entry t) throws IOException {
    ByteBuffer data = t.data().get();
    if (data.remaining() != t.bytes()) {
      throw new IllegalStateException("tensor '" + name + "' supplied " + data.remaining()
          + " bytes, its dtype and shape need " + t.bytes());
    }
    if (data.hasArray()) {
      out.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
      return;
    }
    byte[] chunk = new byte[(int) Math.min(1 << 20, Math.max(1, t.bytes()))];
    ByteBuffer src = data.duplicate();
    while (src.hasRemaining()) {
      int n = Math.min(chunk.length, src.remaining());
      src.get(chunk, 0, n);
      out.write(chunk, 0, n);
    }
  }
}
