"""Train the default extractive summariser (``bot/summarize/weights/summarizer.safetensors``).

Three stages, each cached on disk under ``--cache`` (default ``/work/cache/11``), so a rerun resumes:

1. ``embed``: a seeded random sample of ``--train`` train and ``--val`` validation records of
   ``../shared/train/cnndm-train.jsonl.gz``, shuffled together (the file lists CNN before Daily
   Mail, so however far embedding gets both sources and both splits are there). Each article is
   built exactly as the evaluation builds it (``bot.evaluate.news.record_article``: nupunkt
   sentences), its first ``--max-sentences`` sentences are encoded with the product's own default
   embedder (``MiniLMEmbedder()``, int8, as ``ArticleIndex`` uses), in shards of ``--shard-size``
   articles (``shard-WNNN.npz``: float16 vectors, texts, reference, split). ``--worker``/``--workers``
   split the sample between processes.
2. ``oracle``: greedy ROUGE-F oracle labels per article (BertSumExt's greedy selection: add the
   sentence that most improves ROUGE-1 + ROUGE-2 F1 against the highlights, at most 3, stop when
   none improves it; rouge-score's stemming tokenizer). F, not recall, so long sentences are not
   favoured.
3. ``fit``: the MLP of ``bot.summarize.model`` over frozen sentence vectors and document context,
   trained with AdamW (torch, one thread, fixed seeds): binary cross-entropy on the oracle labels
   (``summary`` head) plus a softmax over the article's sentences towards the oracle's first pick
   (``one_line`` head). After every epoch the validation articles are summarised with the product's
   own selection (``choose_indices``: short style and one-line) and scored with ROUGE; the epoch
   with the best validation ROUGE-1 + ROUGE-2 + ROUGE-Lsum is kept (early stopping, ``--patience``).
   Lead and the hand-set prior are scored on the same validation articles for comparison. The
   log (``--cache/train.log``) has every epoch; the weights' metadata keeps the figures, and the
   script writes the new SHA-256 into ``bot/summarize/model.py``.

The evaluation files in ``../shared/eval/`` are never read here.

    OMP_NUM_THREADS=1 nice -n 10 python scripts/train_summarizer.py embed --worker 0 --workers 2 &
    OMP_NUM_THREADS=1 nice -n 10 python scripts/train_summarizer.py embed --worker 1 --workers 2 &
    python scripts/train_summarizer.py fit     # runs the oracle stage first
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DATA = ROOT.parent.parent / "shared" / "train" / "cnndm-train.jsonl.gz"
if not DATA.is_file():
    DATA = Path("/work/shared/train/cnndm-train.jsonl.gz")
CACHE = Path("/work/cache/r2-11")


def log(cache: Path, message: str) -> None:
    line = f"{time.strftime('%H:%M:%S')} {message}"
    print(line, flush=True)
    with (cache / "train.log").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def sample(args: argparse.Namespace) -> list[dict]:
    """A seeded random sample of ``--train`` train and ``--val`` validation records, shuffled together.

    The file lists CNN stories before Daily Mail ones, so the first N would be CNN only; shuffling
    means that however far the embedding gets, both sources and both splits are represented.
    """
    rng = np.random.default_rng(args.seed)
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    chosen = []
    for split, total in (("validation", args.val), ("train", args.train)):
        pool = [r for r in records if r["split"] == split]
        chosen += [pool[i] for i in rng.choice(len(pool), size=min(total, len(pool)), replace=False)]
    return [chosen[i] for i in rng.permutation(len(chosen))]


def product_embedder():
    """The product's default encoder (ONNX Runtime, int8 graph), on one thread: the same vectors
    ``ArticleIndex`` computes at inference."""
    from bot.models.onnx_embed import OnnxEmbedder

    return OnnxEmbedder(quantize=True, threads=1)


def training_article(record: dict):
    """The record's article as the product would segment it: re-cased first (see ``recase``)."""
    from recase import recase

    from bot.evaluate.news import record_article

    return record_article(record | {"article": recase(record["article"])}, with_headline=False)


def stage_embed(args: argparse.Namespace) -> None:
    cache: Path = args.cache
    embedder = product_embedder()
    mine = sample(args)[args.worker :: args.workers]
    start = time.perf_counter()
    cpu = time.process_time()
    done = 0
    for number, first in enumerate(range(0, len(mine), args.shard_size)):
        path = cache / f"shard-{args.worker}{number:03d}.npz"
        if path.is_file():
            continue
        if args.until and time.strftime("%H:%M", time.gmtime()) >= args.until:
            log(cache, f"embed worker {args.worker}: stopping at {args.until} UTC (--until)")
            break
        shard = []
        for record in mine[first : first + args.shard_size]:
            article = training_article(record)
            texts = [s.text for s in article.sentences][: args.max_sentences]
            if len(texts) >= 3:
                item = {"id": record["id"], "split": record["split"], "reference": record["reference"]}
                shard.append(item | {"sentences": texts})
        flat = [t for item in shard for t in item["sentences"]]
        vectors = embedder.encode(flat).astype(np.float16)
        tmp = cache / f"shard-{args.worker}{number:03d}.tmp.npz"
        np.savez(tmp, vectors=vectors, meta=np.array(json.dumps(shard)))
        os.replace(tmp, path)
        done += len(shard)
        rate = done / (time.perf_counter() - start)
        cpu_rate = done / max(time.process_time() - cpu, 1e-9)
        log(
            cache,
            f"embed worker {args.worker}: {path.name} ({rate:.2f} articles/s wall, "
            f"{cpu_rate:.2f} per CPU second)",
        )


def load_shards(cache: Path) -> list[tuple[Path, list[dict], np.ndarray]]:
    out = []
    for path in sorted(cache.glob("shard-[0-9][0-9][0-9][0-9].npz")):
        with np.load(path) as data:
            out.append((path, json.loads(str(data["meta"])), data["vectors"].astype(np.float32)))
    return out


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(candidate: Counter, reference: Counter) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def greedy_oracle(sentences: list[str], reference: str, tokenizer, limit: int = 3) -> list[int]:
    """Greedy ROUGE-F oracle: add the sentence that most improves ROUGE-1 + ROUGE-2 F1 of the
    selection, stop when none does (BertSumExt's ``greedy_selection``, with rouge-score's stemming
    tokenizer). Returns the picks in the order they were made (the first is the best single one).
    """
    ref_tokens = tokenizer.tokenize(reference)
    refs = (_ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2))
    sents = [tokenizer.tokenize(s) for s in sentences]
    grams = [(_ngrams(t, 1), _ngrams(t, 2)) for t in sents]
    chosen: list[int] = []
    best = 0.0
    current = (Counter(), Counter())
    while len(chosen) < limit:
        gain, pick = best, -1
        for i, (one, two) in enumerate(grams):
            if i in chosen:
                continue
            value = _f1(current[0] + one, refs[0]) + _f1(current[1] + two, refs[1])
            if value > gain:
                gain, pick = value, i
        if pick < 0:
            break
        chosen.append(pick)
        current = (current[0] + grams[pick][0], current[1] + grams[pick][1])
        best = gain
    return chosen


def stage_oracle(args: argparse.Namespace) -> None:
    """Per shard, three label files: the greedy oracle's picks against the highlights
    (``.oracle.json``), the same for the article without its first sentence
    (``.oracle-nolead.json``), and the picks of the rest against that first sentence
    (``.oracle-lead.json``, XSum's construction)."""
    from rouge_score import tokenizers

    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    cache: Path = args.cache

    def highlights(meta: list[dict], path: Path) -> list[list[int]]:
        return [greedy_oracle(m["sentences"], m["reference"], tokenizer) for m in meta]

    def no_lead(meta: list[dict], path: Path) -> list[list[int]]:
        picks = json.loads(path.with_suffix(".oracle.json").read_text())
        return [
            without_lead_picks(m["sentences"], m["reference"], p, tokenizer)
            for m, p in zip(meta, picks, strict=True)
        ]

    def against_lead(meta: list[dict], path: Path) -> list[list[int]]:
        return [greedy_oracle(m["sentences"][1:], m["sentences"][0], tokenizer) for m in meta]

    # --worker / --workers split the shards between processes here too.
    shards = sorted(cache.glob("shard-[0-9][0-9][0-9][0-9].npz"))[args.worker :: args.workers]
    for suffix, labeller, what in (
        (".oracle.json", highlights, "oracle"),
        (".oracle-nolead.json", no_lead, "oracle without the lead"),
        (".oracle-lead.json", against_lead, "oracle against the lead"),
    ):
        for path in shards:
            target = path.with_suffix(suffix)
            if target.is_file():
                continue
            with np.load(path) as data:
                meta = json.loads(str(data["meta"]))
            labels = labeller(meta, path)
            target.write_text(json.dumps(labels))
            log(cache, f"{what} {path.name}: {len(labels)} articles")


def without_lead_picks(sentences: list[str], reference: str, picks: list[int], tokenizer) -> list[int]:
    """The greedy oracle's picks for the article without its first sentence (indices into
    ``sentences[1:]``). Greedy selection only ever compares the sentences it could add, so when the
    lead was not picked the picks are the same sentences, shifted; otherwise the oracle is rerun.
    """
    if 0 not in picks:
        return [i - 1 for i in picks]
    return greedy_oracle(sentences[1:], reference, tokenizer)


def load_docs(cache: Path, split: str, without_lead: bool = False, target: str = "highlights") -> list[dict]:
    """Every cached article of a split: sentences, float32 vectors, oracle picks, reference.

    ``without_lead``: each article without its first sentence (and the oracle's picks for that),
    as XSum gives its articles (their first sentence is the summary); articles left with fewer than
    three sentences are skipped. Each keeps its removed first sentence as ``lead``; with ``target``
    ``"lead"`` its oracle picks are those against that sentence instead of the highlights (XSum's
    own construction: the reference is the article's removed first sentence).
    """
    docs = []
    suffix = ".oracle.json"
    if without_lead:
        suffix = ".oracle-lead.json" if target == "lead" else ".oracle-nolead.json"
    for path, meta, vectors in load_shards(cache):
        if not path.with_suffix(suffix).is_file():
            continue  # written after the oracle stage ran (embedding still going)
        labels = json.loads(path.with_suffix(suffix).read_text())
        offset = 0
        for item, picks in zip(meta, labels, strict=True):
            n = len(item["sentences"])
            first = 1 if without_lead else 0
            if item["split"] == split and n - first >= 3:
                docs.append(
                    item
                    | {
                        "sentences": item["sentences"][first:],
                        "lead": item["sentences"][0],
                        "vectors": vectors[offset + first : offset + n],
                        "picks": picks,
                    }
                )
            offset += n
    return docs


def doc_tensors(docs: list[dict], width: int) -> tuple[np.ndarray, ...]:
    """Padded inputs ``(docs, width, features)``, summary labels, one-line targets and the mask."""
    from bot.summarize.model import model_inputs

    dense_rows, scalar_rows = [], []
    for d in docs:
        dense, scalars = model_inputs(d["sentences"], d["vectors"])
        dense_rows.append(dense)
        scalar_rows.append(scalars)
    return dense_rows, scalar_rows


def pack(dense_rows, scalar_rows, docs, mean, scale, width):
    size = dense_rows[0].shape[1] + scalar_rows[0].shape[1]
    x = np.zeros((len(docs), width, size), dtype=np.float32)
    y = np.zeros((len(docs), width), dtype=np.float32)
    first = np.full(len(docs), -1, dtype=np.int64)
    mask = np.zeros((len(docs), width), dtype=bool)
    for k, (dense, scalars, d) in enumerate(zip(dense_rows, scalar_rows, docs, strict=True)):
        n = min(len(dense), width)
        x[k, :n] = np.concatenate([dense, (scalars - mean) / scale], axis=1)[:n]
        mask[k, :n] = True
        for i in d["picks"]:
            if i < n:
                y[k, i] = 1.0
        if d["picks"] and d["picks"][0] < n:
            first[k] = d["picks"][0]
    return x, y, first, mask


def validation_rouge(
    docs: list[dict], scorer, meter_factory, full: bool = True, no_lead: list[dict] | None = None
) -> dict[str, float]:
    """ROUGE of the product's selection rules on validation articles (short style and, with
    ``full``, one-line and the summary head's best sentence; with ``no_lead``, the one-line style
    on those articles too, reported as ``no_lead_one_line_*``)."""
    from bot.evaluate.news import reference_lines
    from bot.summarize.base import Length
    from bot.summarize.extractive import choose_indices, not_summary_material

    short, one = meter_factory(("rouge1", "rouge2", "rougeLsum")), meter_factory(("rouge1", "rouge2"))
    first = meter_factory(("rouge1", "rouge2"))
    for d in docs:
        texts = d["sentences"]
        scores = np.asarray(scorer(texts, d["vectors"]), dtype=np.float64)
        junk = np.array([not_summary_material(t) for t in texts])
        scores = np.where(junk[:, None], -np.inf, scores)
        reference = reference_lines(d["reference"])
        picked = choose_indices(scores, texts, d["vectors"], Length("short"))
        short.add(reference, "\n".join(texts[i] for i in picked))
        if not full:
            continue
        picked = choose_indices(scores, texts, d["vectors"], Length("one-line"))
        one.add(reference, "\n".join(texts[i] for i in picked))
        picked = choose_indices(scores, texts, d["vectors"], Length("short", sentences=1))
        first.add(reference, "\n".join(texts[i] for i in picked))
    out = {k: round(v, 2) for k, v in short.means().items()}
    if not full:
        return out
    out |= {f"one_line_{k}": round(v, 2) for k, v in one.means().items()}
    out |= {f"best_summary_sentence_{k}": round(v, 2) for k, v in first.means().items()}
    if no_lead:
        bare, proxy = meter_factory(("rouge1", "rouge2")), meter_factory(("rouge1", "rouge2"))
        for d in no_lead:
            texts = d["sentences"]
            scores = np.asarray(scorer(texts, d["vectors"]), dtype=np.float64)
            junk = np.array([not_summary_material(t) for t in texts])
            scores = np.where(junk[:, None], -np.inf, scores)
            picked = choose_indices(scores, texts, d["vectors"], Length("one-line"))
            bare.add(reference_lines(d["reference"]), "\n".join(texts[i] for i in picked))
            proxy.add(d["lead"], "\n".join(texts[i] for i in picked))
        out |= {f"no_lead_one_line_{k}": round(v, 2) for k, v in bare.means().items()}
        out |= {f"xsum_proxy_one_line_{k}": round(v, 2) for k, v in proxy.means().items()}
    return out


def select_length_rules(val: list[dict], model, cache: Path) -> dict[str, int]:
    """The ``short`` style's word target and sentence cap with the best validation ROUGE."""
    from bot.evaluate.rouge import RougeMeter
    from bot.summarize import extractive

    best, rules = -1.0, {}
    for words in (55, 65, 75, 85):
        for cap in (3, 4):
            extractive.SHORT_WORDS, extractive.SHORT_MAX_SENTENCES = words, cap
            scores = validation_rouge(val, model.score, RougeMeter, full=False)
            value = scores["rouge1"] + scores["rouge2"] + scores["rougeLsum"]
            log(cache, f"rules short_words={words} max_sentences={cap}: {json.dumps(scores)}")
            if value > best:
                best, rules = value, {"SHORT_WORDS": words, "SHORT_MAX_SENTENCES": cap}
    extractive.SHORT_WORDS, extractive.SHORT_MAX_SENTENCES = (
        rules["SHORT_WORDS"],
        rules["SHORT_MAX_SENTENCES"],
    )
    log(cache, f"chosen on validation: {rules}")
    return rules


class TorchEncoder:
    """Builders of the torch twins of ``bot.summarize.model``'s numpy networks (training only)."""

    @staticmethod
    def build(arch: str, size: int, args: argparse.Namespace):
        import torch
        from torch import nn

        if arch == "mlp":
            return nn.Sequential(
                nn.Dropout(args.dropout),
                nn.Linear(size, args.hidden),
                nn.ReLU(),
                nn.Dropout(args.dropout),
                nn.Linear(args.hidden, 2),
            )

        class Layer(nn.Module):
            def __init__(self, d: int, heads: int, ff: int, dropout: float) -> None:
                super().__init__()
                self.heads = heads
                self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
                self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
                self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
                self.drop = nn.Dropout(dropout)

            def forward(self, h, mask):
                b, n, d = h.shape
                size = d // self.heads
                qkv = self.qkv(self.ln1(h)).view(b, n, 3, self.heads, size).permute(2, 0, 3, 1, 4)
                att = qkv[0] @ qkv[1].transpose(-1, -2) / size**0.5
                att = att.masked_fill(~mask[:, None, None, :], -1e9).softmax(-1)
                mixed = (self.drop(att) @ qkv[2]).transpose(1, 2).reshape(b, n, d)
                h = h + self.drop(self.out(mixed))
                return h + self.drop(self.ff2(torch.relu(self.ff1(self.ln2(h)))))

        class Encoder(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                d = args.hidden
                self.drop_in, self.drop = nn.Dropout(args.dropout), nn.Dropout(args.dropout)
                self.proj = nn.Linear(size, d)
                self.pos = nn.Parameter(torch.randn(args.max_sentences, d) * 0.02)
                self.layers = nn.ModuleList(
                    Layer(d, args.heads, 2 * d, args.dropout) for _ in range(args.layers)
                )
                self.norm, self.head = nn.LayerNorm(d), nn.Linear(d, 2)

            def forward(self, x, mask):
                h = self.drop(self.proj(self.drop_in(x)) + self.pos[: x.shape[1]])
                for layer in self.layers:
                    h = layer(h, mask)
                return self.head(self.norm(h))

        return Encoder()

    @staticmethod
    def run(arch: str, net, x, mask):
        return net(x) if arch == "mlp" else net(x, mask)

    @staticmethod
    def numpy_params(arch: str, state: dict) -> dict[str, np.ndarray]:
        """The state dict as ``bot.summarize.model`` names and lays out its weights."""
        t = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in state.items()}
        if arch == "mlp":
            out = {"w1": t["1.weight"].T, "b1": t["1.bias"], "w2": t["4.weight"].T, "b2": t["4.bias"]}
            return {k: np.ascontiguousarray(v) for k, v in out.items()}
        out = {
            "proj_w": t["proj.weight"].T,
            "proj_b": t["proj.bias"],
            "pos": t["pos"],
            "norm_g": t["norm.weight"],
            "norm_b": t["norm.bias"],
            "head_w": t["head.weight"].T,
            "head_b": t["head.bias"],
        }
        layers = sorted({int(k.split(".")[1]) for k in t if k.startswith("layers.")})
        for i in layers:
            q = f"layers.{i}."
            out |= {
                f"l{i}.ln1_g": t[q + "ln1.weight"],
                f"l{i}.ln1_b": t[q + "ln1.bias"],
                f"l{i}.ln2_g": t[q + "ln2.weight"],
                f"l{i}.ln2_b": t[q + "ln2.bias"],
                f"l{i}.qkv_w": t[q + "qkv.weight"].T,
                f"l{i}.qkv_b": t[q + "qkv.bias"],
                f"l{i}.out_w": t[q + "out.weight"].T,
                f"l{i}.out_b": t[q + "out.bias"],
                f"l{i}.ff1_w": t[q + "ff1.weight"].T,
                f"l{i}.ff1_b": t[q + "ff1.bias"],
                f"l{i}.ff2_w": t[q + "ff2.weight"].T,
                f"l{i}.ff2_b": t[q + "ff2.bias"],
            }
        return {k: np.ascontiguousarray(v) for k, v in out.items()}


def stage_fit(args: argparse.Namespace) -> None:
    import re

    import torch

    from bot.evaluate.news import reference_lines
    from bot.evaluate.rouge import RougeMeter
    from bot.models.digest import sha256_file
    from bot.summarize.model import MODEL_PATH, SentenceModel
    from bot.summarize.scorer import hand_set_prior

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    cache: Path = args.cache
    began = time.perf_counter()
    cpu_began = time.process_time()
    train, val = load_docs(cache, "train"), load_docs(cache, "validation")
    val_bare = load_docs(cache, "validation", without_lead=True)
    if args.limit:
        train = train[: args.limit]
    if args.drop_lead:
        # Copies of a seeded share of the training articles without their first sentence, so the
        # one-line head also learns to find the summary sentence where the lead is not there.
        ids = {d["id"] for d in train}
        bare = [d for d in load_docs(cache, "train", True, args.drop_lead_target) if d["id"] in ids]
        keep = rng.random(len(bare)) < args.drop_lead
        train = train + [d for d, k in zip(bare, keep, strict=True) if k]
    log(
        cache,
        f"fit {args.arch}: {len(train)} train (--drop-lead {args.drop_lead}) and {len(val)} validation "
        f"articles ({len(val_bare)} also without their lead)",
    )
    width = args.max_sentences
    dense_tr, scal_tr = doc_tensors(train, width)
    base = SentenceModel.load(args.keep_summary, expected_sha256="") if args.keep_summary else None
    if base is not None:
        mean, scale = base.mean, base.scale
    else:
        allscal = np.concatenate(scal_tr)
        mean, scale = allscal.mean(0), allscal.std(0) + 1e-6
    x, y, first, mask = pack(dense_tr, scal_tr, train, mean, scale, width)
    del dense_tr, scal_tr

    def lead(texts, vectors):
        n = len(texts)
        column = -np.arange(n, dtype=np.float64)
        return np.stack([column, column], axis=1)

    prior = hand_set_prior()
    meter = RougeMeter()
    for d in val:
        meter.add(reference_lines(d["reference"]), "\n".join(d["sentences"][:3]))
    log(cache, f"validation lead-3 (plain): {json.dumps({k: round(v, 2) for k, v in meter.means().items()})}")
    for name, fn in (("lead", lead), ("hand-set-prior", prior.score)):
        scores = validation_rouge(val, fn, RougeMeter, no_lead=val_bare)
        log(cache, f"validation {name} (product rules): {json.dumps(scores)}")
    if base is not None:
        base_scores = validation_rouge(val, base.score, RougeMeter, no_lead=val_bare)
        log(cache, f"validation of --keep-summary {args.keep_summary}: {json.dumps(base_scores)}")

    size = x.shape[2]
    net = TorchEncoder.build(args.arch, size, args)
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    xt, yt, ft, mt = map(torch.from_numpy, (x, y, first, mask))
    best, best_state, best_epoch, stale = -1.0, None, 0, 0
    best_one, one_state, one_epoch, stale_one = -1.0, None, 0, 0
    arch_meta = {"max_sentences": str(width)}
    if args.arch == "transformer":
        arch_meta |= {"layers": str(args.layers), "heads": str(args.heads)}

    def as_model(state) -> SentenceModel:
        params = TorchEncoder.numpy_params(args.arch, state)
        return SentenceModel(args.arch, params, mean, scale, dict(arch_meta))

    steps = args.epochs * ((len(xt) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.1)
    for epoch in range(1, args.epochs + 1):
        net.train()
        order = rng.permutation(len(xt))
        total = 0.0
        for startb in range(0, len(order), args.batch):
            idx = torch.from_numpy(order[startb : startb + args.batch])
            xb, yb, fb, mb = xt[idx], yt[idx], ft[idx], mt[idx]
            logits = TorchEncoder.run(args.arch, net, xb, mb)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits[..., 0][mb], yb[mb])
            has = fb >= 0
            if bool(has.any()):
                one = logits[..., 1].masked_fill(~mb, -1e4)[has]
                loss = loss + torch.nn.functional.cross_entropy(one, fb[has])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        net.eval()
        state = {k: v.detach().clone() for k, v in net.state_dict().items()}
        if epoch == 1:
            # The numpy forward pass must be the torch one (padding aside).
            with torch.no_grad():
                want = TorchEncoder.run(args.arch, net, xt[:1], mt[:1])[0][mt[0]].numpy()
            d0 = train[0]
            got = as_model(state).score(d0["sentences"][:width], d0["vectors"][:width])
            log(cache, f"numpy/torch parity: max |diff| {float(np.abs(got - want).max()):.2e}")
        scores = validation_rouge(val, as_model(state).score, RougeMeter, no_lead=val_bare)
        value = scores["rouge1"] + scores["rouge2"] + scores["rougeLsum"]
        log(cache, f"epoch {epoch}: train loss {total / len(xt):.4f}, validation {json.dumps(scores)}")
        if value > best:
            best, best_state, best_epoch, stale, best_scores = value, state, epoch, 0, scores
        else:
            stale += 1
        # The one-line head keeps its own best epoch (it is shipped as a second snapshot).
        value_one = one_line_value(scores, args)
        if value_one > best_one:
            best_one, one_state, one_epoch, stale_one, one_scores = value_one, state, epoch, 0, scores
        else:
            stale_one += 1
        if (stale >= args.patience or base is not None) and stale_one >= args.patience:
            log(
                cache,
                f"early stop after epoch {epoch}; best epochs {best_epoch} (summary), {one_epoch} (one-line)",
            )
            break
    minutes = (time.perf_counter() - began) / 60
    cpu_minutes = (time.process_time() - cpu_began) / 60
    meta = arch_meta | {
        "train_articles": str(len(train)),
        "validation_articles": str(len(val)),
        "best_epoch": str(best_epoch),
        "one_line_epoch": str(one_epoch),
        "validation": json.dumps(best_scores),
        "validation_one_line": json.dumps(one_scores),
        "hidden": str(args.hidden),
        "seed": str(args.seed),
    }
    if base is not None:
        keep_one_line(args, base, one_state, one_scores, base_scores, meta | {"one_line_from": "this fit"})
        return
    # One-line: the second head, unless the summary head's best sentence scores better on validation.
    via_summary = best_scores["best_summary_sentence_rouge1"] + best_scores["best_summary_sentence_rouge2"]
    meta["one_line_head"] = "one_line" if best_one >= via_summary else "summary"
    log(cache, f"one-line style uses the {meta['one_line_head']} head")
    model = SentenceModel(
        args.arch,
        TorchEncoder.numpy_params(args.arch, best_state),
        mean,
        scale,
        meta,
        TorchEncoder.numpy_params(args.arch, one_state) if meta["one_line_head"] == "one_line" else None,
    )
    rules = select_length_rules(val, model, cache)
    for name, fn in (("lead", lead), ("hand-set-prior", prior.score)):
        log(cache, f"validation {name} (chosen rules): {json.dumps(validation_rouge(val, fn, RougeMeter))}")
    out = Path(args.out) if args.out else MODEL_PATH
    model.save(out)
    # The shipped (float16) weights, scored again exactly as the product loads them.
    reloaded = SentenceModel.load(out, expected_sha256="")
    final = validation_rouge(val, reloaded.score, RougeMeter)
    digest = sha256_file(out)
    log(
        cache,
        f"saved {out} ({out.stat().st_size} bytes, sha256 {digest}); fit took {minutes:.1f} min wall, "
        f"{cpu_minutes:.1f} min CPU",
    )
    log(cache, f"validation of the shipped weights ({args.arch}): {json.dumps(final)}")
    if not args.out:
        write_digest(digest)
    if not args.out or args.write_rules:
        source = ROOT / "bot" / "summarize" / "extractive.py"
        text = source.read_text(encoding="utf-8")
        for name, value in rules.items():
            text = re.sub(rf"^{name} = \d+", f"{name} = {value}", text, flags=re.M)
        source.write_text(text, encoding="utf-8")


def write_digest(digest: str) -> None:
    """Write the shipped weights' SHA-256 into ``bot/summarize/model.py``."""
    import re

    source = ROOT / "bot" / "summarize" / "model.py"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r'SUMMARIZER_SHA256 = "[0-9a-f]*"', f'SUMMARIZER_SHA256 = "{digest}"', text)
    source.write_text(text, encoding="utf-8")


def one_line_value(scores: dict[str, float], args: argparse.Namespace) -> float:
    """The one-line head's model-selection criterion: validation ROUGE-1 + ROUGE-2 of the one-line
    style, plus, when the fit trains on articles without their lead (``--drop-lead``), the same on
    the validation articles without their lead, scored against what the fit learned to find there
    (``--drop-lead-target``: the highlights, or the removed first sentence), weighted equally."""
    value = scores["one_line_rouge1"] + scores["one_line_rouge2"]
    if args.drop_lead:
        key = "xsum_proxy" if args.drop_lead_target == "lead" else "no_lead"
        value += scores[f"{key}_one_line_rouge1"] + scores[f"{key}_one_line_rouge2"]
    return value


def keep_one_line(args: argparse.Namespace, base, one_state, one_scores, base_scores, meta) -> None:
    """``--keep-summary``: the base model's summary head and standardisation unchanged, with this
    fit's one-line snapshot, written only if it beats the base's one-line head by the criterion."""

    from bot.models.digest import sha256_file
    from bot.summarize.model import MODEL_PATH, SentenceModel

    cache: Path = args.cache
    new, old = one_line_value(one_scores, args), one_line_value(base_scores, args)
    log(cache, f"one-line criterion: this fit {new:.2f}, --keep-summary's {old:.2f}")
    if new <= old:
        log(cache, "the base's one-line head stays; nothing written")
        return
    keys = ("one_line_epoch", "train_articles", "validation_articles", "seed", "hidden")
    extra = {f"one_line_{k}" if not k.startswith("one_line") else k: meta[k] for k in keys}
    extra |= {"one_line_drop_lead": str(args.drop_lead), "validation_one_line": json.dumps(one_scores)}
    model = SentenceModel(
        base.arch,
        base.params,
        base.mean,
        base.scale,
        dict(base.metadata) | extra | {"one_line_head": "one_line"},
        TorchEncoder.numpy_params(args.arch, one_state),
    )
    out = Path(args.out) if args.out else MODEL_PATH
    model.save(out)
    from bot.evaluate.rouge import RougeMeter

    val = load_docs(cache, "validation")
    final = validation_rouge(
        val,
        SentenceModel.load(out, expected_sha256="").score,
        RougeMeter,
        no_lead=load_docs(cache, "validation", without_lead=True),
    )
    digest = sha256_file(out)
    log(cache, f"saved {out} (sha256 {digest}); validation of the shipped weights: {json.dumps(final)}")
    if not args.out:
        write_digest(digest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("stage", choices=["embed", "oracle", "fit"])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--train", type=int, default=6000, help="training articles to embed")
    parser.add_argument("--val", type=int, default=1200, help="validation articles to embed")
    parser.add_argument("--worker", type=int, default=0, help="this embedding worker's number")
    parser.add_argument("--workers", type=int, default=1, help="embedding workers sharing the sample")
    parser.add_argument("--max-sentences", type=int, default=40)
    parser.add_argument("--shard-size", type=int, default=50)
    parser.add_argument("--until", default="", help="embed: stop starting new shards at this UTC HH:MM")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--patience", type=int, default=4)
    parser.add_argument("--arch", choices=["mlp", "transformer"], default="transformer")
    parser.add_argument("--hidden", type=int, default=128, help="MLP hidden units / encoder width")
    parser.add_argument("--layers", type=int, default=2, help="transformer: encoder layers")
    parser.add_argument("--heads", type=int, default=4, help="transformer: attention heads")
    parser.add_argument("--limit", type=int, default=0, help="fit: at most this many train articles")
    parser.add_argument("--write-rules", action="store_true", help="with --out: still write the length rules")
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--out", default=None, help="write the weights here instead of the package")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--drop-lead",
        type=float,
        default=0.0,
        help="fit: add this share of the training articles again without their first sentence",
    )
    parser.add_argument(
        "--drop-lead-target",
        choices=["highlights", "lead"],
        default="highlights",
        help="fit: what the one-line head learns to find in an article without its lead",
    )
    parser.add_argument(
        "--keep-summary",
        type=Path,
        default=None,
        help="fit: keep this model's summary head and standardisation; train and replace its one-line head",
    )
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.stage == "embed":
        stage_embed(args)
    elif args.stage == "oracle":
        stage_oracle(args)
    else:
        stage_oracle(args)
        stage_fit(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
