package io.llmtrain.core.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a safetensors file: an 8-byte little-endian header length {@code N}, {@code N} bytes of
 * UTF-8 JSON (optionally padded with trailing spaces), then the raw little-endian tensor data.
 *
 * <p>The header is checked fully on open, as the format's specification asks: known dtypes,
 * non-negative shapes, {@code data_offsets} whose length matches shape and dtype, byte ranges
 * that tile the data section exactly (no overlap, no hole, nothing past the end), no duplicate
 * names, {@code __metadata__} a map of strings. Tensor bytes are memory-mapped one tensor at a
 * time when asked for, so a 500 MB model never sits in the Java heap; the returned buffers stay
 * valid after {@link #close}.
 */
public final class SafetensorsReader implements AutoCloseable {
  /** Largest header accepted, as in the reference implementation (100 MB). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsReader(Path file, FileChannel channel, long dataStart,
      Map<String, TensorInfo> tensors, Map<String, String> metadata) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens and validates {@code file}.
   *
   * @throws SafetensorsException naming the file (and the tensor) when it breaks the format
   */
  public static SafetensorsReader open(Path file) {
    String name = file.toString();
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new SafetensorsException(name, "cannot open: " + e, e);
    }
    try {
      long size = ch.size();
      if (size < 8) {
        throw new SafetensorsException(name, null, "too short for the 8-byte header length ("
            + size + " bytes)");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0);
      long n = len.getLong(0);
      if (n < 0 || n > MAX_HEADER_BYTES) {
        throw new SafetensorsException(name, null, "header length " + Long.toUnsignedString(n)
            + " is over the limit of " + MAX_HEADER_BYTES + " bytes");
      }
      if (8 + n > size) {
        throw new SafetensorsException(name, null, "header length " + n + " runs past the end "
            + "of the file (" + size + " bytes)");
      }
      ByteBuffer header = ByteBuffer.allocate((int) n);
      readFully(ch, header, 8);
      Parsed p = parseHeader(name, header.array(), size - 8 - n);
      return new SafetensorsReader(file, ch, 8 + n, p.tensors, p.metadata);
    } catch (IOException e) {
      closeQuietly(ch, e);
      throw new SafetensorsException(name, "cannot read: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(ch, e);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel ch, Exception primary) {
    try {
      ch.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer dst, long position)
      throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int r = ch.read(dst, pos);
      if (r < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += r;
    }
  }

  /** A validated header. */
  record Parsed(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
  }

  /**
   * Parses and validates a header against a data section of {@code dataLength} bytes.
   *
   * @throws SafetensorsException naming {@code source} and the offending tensor
   */
  static Parsed parseHeader(String source, byte[] header, long dataLength) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(header)).toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsException(source, "the header is not valid UTF-8", e);
    }
    if (text.isEmpty() || text.charAt(0) != '{') {
      throw new SafetensorsException(source, null, "the header must start with '{'");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readTree(text);
    } catch (JsonProcessingException e) {
      throw new SafetensorsException(source, "the header is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
    // Only spaces may follow the JSON object (the alignment padding the writer adds).
    int close = text.lastIndexOf('}');
    for (int i = close + 1; i < text.length(); i++) {
      if (text.charAt(i) != ' ') {
        throw new SafetensorsException(source, null, "the header has trailing bytes other than "
            + "space padding");
      }
    }
    if (root == null || !root.isObject()) {
      throw new SafetensorsException(source, null, "the header must be a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    List<TensorInfo> list = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("__metadata__")) {
        if (!v.isObject()) {
          throw new SafetensorsException(source, key, "must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> m = v.fields(); m.hasNext(); ) {
          Map.Entry<String, JsonNode> kv = m.next();
          if (!kv.getValue().isTextual()) {
            throw new SafetensorsException(source, key, "value of '" + kv.getKey()
                + "' must be a string, got " + kv.getValue());
          }
          metadata.put(kv.getKey(), kv.getValue().asText());
        }
        continue;
      }
      list.add(tensor(source, key, v));
    }
    // The byte ranges must tile [0, dataLength) in order: no overlap, no hole, nothing beyond.
    list.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long expected = 0;
    for (TensorInfo t : list) {
      if (t.begin() != expected) {
        throw new SafetensorsException(source, t.name(), "data_offsets [" + t.begin() + ", "
            + t.end() + "] " + (t.begin() < expected ? "overlap another tensor" : "leave a hole")
            + ": expected it to begin at " + expected);
      }
      if (t.end() > dataLength) {
        throw new SafetensorsException(source, t.name(), "data_offsets [" + t.begin() + ", "
            + t.end() + "] run past the data section of " + dataLength + " bytes");
      }
      expected = t.end();
    }
    if (expected != dataLength) {
      throw new SafetensorsException(source, null, "the tensors cover " + expected
          + " bytes but the data section has " + dataLength);
    }
    Map<String, TensorInfo> tensors = new TreeMap<>();
    for (TensorInfo t : list) {
      tensors.put(t.name(), t);
    }
    return new Parsed(Collections.unmodifiableMap(tensors),
        Collections.unmodifiableMap(metadata));
  }

  private static TensorInfo tensor(String source, String name, JsonNode v) {
    if (!v.isObject()) {
      throw new SafetensorsException(source, name, "must be an object with dtype, shape and "
          + "data_offsets");
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("dtype") && !f.equals("shape") && !f.equals("data_offsets")) {
        throw new SafetensorsException(source, name, "unknown key '" + f + "'");
      }
    }
    JsonNode d = v.get("dtype");
    if (d == null || !d.isTextual()) {
      throw new SafetensorsException(source, name, "dtype missing or not a string");
    }
    SafetensorsDtype dtype = SafetensorsDtype.parse(d.asText());
    if (dtype == null) {
      throw new SafetensorsException(source, name, "unknown dtype '" + d.asText() + "'");
    }
    JsonNode s = v.get("shape");
    if (s == null || !s.isArray()) {
      throw new SafetensorsException(source, name, "shape missing or not a list");
    }
    long[] shape = new long[s.size()];
    long elements = 1;
    for (int i = 0; i < shape.length; i++) {
      JsonNode x = s.get(i);
      if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
        throw new SafetensorsException(source, name, "shape[" + i + "] must be a non-negative "
            + "integer, got " + x);
      }
      shape[i] = x.asLong();
      try {
        elements = Math.multiplyExact(elements, shape[i]);
      } catch (ArithmeticException e) {
        throw new SafetensorsException(source, name, "shape " + s + " overflows");
      }
    }
    JsonNode o = v.get("data_offsets");
    if (o == null || !o.isArray() || o.size() != 2) {
      throw new SafetensorsException(source, name, "data_offsets must be [begin, end]");
    }
    for (JsonNode x : o) {
      if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
        throw new SafetensorsException(source, name, "data_offsets must be non-negative "
            + "integers, got " + o);
      }
    }
    long begin = o.get(0).asLong();
    long end = o.get(1).asLong();
    if (end < begin) {
      throw new SafetensorsException(source, name, "data_offsets [" + begin + ", " + end
          + "] end before they begin");
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(elements, dtype.bytes());
    } catch (ArithmeticException e) {
      throw new SafetensorsException(source, name, "shape " + s + " overflows");
    }
    if (end - begin != bytes) {
      throw new SafetensorsException(source, name, "data_offsets [" + begin + ", " + end
          + "] hold " + (end - begin) + " bytes but " + dtype + " " + s + " needs " + bytes);
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  public Path file() {
    return file;
  }

  /** Tensor names, sorted. */
  public List<String> names() {
    return List.copyOf(tensors.keySet());
  }

  /** Every tensor's header entry by name, sorted by name. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The {@code __metadata__} map; empty when absent. */
  public Map<String, String> metadata() {
    return metadata;
  }

  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  /** The header entry of {@code name}; {@link SafetensorsException} when absent. */
  public TensorInfo info(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new SafetensorsException(file.toString(), name, "no such tensor");
    }
    return t;
  }

  /** The raw little-endian bytes of {@code name}, memory-mapped, read-only. */
  public ByteBuffer bytes(String name) {
    TensorInfo t = info(name);
    if (t.byteLength() > Integer.MAX_VALUE) {
      throw new SafetensorsException(file.toString(), name, "tensors over 2 GiB are not "
          + "supported (" + t.byteLength() + " bytes)");
    }
    if (t.byteLength() == 0) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin(), t.byteLength())
          .order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new SafetensorsException(file.toString(), "cannot map tensor '" + name + "': " + e,
          e);
    }
  }

  /** The values of a floating-point tensor (F32, F16, BF16 or F64) as floats. */
  public float[] floats(String name) {
    TensorInfo t = info(name);
    ByteBuffer b = bytes(name);
    int n = Math.toIntExact(t.elements());
    float[] out = new float[n];
    switch (t.dtype()) {
      case F32 -> b.asFloatBuffer().get(out);
      case F64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) b.getDouble(i * 8);
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfFloats.f16ToFloat(b.getShort(i * 2));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = HalfFloats.bf16ToFloat(b.getShort(i * 2));
        }
      }
      default -> throw new SafetensorsException(file.toString(), name, t.dtype()
          + " is not a floating-point type");
    }
    return out;
  }

  /**
   * The tensor as an NDArray of the same type and shape, created in {@code manager}. The bytes
   * are copied first: the PyTorch engine wraps a direct buffer without copying it, and the mapped
   * file is read-only (an in-place update would crash the process).
   */
  public NDArray toNDArray(NDManager manager, String name) {
    TensorInfo t = info(name);
    if (t.dtype().djl() == null) {
      throw new SafetensorsException(file.toString(), name, "DJL has no type for " + t.dtype());
    }
    return manager.create(copy(bytes(name)), new Shape(t.shape()), t.dtype().djl());
  }

  /** A private little-endian direct copy of {@code src}'s remaining bytes. */
  public static ByteBuffer copy(ByteBuffer src) {
    ByteBuffer out = ByteBuffer.allocateDirect(src.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(src.duplicate());
    return out.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
