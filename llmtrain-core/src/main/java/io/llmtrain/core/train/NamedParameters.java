package io.llmtrain.core.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A block's trainable parameters by their hierarchical names ({@code block.getParameters()}),
 * each parameter once: a parameter shared by two blocks (tied embeddings) keeps its first name, so
 * it is updated once per step and saved once. Frozen parameters are left out.
 */
public final class NamedParameters {
  private NamedParameters() {
  }

  /** Name to parameter, in the block's order. */
  public static Map<String, Parameter> trainable(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient() && seen.add(param)) {
        out.put(p.getKey(), param);
      }
    }
    return out;
  }

  /** Name to parameter, frozen ones included (what a checkpoint saves), each parameter once. */
  public static Map<String, Parameter> all(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (seen.add(p.getValue())) {
        out.put(p.getKey(), p.getValue());
      }
    }
    return out;
  }
}
