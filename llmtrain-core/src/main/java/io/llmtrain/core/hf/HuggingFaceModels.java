package io.llmtrain.core.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.InputException;
import io.llmtrain.core.Version;
import io.llmtrain.core.io.AtomicOutput;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.model.GptConfig;
import io.llmtrain.core.model.GptConfig.Arch;
import io.llmtrain.core.model.GptModel;
import io.llmtrain.core.safetensors.SafetensorsReader;
import io.llmtrain.core.safetensors.SafetensorsWriter;
import io.llmtrain.core.train.NamedParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * A {@link GptModel} to and from the Hugging Face layout: {@code model.safetensors} with
 * {@code transformers}' tensor names and layouts (GPT-2's Conv1D matrices stored (in, out)),
 * {@code config.json} ({@code GPT2LMHeadModel} or {@code LlamaForCausalLM}), {@code
 * tokenizer.json}, and a model card ({@code README.md} with the YAML metadata the Hub reads).
 * Import reads such a directory (for instance real GPT-2 124M weights) back into a model to
 * evaluate it or continue training.
 */
public final class HuggingFaceModels {
  private HuggingFaceModels() {
  }

  /** What the model card records; any field may be empty. */
  public record Card(Map<String, Object> training, Map<String, Object> metrics,
      Map<String, String> dataSha256) {
    public Card {
      training = Map.copyOf(training);
      metrics = Map.copyOf(metrics);
      dataSha256 = Map.copyOf(dataSha256);
    }
  }

  /** Writes {@code model} (and {@code tokenizerJson}, when not null) into {@code out}. */
  public static void export(GptModel model, Path tokenizerJson, Card card, Path out)
      throws IOException {
    Files.createDirectories(out);
    SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
    for (Map.Entry<String, Parameter> e : NamedParameters.all(model.block()).entrySet()) {
      String name = e.getKey();
      NDArray a = e.getValue().getArray();
      long[] shape = a.getShape().getShape();
      float[] values = a.toFloatArray();
      if (model.huggingFaceTransposed(name)) {
        values = transpose(values, (int) shape[0], (int) shape[1]);
        shape = new long[] {shape[1], shape[0]};
      }
      w.add(model.huggingFaceName(name), shape, values);
    }
    w.write(out.resolve("model.safetensors"));
    AtomicOutput.write(out.resolve("config.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValueAsBytes(config(model.config())));
    if (tokenizerJson != null) {
      Files.copy(tokenizerJson, out.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    AtomicOutput.write(out.resolve("README.md"),
        modelCard(model, card).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code config.json} as {@code transformers} reads it. */
  static ObjectNode config(GptConfig c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    if (c.arch() == Arch.GPT2) {
      n.putArray("architectures").add("GPT2LMHeadModel");
      n.put("model_type", "gpt2");
      n.put("vocab_size", c.vocabSize());
      n.put("n_positions", c.positions());
      n.put("n_ctx", c.contextLength());
      n.put("n_embd", c.width());
      n.put("n_layer", c.layers());
      n.put("n_head", c.heads());
      n.put("n_inner", c.mlpHiddenSize());
      n.put("activation_function", "gelu_new");
      n.put("layer_norm_epsilon", c.layerNormEpsilon());
      n.put("resid_pdrop", c.dropout());
      n.put("embd_pdrop", c.dropout());
      n.put("attn_pdrop", c.dropout());
      n.put("initializer_range", 0.02);
      n.put("scale_attn_weights", true);
    } else {
      n.putArray("architectures").add("LlamaForCausalLM");
      n.put("model_type", "llama");
      n.put("vocab_size", c.vocabSize());
      n.put("hidden_size", c.width());
      n.put("intermediate_size", c.mlpHiddenSize());
      n.put("num_hidden_layers", c.layers());
      n.put("num_attention_heads", c.heads());
      n.put("num_key_value_heads", c.heads());
      n.put("max_position_embeddings", c.contextLength());
      n.put("rms_norm_eps", c.layerNormEpsilon());
      n.put("rope_theta", c.ropeTheta());
      n.put("hidden_act", "silu");
      n.put("attention_bias", c.bias());
      n.put("mlp_bias", c.bias());
    }
    n.put("tie_word_embeddings", c.tieEmbeddings());
    n.put("torch_dtype", "float32");
    return n;
  }

  /** Reads a directory written by {@link #export} or by {@code transformers}. */
  public static GptModel load(Path dir, NDManager manager) throws IOException {
    Path configFile = dir.resolve("config.json");
    if (!Files.isRegularFile(configFile)) {
      throw new InputException(configFile.toString(), "no such file", null);
    }
    GptConfig config = fromConfig(Json.MAPPER.readTree(configFile.toFile()), configFile);
    GptModel model = GptModel.create(config, manager, 0);
    Path weights = dir.resolve("model.safetensors");
    try (SafetensorsReader r = SafetensorsReader.open(weights)) {
      for (Map.Entry<String, Parameter> e : NamedParameters.all(model.block()).entrySet()) {
        String hf = model.huggingFaceName(e.getKey());
        if (!r.contains(hf)) {
          throw new InputException(weights.toString(), "has no tensor '" + hf + "'", null);
        }
        NDArray target = e.getValue().getArray();
        long[] shape = target.getShape().getShape();
        float[] values = r.floats(hf);
        long[] stored = r.info(hf).shape();
        boolean transposed = model.huggingFaceTransposed(e.getKey());
        long[] expected = transposed ? new long[] {shape[1], shape[0]} : shape;
        if (!Arrays.equals(stored, expected)) {
          throw new InputException(weights.toString(), "tensor '" + hf + "' is "
              + Arrays.toString(stored) + ", the model needs " + Arrays.toString(expected), null);
        }
        if (transposed) {
          values = transpose(values, (int) stored[0], (int) stored[1]);
        }
        // copy into the parameter's own memory (never hand DJL a mapped buffer)
        try (NDManager scratch = manager.newSubManager()) {
          target.set(new ai.djl.ndarray.index.NDIndex("..."),
              scratch.create(values, target.getShape()));
        }
      }
    }
    return model;
  }

  static GptConfig fromConfig(JsonNode n, Path file) {
    String type = n.path("model_type").asText();
    GptConfig.Builder b = GptConfig.builder();
    try {
      if (type.equals("gpt2")) {
        b.arch(Arch.GPT2).vocabSize(n.path("vocab_size").asInt())
            .contextLength(n.path("n_ctx").asInt(n.path("n_positions").asInt()))
            .positions(n.path("n_positions").asInt()).width(n.path("n_embd").asInt())
            .layers(n.path("n_layer").asInt()).heads(n.path("n_head").asInt())
            .layerNormEpsilon(n.path("layer_norm_epsilon").asDouble(1e-5));
        if (n.hasNonNull("n_inner")) {
          b.mlpHidden(n.get("n_inner").asInt());
        }
      } else if (type.equals("llama")) {
        b.arch(Arch.LLAMA).vocabSize(n.path("vocab_size").asInt())
            .contextLength(n.path("max_position_embeddings").asInt())
            .width(n.path("hidden_size").asInt()).layers(n.path("num_hidden_layers").asInt())
            .heads(n.path("num_attention_heads").asInt())
            .mlpHidden(n.path("intermediate_size").asInt())
            .layerNormEpsilon(n.path("rms_norm_eps").asDouble(1e-6))
            .ropeTheta(n.path("rope_theta").asDouble(10000))
            .bias(n.path("attention_bias").asBoolean(false));
        if (n.path("num_key_value_heads").asInt(n.path("num_attention_heads").asInt())
            != n.path("num_attention_heads").asInt()) {
          throw new InputException(file.toString(), "field 'num_key_value_heads': grouped-query "
              + "attention is not supported", null);
        }
      } else {
        throw new InputException(file.toString(), "field 'model_type' must be gpt2 or llama, got '"
            + type + "'", null);
      }
      return b.tieEmbeddings(n.path("tie_word_embeddings").asBoolean(true)).build();
    } catch (IllegalArgumentException e) {
      throw new InputException(file.toString(), e.getMessage(), e);
    }
  }

  private static String modelCard(GptModel model, Card card) throws IOException {
    GptConfig c = model.config();
    ObjectNode meta = Json.MAPPER.createObjectNode();
    meta.put("library_name", "transformers");
    meta.put("pipeline_tag", "text-generation");
    meta.putArray("tags").add("llmtrain").add(c.arch() == Arch.GPT2 ? "gpt2" : "llama")
        .add("causal-lm");
    ObjectNode llmtrain = meta.putObject("llmtrain");
    llmtrain.put("version", Version.get());
    llmtrain.put("parameters", model.parameterCount());
    llmtrain.set("model", Json.MAPPER.valueToTree(c.params()));
    llmtrain.set("training", Json.MAPPER.valueToTree(card.training()));
    llmtrain.set("training_data_sha256", Json.MAPPER.valueToTree(card.dataSha256()));
    llmtrain.set("metrics", Json.MAPPER.valueToTree(card.metrics()));
    // YAML is a superset of JSON: the front matter is the JSON object, which the Hub parses.
    String yaml = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(meta);
    StringBuilder md = new StringBuilder("---\n").append(yaml).append("\n---\n\n");
    md.append("# ").append(c.arch() == Arch.GPT2 ? "GPT-2" : "Llama").append("-style model, ")
        .append(String.format("%,d", model.parameterCount())).append(" parameters\n\n");
    md.append("Pretrained with llmtrain ").append(Version.get())
        .append(": ").append(c.layers()).append(" layers, ").append(c.heads())
        .append(" heads, width ").append(c.width()).append(", context ")
        .append(c.contextLength()).append(", vocabulary ").append(c.vocabSize()).append(".\n\n");
    if (!card.metrics().isEmpty()) {
      md.append("| metric | value |\n|---|---|\n");
      card.metrics().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v)
          .append(" |\n"));
      md.append('\n');
    }
    md.append("```python\nfrom transformers import AutoModelForCausalLM\n")
        .append("model = AutoModelForCausalLM.from_pretrained(\"path/to/this/directory\")\n```\n");
    return md.toString();
  }

  private static float[] transpose(float[] v, int rows, int cols) {
    float[] t = new float[v.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = v[r * cols + c];
      }
    }
    return t;
  }
}
