"""Independent check of `llmtrain export --format hf` for GPT-2 models: reads model.safetensors and
config.json with nothing but the format's specification and numpy, runs GPT-2's forward in
PyTorch with transformers' tensor names and layouts (Conv1D weights stored (in, out)), and prints
the mean next-token loss of a token file over consecutive context windows, as
`llmtrain eval perplexity` computes it.

    bin/llmtrain tokenizer encode --tokenizer HF_DIR/tokenizer.json --input text.txt --output ids.bin
    python3 check_hf_export.py HF_DIR ids.bin      # one document, little-endian uint16 ids
"""
import json
import math
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info
        a, b = info["data_offsets"]
        tensors[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype="<f4").copy()
                                         .reshape(info["shape"]))
    return tensors


def forward(w, cfg, ids):
    t = len(ids)
    heads, eps = cfg["n_head"], cfg["layer_norm_epsilon"]
    x = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][:t]
    mask = torch.full((t, t), float("-inf")).triu(1)
    for i in range(cfg["n_layer"]):
        p = "transformer.h.%d." % i
        h = F.layer_norm(x, x.shape[-1:], w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]  # Conv1D: x @ W
        c = x.shape[-1]
        q, k, v = (z.view(t, heads, c // heads).transpose(0, 1) for z in qkv.split(c, dim=-1))
        att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(c // heads) + mask, dim=-1)
        y = (att @ v).transpose(0, 1).reshape(t, c)
        x = x + y @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = F.layer_norm(x, x.shape[-1:], w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        h = F.gelu(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
    x = F.layer_norm(x, x.shape[-1:], w["transformer.ln_f.weight"], w["transformer.ln_f.bias"],
                     eps)
    return x @ w.get("lm_head.weight", w["transformer.wte.weight"]).t()


def main():
    d, ids_file = sys.argv[1], sys.argv[2]
    cfg = json.load(open(d + "/config.json"))
    assert cfg["model_type"] == "gpt2" and cfg["activation_function"] == "gelu_new"
    w = read_safetensors(d + "/model.safetensors")
    ids = torch.from_numpy(np.fromfile(ids_file, dtype="<u2").astype(np.int64))
    # an llmtrain shard ends each document with its end-of-document id: score the text only
    eos = json.load(open(ids_file[:-len(".bin")] + ".json"))["eosId"]
    if len(ids) and ids[-1] == eos:
        ids = ids[:-1]
    # `eval perplexity` puts the end-of-text id before a document as context, so that its first
    # token is predicted too
    ids = torch.cat([torch.tensor([eos]), ids])
    ctx, total, count = cfg["n_ctx"], 0.0, 0
    with torch.no_grad():
        for s in range(0, len(ids) - 1, ctx):
            chunk = ids[s:s + ctx + 1]
            total += F.cross_entropy(forward(w, cfg, chunk[:-1]), chunk[1:],
                                     reduction="sum").item()
            count += len(chunk) - 1
    print(json.dumps({"loss": total / count, "tokens": count}))


if __name__ == "__main__":
    main()
