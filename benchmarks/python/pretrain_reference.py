"""The PyTorch side of PretrainBenchmark: the same GPT-2 model, data, batch, optimizer and
schedule as llmtrain's Pretrainer, written for this comparison (run with Debian's python3-torch).

Reads the token file llmtrain wrote (little-endian uint16), trains on random windows of the
training region, then reports the mean next-token loss over consecutive windows of the
validation region, and the median tokens/s of the steps after a warm-up. Prints one JSON line.
"""
import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(width)
        self.c_attn = nn.Linear(width, 3 * width)
        self.attn_proj = nn.Linear(width, width)
        self.ln_2 = nn.LayerNorm(width)
        self.c_fc = nn.Linear(width, 4 * width)
        self.mlp_proj = nn.Linear(4 * width, width)

    def forward(self, x, mask):
        b, t, c = x.shape
        q, k, v = self.c_attn(self.ln_1(x)).split(c, dim=2)
        q, k, v = (z.view(b, t, self.heads, c // self.heads).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(c // self.heads)) + mask[:t, :t]
        y = (F.softmax(att, dim=-1) @ v).transpose(1, 2).reshape(b, t, c)
        x = x + self.attn_proj(y)
        return x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))


class Gpt(nn.Module):
    def __init__(self, vocab, ctx, layers, heads, width):
        super().__init__()
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(ctx, width)
        self.h = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(width)
        mask = torch.full((ctx, ctx), float("-inf")).triu(1)
        self.register_buffer("mask", mask)
        for name, p in self.named_parameters():
            if name.endswith("proj.weight"):
                nn.init.normal_(p, 0.0, 0.02 / math.sqrt(2 * layers))
            elif p.dim() == 2:
                nn.init.normal_(p, 0.0, 0.02)
            elif name.endswith("bias"):
                nn.init.zeros_(p)

    def forward(self, ids):
        t = ids.shape[1]
        x = self.wte(ids) + self.wpe(torch.arange(t))
        for block in self.h:
            x = block(x, self.mask)
        return self.ln_f(x) @ self.wte.weight.t()  # tied output embedding


def main():
    a = argparse.ArgumentParser()
    for name in ("data",):
        a.add_argument("--" + name, required=True)
    a.add_argument("--train-spans", required=True, help="start:end,start:end (token offsets)")
    for name in ("val-start", "val-end", "vocab", "ctx", "layers",
                 "heads", "width", "batch", "block", "steps", "warmup", "seed", "threads"):
        a.add_argument("--" + name, type=int, required=True)
    for name in ("lr", "min-lr", "weight-decay", "clip"):
        a.add_argument("--" + name, type=float, required=True)
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    tokens = torch.from_numpy(np.fromfile(args.data, dtype="<u2").astype(np.int64))
    model = Gpt(args.vocab, args.ctx, args.layers, args.heads, args.width)
    decay = [p for n, p in model.named_parameters() if p.dim() == 2 and not n.startswith("w")]
    other = [p for n, p in model.named_parameters() if not (p.dim() == 2 and not n.startswith("w"))]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                             {"params": other, "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.95), eps=1e-8)

    def lr_at(step):  # as llmtrain's LearningRateSchedule.cosine
        if step < args.warmup:
            return args.lr * (step + 1) / (args.warmup + 1)
        ratio = (step - args.warmup) / max(1, args.steps - args.warmup)
        return args.min_lr + 0.5 * (1 + math.cos(math.pi * ratio)) * (args.lr - args.min_lr)

    gen = torch.Generator().manual_seed(args.seed)
    # window starts that fit inside one training span, as llmtrain's sampler draws them
    spans = [tuple(int(v) for v in s.split(":")) for s in args.train_spans.split(",")]
    fits = [(a0, b0 - args.block - 1) for a0, b0 in spans if b0 - args.block - 1 >= a0]
    sizes = torch.tensor([hi - lo + 1 for lo, hi in fits], dtype=torch.float64)
    times, losses = [], []
    for step in range(args.steps):
        t0 = time.perf_counter()
        which = torch.multinomial(sizes, args.batch, replacement=True, generator=gen)
        starts = [fits[i][0] + int(torch.randint(0, int(sizes[i]), (1,), generator=gen))
                  for i in which.tolist()]
        x = torch.stack([tokens[s:s + args.block] for s in starts])
        y = torch.stack([tokens[s + 1:s + 1 + args.block] for s in starts])
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        loss = F.cross_entropy(model(x).view(-1, args.vocab), y.view(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        losses.append(loss.item())
        times.append(time.perf_counter() - t0)

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        val = tokens[args.val_start:args.val_end]
        for s in range(0, len(val) - 1, args.ctx):
            chunk = val[s:s + args.ctx + 1]
            logits = model(chunk[:-1].unsqueeze(0))[0]
            total += F.cross_entropy(logits, chunk[1:], reduction="sum").item()
            count += len(chunk) - 1
    warm = sorted(times[10:])
    print(json.dumps({"tokens_per_second": args.batch * args.block / warm[len(warm) // 2],
                      "val_loss": total / count, "val_tokens": count,
                      "first_loss": losses[0], "last_loss": losses[-1],
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
