"""The trained part of the offline lead classifier: multinomial logistic regression per field over
hashed word and character n-grams, plus the lexicon rules' own scores as features.

Pure stdlib and deterministic at run time (PL/Python imports it). The weights are trained offline by
scripts/train_lead_model.py on data/lead_messages.jsonl and shipped as data/lead_model.json.gz; they
are read once per process (default_models) and scoring a message is a dictionary look-up per
feature. Nothing is trained at run time and nothing is downloaded.

Features (features() below, shared by the trainer and the run time so they cannot drift):
- the text lower-cased and accent-folded (lead_analysis.fold), digits collapsed to 0;
- word unigrams and bigrams (stop words kept: "vous", "dear", "u" carry tone);
- character 3-, 4- and 5-grams inside each word padded with blanks (they join "rembourser" and
  "remboursement", and survive typos and SMS spelling);
- the shape of the raw text: lower-case start, all lower case, "!" and "!!", words in capitals,
  emoji and smileys, length;
- the rules' verdicts (lead_analysis.rule_features): each intent with a cue and its score, the
  urgency pressure in bins, each tone's cue score, so the regression learns how far to trust them.
Every feature is hashed (crc32) into HASH_BUCKETS buckets; a message's vector is binary, L2-normalised.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "lead_messages.jsonl"
WEIGHTS = Path(__file__).resolve().parent / "data" / "lead_model.json.gz"
HASH_BUCKETS = 1 << 18
CHAR_GRAMS = (3, 4, 5)
FIELDS = ("intent", "urgency", "tone")

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]|[\u2600-\u27bf\U0001F300-\U0001FAFF]")
_CAPS = re.compile(r"\b[A-ZÀ-Ý]{3,}\b")
_SMILEY = re.compile(r"[:;]-?[)D(pP]|<3|\^\^|\bxd\b", re.IGNORECASE)
_EMOJI = re.compile(r"[\u2600-\u27bf\U0001F300-\U0001FAFF]")


def shape(raw: str) -> list[str]:
    """What the writing looks like, read from the raw text (before folding)."""
    text = raw.strip()
    letters = [c for c in text if c.isalpha()]
    out = []
    if letters and letters[0].islower():
        out.append("#lowerstart")
        if not any(c.isupper() for c in letters):
            out.append("#alllower")
    if "!" in text:
        out.append("#excl")
    if "!!" in text:
        out.append("#excl2")
    caps = _CAPS.findall(text)
    if caps:
        out.append("#caps")
        if len(caps) >= 2:
            out.append("#caps2")
    if _EMOJI.search(text):
        out.append("#emoji")
    if _SMILEY.search(text):
        out.append("#smiley")
    words = len(text.split())
    out.append("#len" + ("s" if words < 10 else "m" if words < 30 else "l" if words < 60 else "xl"))
    if not re.search(r"[.!?]\s*$", text):
        out.append("#noend")
    return out


def features(folded: str, raw: str, rules: list[str] = ()) -> list[str]:
    """The message's features as strings (deduplicated later, by the hashing)."""
    tokens = _WORD.findall(re.sub(r"\d+", "0", folded))
    feats = [f"w:{t}" for t in tokens]
    feats += [f"b:{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in tokens:
        if token[0].isalnum():
            padded = f" {token} "
            for n in CHAR_GRAMS:
                feats += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    feats += shape(raw)
    feats += rules
    return feats


def hashed(feats: list[str]) -> list[int]:
    """Sorted distinct buckets of the features (crc32: stable across processes, unlike hash())."""
    return sorted({zlib.crc32(f.encode("utf-8")) & (HASH_BUCKETS - 1) for f in feats})


class Linear:
    """One field's multinomial logistic regression: labels, bias and sparse weight rows per bucket."""

    def __init__(self, labels: list[str], bias: list[float], rows: dict[int, list[float]]) -> None:
        self.labels, self.bias, self.rows = labels, bias, rows

    @classmethod
    def from_json(cls, doc: dict) -> Linear:
        scale = doc["scale"]
        rows = {int(k): [v / scale for v in row] for k, row in doc["rows"].items()}
        return cls(doc["labels"], [v / scale for v in doc["bias"]], rows)

    def to_json(self, scale: int = 1000) -> dict:
        return {"labels": self.labels, "scale": scale, "bias": [round(v * scale) for v in self.bias],
                "rows": {str(k): [round(v * scale) for v in row] for k, row in sorted(self.rows.items())}}

    def logits(self, buckets: list[int]) -> list[float]:
        norm = 1 / math.sqrt(len(buckets)) if buckets else 0.0
        rows = self.rows
        present = [rows[b] for b in buckets if b in rows]
        if not present:
            return list(self.bias)
        acc = map(sum, zip(*present, strict=True))  # column sums, at C speed
        return [bias + norm * a for bias, a in zip(self.bias, acc, strict=True)]

    def posterior(self, buckets: list[int], allowed: frozenset[str] | None = None) -> dict[str, float]:
        """Probabilities over the labels (restricted to allowed), summing to 1."""
        return softmax(dict(zip(self.labels, self.logits(buckets), strict=True)), allowed)


class Joint:
    """The three fields' regressions side by side: one look-up per bucket gives every field's
    weights (intent, urgency and tone rows end to end), so scoring a message costs one pass."""

    def __init__(self, models: dict[str, Linear]) -> None:
        self.fields = [(field, models[field]) for field in FIELDS]
        self.bias = [b for _, m in self.fields for b in m.bias]
        buckets = sorted({b for _, m in self.fields for b in m.rows})
        self.rows = {b: [w for _, m in self.fields for w in m.rows.get(b) or [0.0] * len(m.labels)] for b in buckets}

    def posteriors(self, buckets: list[int], allowed: dict[str, frozenset[str] | None]) -> dict[str, dict[str, float]]:
        """{field: posterior} with each field restricted to allowed[field] (None: every label)."""
        norm = 1 / math.sqrt(len(buckets)) if buckets else 0.0
        present = [self.rows[b] for b in buckets if b in self.rows]
        logits = list(self.bias) if not present else [
            bias + norm * a for bias, a in zip(self.bias, map(sum, zip(*present, strict=True)), strict=True)]
        out, start = {}, 0
        for field, model in self.fields:
            end = start + len(model.labels)
            out[field] = softmax(dict(zip(model.labels, logits[start:end], strict=True)), allowed.get(field))
            start = end
        return out


def softmax(scores: dict[str, float], allowed: frozenset[str] | None = None) -> dict[str, float]:
    """Probabilities over the labels (restricted to allowed), summing to 1; {} when none is allowed."""
    scores = {k: v for k, v in scores.items() if allowed is None or k in allowed}
    if not scores:
        return {}
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


def joint(models: dict) -> Joint:
    """The models' Joint table, built once per models dict."""
    if "joint" not in models:
        models["joint"] = Joint(models)
    return models["joint"]


def load_rows(path: Path = DATA) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_models(path: Path = WEIGHTS) -> dict:
    """{"meta": {...}, "joint": Joint, field: Linear} from the shipped weights; {} when the file is
    absent (rules only)."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        doc = json.load(handle)
    models = {field: Linear.from_json(doc["fields"][field]) for field in doc["fields"]}
    models["meta"] = doc.get("meta", {})
    joint(models)
    return models


@lru_cache(maxsize=1)
def default_models() -> dict:
    """field -> Linear read from the shipped weights, once per process."""
    return load_models()
