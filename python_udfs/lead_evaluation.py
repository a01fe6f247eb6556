"""Training and cross-validation of the offline lead classifier's regressions (stdlib only).

scripts/train_lead_model.py is the command line over these functions: it trains on
data/lead_messages.jsonl and writes data/lead_model.json.gz, or reports a k-fold
cross-validation. The run time (lead_analysis, lead_model) never imports this module.

Each field (intent, urgency, tone) is a multinomial logistic regression over the hashed features
of lead_model.features (binary, L2-normalised), trained by stochastic gradient descent with a
decaying step and an L2 penalty, from seeded shuffles: the same file gives the same weights.
Each field is trained once per seed of SEEDS and the runs' weights are averaged (the order of the
examples moved the held-out figures by up to 0.03 between seeds; the average is steadier).
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import Counter, defaultdict
from pathlib import Path

from . import lead_analysis as la
from . import lead_model as lm

EPOCHS = 6
LEARNING_RATE = 0.8
L2 = 1e-5
SEEDS = (7, 8, 9)  # one run per seed, weights averaged
PRUNE_BELOW = 0.02  # weights under this are stored as 0 (rows left all 0 are not stored): CV unchanged
SCORED = ("language", "intent", "urgency", "tone")


def vectorise(rows: list[dict], use_rules: bool = True) -> list[list[int]]:
    """Each row's hashed feature buckets (with or without the rules' verdicts as features)."""
    out = []
    for row in rows:
        folded = la.fold(row["message"])
        rules = la.rule_features(row["message"], folded) if use_rules else []
        out.append(lm.hashed(lm.features(folded, row["message"], rules)))
    return out


def train_field(vectors: list[list[int]], labels: list[str], epochs: int = EPOCHS,
                lr0: float = LEARNING_RATE, l2: float = L2, seed: int = 7,
                balance: float = 0.0) -> lm.Linear:
    """One field's regression. The bias starts at the log prior; each update touches only the
    example's buckets and the classes whose gradient is not negligible. balance weighs each
    example by (n / (k * its class's count)) ** balance: 0 plain, 1 classes weighed equally."""
    classes = sorted(set(labels))
    index = {c: i for i, c in enumerate(classes)}
    k = len(classes)
    counts = Counter(labels)
    bias = [math.log(counts[c] / len(labels)) for c in classes]
    weight = {c: (len(labels) / (k * counts[c])) ** balance for c in classes}
    rows: dict[int, list[float]] = {}
    order = list(range(len(vectors)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = lr0 / (1 + 0.3 * epoch)
        decay = 1 - lr * l2
        for i in order:
            buckets = vectors[i]
            if not buckets:
                continue
            norm = 1 / math.sqrt(len(buckets))
            for b in buckets:
                if b not in rows:
                    rows[b] = [0.0] * k
            acc = map(sum, zip(*[rows[b] for b in buckets], strict=True))  # column sums, at C speed
            logits = [bb + norm * a for bb, a in zip(bias, acc, strict=True)]
            top = max(logits)
            exp = [math.exp(v - top) for v in logits]
            total = sum(exp)
            y = index[labels[i]]
            grads = [e / total for e in exp]
            grads[y] -= 1.0
            if balance:
                w = weight[labels[i]]
                grads = [g * w for g in grads]
            active = [j for j, g in enumerate(grads) if abs(g) > 5e-3]
            for j in active:
                bias[j] -= lr * grads[j] * 0.1
            if len(active) > 3:  # many classes to move: one list per bucket, at C speed
                steps = [lr * g * norm for g in grads]
                for b in buckets:
                    rows[b] = [r * decay - st for r, st in zip(rows[b], steps, strict=True)]
            else:
                for j in active:
                    step = lr * grads[j] * norm
                    for b in buckets:
                        row = rows[b]
                        row[j] = row[j] * decay - step
    kept = {b: row for b, row in rows.items() if max(abs(v) for v in row) >= PRUNE_BELOW}
    return lm.Linear(classes, bias, kept)


def average(models: list[lm.Linear]) -> lm.Linear:
    """The mean of runs of one field's regression (same labels): biases and every bucket's row."""
    k, n = len(models[0].labels), len(models)
    zero = [0.0] * k
    buckets = sorted(set().union(*(m.rows for m in models)))
    rows = {b: [sum(col) / n for col in zip(*(m.rows.get(b, zero) for m in models), strict=True)] for b in buckets}
    bias = [sum(col) / n for col in zip(*(m.bias for m in models), strict=True)]
    return lm.Linear(models[0].labels, bias, rows)


def train(rows: list[dict], vectors: list[list[int]] | None = None) -> dict[str, lm.Linear]:
    vectors = vectorise(rows) if vectors is None else vectors
    return {field: average([train_field(vectors, [r[field] for r in rows], seed=seed) for seed in SEEDS])
            for field in lm.FIELDS}


def data_digest(path: Path = lm.DATA) -> str:
    """sha256 of the labelled file, recorded in the weights so a stale file is detectable."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folds(rows: list[dict], k: int, seed: int = 11) -> list[int]:
    """Each row's fold, stratified by intent and language (a seeded round robin)."""
    groups = defaultdict(list)
    for i, row in enumerate(rows):
        groups[(row["intent"], row["language"])].append(i)
    rng = random.Random(seed)
    assignment = [0] * len(rows)
    offset = 0
    for key in sorted(groups):
        members = groups[key]
        rng.shuffle(members)
        for n, i in enumerate(members):
            assignment[i] = (offset + n) % k
        offset += len(members)
    return assignment


def cross_validate(rows: list[dict], k: int = 5, only_folds: int | None = None, test_filter=None,
                   intents: dict[str, str] | None = None) -> dict:
    """k-fold figures per field for three classifiers, each fold scored by models trained on the
    other folds: 'rules' (the lexicons alone, no model), 'model' (the regressions' argmax alone),
    'shipped' (what analyse() answers: model plus the labelling rules). Also 'confusion' of the
    shipped answers per field, {(expected, predicted): n}. only_folds scores the first folds only
    (a quicker estimate); test_filter picks the rows scored (training still uses every other row).
    """
    assignment = folds(rows, k)
    vectors = vectorise(rows)
    hits = {name: Counter() for name in ("rules", "model", "shipped")}
    confusion = {f: Counter() for f in SCORED}
    n = 0
    for fold_no in range(k if only_folds is None else only_folds):
        train_rows = [i for i in range(len(rows)) if assignment[i] != fold_no]
        models = train([rows[i] for i in train_rows], [vectors[i] for i in train_rows])
        for i in range(len(rows)):
            row = rows[i]
            if assignment[i] != fold_no or (test_filter is not None and not test_filter(row)):
                continue
            n += 1
            rules = la.analyse(row["message"], row.get("name"), None, intents, models={})
            shipped = la.analyse(row["message"], row.get("name"), None, intents, models=models)
            for f in SCORED:
                hits["rules"][f] += rules[f] == row[f]
                hits["shipped"][f] += shipped[f] == row[f]
                confusion[f][(row[f], shipped[f])] += 1
            for f in lm.FIELDS:
                hits["model"][f] += la.argmax(models[f].posterior(vectors[i])) == row[f]
    result = {name: {f: h[f] / n for f in h} for name, h in hits.items()} if n else {}
    result["n"] = n
    result["confusion"] = confusion
    return result


def confusion_table(matrix: Counter, field: str) -> str:
    """The confusion as text: rows expected, columns predicted (labels cut to 6 letters)."""
    labels = sorted({a for a, _ in matrix} | {b for _, b in matrix})
    lines = [f"{field}: rows expected, columns predicted",
             " " * 22 + " ".join(f"{b[:6]:>6}" for b in labels)]
    lines += [f"  {a:<20}" + " ".join(f"{matrix[(a, b)]:>6}" for b in labels) for a in labels]
    return "\n".join(lines)
