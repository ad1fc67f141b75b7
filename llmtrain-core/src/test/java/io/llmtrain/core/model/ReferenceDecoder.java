package io.llmtrain.core.model;

import io.llmtrain.core.model.GptConfig.Arch;
import java.util.Map;

/**
 * A plain-Java forward written from Hugging Face's definitions of GPT2LMHeadModel and
 * LlamaForCausalLM (Conv1D {@code x·W + b} for GPT-2, {@code W·x} for Llama, {@code gelu_new},
 * {@code rotate_half}), over tensors keyed by their Hugging Face names; slow, in doubles, for
 * tiny models only. It checks the DJL forward and the export mapping at once.
 */
final class ReferenceDecoder {
  private final GptConfig c;
  private final Map<String, float[]> w;

  /** {@code tensors}: Hugging Face name to row-major values, in Hugging Face's layout. */
  ReferenceDecoder(GptConfig c, Map<String, float[]> tensors) {
    this.c = c;
    this.w = tensors;
  }

  /** Logits (T, V) of one sequence. */
  double[][] forward(int[] ids) {
    int t = ids.length;
    int width = c.width();
    boolean gpt2 = c.arch() == Arch.GPT2;
    String root = gpt2 ? "transformer." : "model.";
    float[] wte = w.get(root + (gpt2 ? "wte.weight" : "embed_tokens.weight"));
    double[][] x = new double[t][width];
    for (int p = 0; p < t; p++) {
      for (int i = 0; i < width; i++) {
        x[p][i] = wte[ids[p] * width + i];
        if (gpt2) {
          x[p][i] += w.get("transformer.wpe.weight")[p * width + i];
        }
      }
    }
    for (int l = 0; l < c.layers(); l++) {
      String p = gpt2 ? "transformer.h." + l + "." : "model.layers." + l + ".";
      double[][] h = norm(x, p + (gpt2 ? "ln_1" : "input_layernorm"));
      double[][] q;
      double[][] k;
      double[][] v;
      if (gpt2) {
        double[][] qkv = conv1d(h, p + "attn.c_attn", 3 * width);
        q = slice(qkv, 0, width);
        k = slice(qkv, width, width);
        v = slice(qkv, 2 * width, width);
      } else {
        q = rope(linear(h, p + "self_attn.q_proj", width));
        k = rope(linear(h, p + "self_attn.k_proj", width));
        v = linear(h, p + "self_attn.v_proj", width);
      }
      double[][] y = attention(q, k, v);
      double[][] a = gpt2 ? conv1d(y, p + "attn.c_proj", width)
          : linear(y, p + "self_attn.o_proj", width);
      add(x, a);
      h = norm(x, p + (gpt2 ? "ln_2" : "post_attention_layernorm"));
      int f = c.mlpHiddenSize();
      double[][] m;
      if (gpt2) {
        double[][] u = conv1d(h, p + "mlp.c_fc", f);
        for (double[] row : u) {
          for (int i = 0; i < f; i++) {
            double z = row[i];
            row[i] = 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
          }
        }
        m = conv1d(u, p + "mlp.c_proj", width);
      } else {
        double[][] gate = linear(h, p + "mlp.gate_proj", f);
        double[][] up = linear(h, p + "mlp.up_proj", f);
        for (int r = 0; r < t; r++) {
          for (int i = 0; i < f; i++) {
            double g = gate[r][i];
            gate[r][i] = g / (1 + Math.exp(-g)) * up[r][i];
          }
        }
        m = linear(gate, p + "mlp.down_proj", width);
      }
      add(x, m);
    }
    x = norm(x, root + (gpt2 ? "ln_f" : "norm"));
    float[] head = w.getOrDefault("lm_head.weight", wte);
    double[][] logits = new double[t][c.vocabSize()];
    for (int p = 0; p < t; p++) {
      for (int o = 0; o < c.vocabSize(); o++) {
        double s = 0;
        for (int i = 0; i < width; i++) {
          s += head[o * width + i] * x[p][i];
        }
        logits[p][o] = s;
      }
    }
    return logits;
  }

  private double[][] norm(double[][] x, String name) {
    float[] g = w.get(name + ".weight");
    float[] b = w.get(name + ".bias");
    double eps = c.layerNormEpsilon();
    double[][] out = new double[x.length][];
    for (int p = 0; p < x.length; p++) {
      int n = x[p].length;
      double mean = 0;
      double square = 0;
      for (double d : x[p]) {
        mean += d / n;
        square += d * d / n;
      }
      out[p] = new double[n];
      for (int i = 0; i < n; i++) {
        out[p][i] = c.arch() == Arch.GPT2
            ? (x[p][i] - mean) / Math.sqrt(square - mean * mean + eps) * g[i]
                + (b == null ? 0 : b[i])
            : x[p][i] / Math.sqrt(square + eps) * g[i];
      }
    }
    return out;
  }

  /** Hugging Face's Conv1D: weight (in, out), {@code x·W + b}. */
  private double[][] conv1d(double[][] x, String name, int out) {
    float[] weight = w.get(name + ".weight");
    float[] bias = w.get(name + ".bias");
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int p = 0; p < x.length; p++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          s += x[p][i] * weight[i * out + o];
        }
        y[p][o] = s;
      }
    }
    return y;
  }

  /** torch.nn.Linear: weight (out, in), {@code W·x + b}. */
  private double[][] linear(double[][] x, String name, int out) {
    float[] weight = w.get(name + ".weight");
    float[] bias = w.get(name + ".bias");
    int in = x[0].length;
    double[][] y = new double[x.length][out];
    for (int p = 0; p < x.length; p++) {
      for (int o = 0; o < out; o++) {
        double s = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          s += weight[o * in + i] * x[p][i];
        }
        y[p][o] = s;
      }
    }
    return y;
  }

  /** Llama's rotate_half per head: channel i pairs with i + Q/2. */
  private double[][] rope(double[][] x) {
    int q = c.headSize();
    int half = q / 2;
    double[][] out = new double[x.length][x[0].length];
    for (int p = 0; p < x.length; p++) {
      for (int head = 0; head < c.heads(); head++) {
        int o = head * q;
        for (int i = 0; i < half; i++) {
          double angle = p / Math.pow(c.ropeTheta(), 2.0 * i / q);
          double a = x[p][o + i];
          double b = x[p][o + i + half];
          out[p][o + i] = a * Math.cos(angle) - b * Math.sin(angle);
          out[p][o + i + half] = b * Math.cos(angle) + a * Math.sin(angle);
        }
      }
    }
    return out;
  }

  private double[][] attention(double[][] q, double[][] k, double[][] v) {
    int t = q.length;
    int hs = c.headSize();
    double[][] y = new double[t][c.width()];
    for (int head = 0; head < c.heads(); head++) {
      int o = head * hs;
      for (int p = 0; p < t; p++) {
        double[] score = new double[p + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s <= p; s++) {
          double d = 0;
          for (int i = 0; i < hs; i++) {
            d += q[p][o + i] * k[s][o + i];
          }
          score[s] = d / Math.sqrt(hs);
          max = Math.max(max, score[s]);
        }
        double sum = 0;
        for (int s = 0; s <= p; s++) {
          score[s] = Math.exp(score[s] - max);
          sum += score[s];
        }
        for (int s = 0; s <= p; s++) {
          for (int i = 0; i < hs; i++) {
            y[p][o + i] += score[s] / sum * v[s][o + i];
          }
        }
      }
    }
    return y;
  }

  private static double[][] slice(double[][] x, int from, int n) {
    double[][] out = new double[x.length][n];
    for (int p = 0; p < x.length; p++) {
      System.arraycopy(x[p], from, out[p], 0, n);
    }
    return out;
  }

  private static void add(double[][] x, double[][] y) {
    for (int p = 0; p < x.length; p++) {
      for (int i = 0; i < x[p].length; i++) {
        x[p][i] += y[p][i];
      }
    }
  }
}
