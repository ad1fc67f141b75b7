package io.llmtrain.core.safetensors;

import ai.djl.ndarray.types.DataType;

/** The element types of the safetensors format, by their name in the header, with their widths. */
public enum SafetensorsDtype {
  BOOL(1, DataType.BOOLEAN),
  U8(1, DataType.UINT8),
  I8(1, DataType.INT8),
  F8_E5M2(1, null),
  F8_E4M3(1, null),
  I16(2, DataType.INT16),
  U16(2, null),
  F16(2, DataType.FLOAT16),
  BF16(2, DataType.BFLOAT16),
  I32(4, DataType.INT32),
  U32(4, DataType.UINT32),
  F32(4, DataType.FLOAT32),
  F64(8, DataType.FLOAT64),
  I64(8, DataType.INT64),
  U64(8, DataType.UINT64);

  private final int bytes;
  private final DataType djl;

  SafetensorsDtype(int bytes, DataType djl) {
    this.bytes = bytes;
    this.djl = djl;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The DJL type of the same layout, or null when DJL has none. */
  public DataType djl() {
    return djl;
  }

  /** The type named {@code name} in a header, or null when unknown. */
  public static SafetensorsDtype parse(String name) {
    for (SafetensorsDtype t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The safetensors type of a DJL type; {@link IllegalArgumentException} when there is none. */
  public static SafetensorsDtype of(DataType type) {
    for (SafetensorsDtype t : values()) {
      if (t.djl == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("no safetensors dtype for DJL " + type);
  }
}
