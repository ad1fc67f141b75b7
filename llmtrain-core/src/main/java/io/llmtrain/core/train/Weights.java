package io.llmtrain.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.llmtrain.core.checkpoint.CheckpointException;
import io.llmtrain.core.model.CausalLanguageModel;
import io.llmtrain.core.safetensors.SafetensorsReader;
import io.llmtrain.core.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model's weights from a {@code model.safetensors} written by a checkpoint (tensor names are
 * the model's parameter names). Values are copied into the parameters' own arrays: handing DJL a
 * mapped buffer would make the tensor use the file's read-only memory.
 */
public final class Weights {
  private Weights() {
  }

  /** Loads {@code file} into {@code model}. */
  public static void load(CausalLanguageModel model, Path file) throws IOException {
    try (SafetensorsReader r = SafetensorsReader.open(file)) {
      load(model, r);
    }
  }

  /** Copies every parameter of {@code model} from {@code r}; names, shapes and types must match. */
  public static void load(CausalLanguageModel model, SafetensorsReader r) {
    Map<String, Parameter> all = NamedParameters.all(model.block());
    Set<String> extra = new TreeSet<>(r.names());
    extra.removeAll(all.keySet());
    if (!extra.isEmpty()) {
      throw new CheckpointException(r.file().toString(), "holds parameters the model does not "
          + "have: " + extra);
    }
    for (Map.Entry<String, Parameter> e : all.entrySet()) {
      if (!r.contains(e.getKey())) {
        throw new CheckpointException(r.file().toString(), "has no parameter '" + e.getKey()
            + "'");
      }
      TensorInfo info = r.info(e.getKey());
      NDArray p = e.getValue().getArray();
      if (!Arrays.equals(info.shape(), p.getShape().getShape())
          || info.dtype().djl() != p.getDataType()) {
        throw new CheckpointException(r.file().toString(), "parameter '" + e.getKey()
            + "' is " + info.dtype() + Arrays.toString(info.shape()) + ", the model's is "
            + p.getDataType() + p.getShape());
      }
      Tensors.copyInto(p, r.bytes(e.getKey()));
    }
  }

}
