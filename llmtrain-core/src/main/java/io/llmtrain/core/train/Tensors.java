package io.llmtrain.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.llmtrain.core.safetensors.SafetensorsReader;
import java.nio.ByteBuffer;

/** Copying saved bytes into live arrays. */
final class Tensors {
  private Tensors() {
  }

  /**
   * Overwrites {@code target}'s values with {@code bytes} (same type and element count), keeping
   * the target's storage, so parameters stay the arrays the model and its gradients refer to.
   *
   * <p>Why not {@code NDArray.set(Buffer)}: on the PyTorch engine it makes the tensor use the
   * buffer's memory, which for a memory-mapped checkpoint is read-only (the next in-place update
   * crashes the process) and for a direct buffer is freed by the garbage collector.
   */
  static void copyInto(NDArray target, ByteBuffer bytes) {
    try (NDManager scope = target.getManager().newSubManager(target.getDevice())) {
      NDArray src = scope.create(SafetensorsReader.copy(bytes), target.getShape(),
          target.getDataType());
      target.set(new NDIndex("..."), src);
    }
  }
}
