"""The trained part of the offline lead classifier: multinomial logistic regression per field over
hashed word and character n-grams, plus the lexicon rules' own scores as features.

Pure stdlib and deterministic at run time (PL/Python imports it). The weights are trained offline by
scripts/train_lead_model.py on data/lead_messages.jsonl and shipped as data/lead_model.json.gz, one
int16 table (Joint.to_file_doc); they are read once per process (default_models) and scoring a
message is a dictionary look-up per feature. Nothing is trained at run time and nothing is downloaded.

Features (features() below, shared by the trainer and the run time so they cannot drift):
- the text lower-cased and accent-folded (lead_analysis.fold), digits collapsed to 0;
- word unigrams and bigrams (stop words kept: "vous", "dear", "u" carry tone);
- character 3-, 4- and 5-grams inside each word padded with blanks (they join "rembourser" and
  "remboursement", and survive typos and SMS spelling);
- the shape of the raw text: lower-case start, all lower case, "!" and "!!", words in capitals,
  emoji and smileys, length;
- urgency's time cues (TIME_CUES: today, tomorrow, a weekday, this week, later, ASAP, deadline,
  within hours, a date, relaxed, blocked, months ahead, an ongoing harm, thanks, a request verb), the
  groups "near" (today / tomorrow / hours), "thanks_only" (thanks and no request) and "none" (no cue
  in time), each also crossed with the rules' tone, and whether the message only asks questions;
- the rules' verdicts (lead_analysis.rule_features): each intent with a cue and its score, the
  urgency pressure in bins, each tone's cue score, so the regression learns how far to trust them.
Every feature is hashed (crc32) into HASH_BUCKETS buckets; a message's vector is binary, L2-normalised.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
import re
import sys
import zlib
from array import array
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


_DAYS = (r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
         r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)")
# When the text places the request in time, in groups (the model learns each group's weight per
# urgency); the folded text is read, so the French is written without accents.
TIME_CUES = {
    "today": r"\b(today|tonight|tonite|this (morning|afternoon|arvo|evening)|end of (the )?day|by (noon|lunch(time)?)|"
             r"before lunch|aujourd'hui|aujourdhui|auj|ajd|ce soir|ce matin|ce midi|cet apres-midi|cet apres midi|"
             r"cette apres-midi|cet aprem|d'ici ce soir|d'ici midi|avant midi|dans la journee|tantot|a soir)\b",
    "tomorrow": r"\b(tomorrow|tomorow|tmrw|tmr|tomoz|2moro|demain|dmain|2main|first thing)\b",
    "day": rf"\b(by|before|until|on|for|this|next|d'ici|avant|pour|ce|jusqu'a|des) {_DAYS}\b|\b{_DAYS}\b",
    "week": r"\b(this week|end of (the )?week|cette semaine|fin de (la )?semaine|d'ici la fin)\b",
    "later": r"\b(next (week|month|year|quarter|spring|summer|fall|autumn|season)|semaine prochaine|"
             r"mois prochain|annee prochaine|l'an prochain|coming (weeks|months)|prochains mois|"
             r"someday|eventually|at some point|un jour|plus tard|later on|no hurry|whenever)\b",
    "asap": r"\b(asap|as soon as (possible|you can)|right away|immediately|urgently|urgent|emergency|"
            r"des que possible|au plus vite|le plus vite|le plus rapidement|tout de suite|immediatement|"
            r"urgence|au plus sacrant|vite)\b",
    "deadline": r"\b(deadline|due|no later than|at the latest|by the end|date limite|echeance|au plus tard|"
                r"avant le|before the|by the|d'ici le|d'ici au)\b",
    "hours": (r"\b(within|in|dans|d'ici) (the next |les prochaines )?(0 |an? |une )?"
              r"(hour|hours|heure|heures|minutes?)\b"),
    "date": r"\b0[/-]0\b|\b(le|on|the|by) 0\b|\b0(st|nd|rd|th|er)\b",
    "relaxed": r"\b(no rush|not urgent|nothing urgent|no hurry|pas urgent|pas presse|rien d'urgent|rien de presse|"
               r"aucune urgence|when you (have|get) (a|the) (chance|time|moment)|at your convenience|"
               r"quand vous (aurez|pourrez)|a votre convenance|a tete reposee|take your time|prenez (votre|le) temps|"
               r"just curious|par curiosite|simple curiosite|for future reference|pour plus tard)\b",
    "blocked": r"\b(down|not working|doesn't work|stopped|broken|can't (log|access|use|login)|cannot|locked out|"
               r"en panne|ne fonctionne (plus|pas)|marche (plus|pas)|bloque|impossible de|plante)\b",
    # plans months ahead (Low by the labelling rules): a season or a month placed in time
    "months": (r"\b(this|next|in the|by|until|before|for|early|late|mid|in|from) (spring|summer|autumn|fall|winter|"
               r"january|february|march|april|june|july|august|september|october|november|december|christmas)\b|"
               r"\b(cet|cette|l'|au|en|d'ici|avant|pour|des|debut|fin|mi-|a) ?(ete|hiver|automne|printemps|"
               r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|noel)\b|"
               r"\bin 0 (months|weeks)\b|\bdans 0 (mois|semaines)\b"),
    # an ongoing harm that needs action now (High by the labelling rules)
    "harm": (r"\b(leak(ing)?|flood(ed|ing)?|no (water|heat|heating|power|hot water)|hazard|danger(ous)?|pain|"
             r"bleeding|alarm|going off|queue|waiting room|losing (money|sales|customers|orders|contracts)|"
             r"fuite|inond\w*|pas d'eau|plus d'eau|pas de chauffage|plus de chauffage|plus de courant|danger\w*|"
             r"douleur|mal aux?|saign\w*|alarme|file d'attente|salle d'attente|on perd|nous perdons|perd des)\b"),
    # thanks and praise, and what asks for something (request verbs): thanks with no request is Low
    "thanks": (r"\b(thanks?|thank you|grateful|gratitude|kudos|commend|well done|bravo|merci|remercie\w*|"
               r"felicit\w*|saluer|gratitude|reconnaissan\w*)\b"),
    "request": (r"\b(could|can|would|will) (you|someone|somebody|one of)|\b(please|pls|plz|svp|stp|let me know|"
                r"tell me|i need|we need|i'd like|we'd like|i would like|we would like|i want|we want|looking for|"
                r"send|pourriez|pouvez|pourrais|pourrait|auriez|avez-vous|est-ce que|j'aimerais|nous aimerions|"
                r"je voudrais|nous voudrions|je veux|jveux|on veut|besoin|merci de|dites-moi|envoyez|envoyer|"
                r"cherche|recherche)\b|\?"),
}
_TIME_CUES = [(name, re.compile(pattern)) for name, pattern in TIME_CUES.items()]
# The cues crossed with the rules' tone (a linear model cannot learn on its own that "tomorrow" weighs
# differently in a casual message than in a formal one). Crossing with the rules' top intent as well
# was tried: dev-set intent -0.005, urgency -0.004 (not kept).
CROSSED = ("near", "relaxed", "later", "months", "harm", "thanks_only", "none")


def time_features(folded: str, raw: str) -> list[str]:
    """Urgency's own cues: the time groups above (and how many), a message that only asks
    questions, one with a question and one without."""
    out = [f"u:{name}" for name, pattern in _TIME_CUES if pattern.search(folded)]
    found = {o[2:] for o in out}
    if found & {"today", "tomorrow", "hours"}:
        out.append("u:near")
    if "thanks" in found and "request" not in found:
        out.append("u:thanks_only")
    if not found & {"today", "tomorrow", "day", "week", "later", "asap", "deadline", "hours", "date", "relaxed",
                    "months", "harm", "blocked"}:
        out.append("u:none")
    out.append(f"u:n{min(len(found - {'thanks', 'request'}), 3)}")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", raw.strip()) if re.search(r"\w", s)]
    asks = [s for s in sentences if s.rstrip().endswith("?")]
    if sentences and len(asks) == len(sentences):
        out.append("u:questions_only")
    elif asks:
        out.append("u:question")
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
    cues = time_features(re.sub(r"\d+", "0", folded), raw)
    feats += cues
    feats += rules
    if CROSSED:
        tone = next((r[7:] for r in rules if r.startswith("r:tone=")), "-")
        feats += [f"x:{c[2:]}|t={tone}" for c in cues if c[2:] in CROSSED]
    return feats


def hashed(feats: list[str]) -> list[int]:
    """Sorted distinct buckets of the features (crc32: stable across processes, unlike hash())."""
    return sorted({zlib.crc32(f.encode("utf-8")) & (HASH_BUCKETS - 1) for f in feats})


class Linear:
    """One field's multinomial logistic regression: labels, bias and sparse weight rows per bucket."""

    def __init__(self, labels: list[str], bias: list[float], rows: dict[int, list[float]]) -> None:
        self.labels, self.bias, self.rows = labels, bias, rows

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
    weights (intent, urgency and tone rows end to end), so scoring a message costs one pass.

    index: bucket -> the offset of its row in table, a flat sequence of width weights per row:
    floats for models just trained (Joint.of), or the shipped int16 array as read from the file
    (from_file_doc), whose integers are multiplied by unit. Nothing is built per weight at load."""

    def __init__(self, labels: dict[str, list[str]], bias: list[float], index: dict[int, int], table,
                 unit: float = 1.0) -> None:
        self.fields = [(field, labels[field]) for field in FIELDS]
        self.bias, self.index, self.table, self.unit = bias, index, table, unit
        self.width = len(bias)

    @classmethod
    def of(cls, models: dict[str, Linear]) -> Joint:
        parts = [models[field] for field in FIELDS]
        buckets = sorted({b for m in parts for b in m.rows})
        table = [w for b in buckets for m in parts for w in m.rows.get(b) or [0.0] * len(m.labels)]
        width = sum(len(m.labels) for m in parts)
        return cls({f: models[f].labels for f in FIELDS}, [b for m in parts for b in m.bias],
                   {b: i * width for i, b in enumerate(buckets)}, table)

    def row(self, bucket: int) -> list[float]:
        offset = self.index[bucket]
        return [w * self.unit for w in self.table[offset:offset + self.width]]

    def to_file_doc(self, meta: dict, prune_below: float = 0.0) -> dict:
        """The weights file's document: labels and biases per field, then the table as base64 of
        little-endian arrays, the buckets (uint32) and every row's weights (int16, value x scale).
        Weights under prune_below are stored as 0, and rows left all 0 are dropped."""
        top = max((abs(w) for w in self.table), default=1.0) * self.unit
        scale = min(1000, int(32767 / top))
        buckets, weights = array("I"), array("h")
        for b in sorted(self.index):
            row = [round(w * scale) if abs(w) >= prune_below else 0 for w in self.row(b)]
            if any(row):
                buckets.append(b)
                weights.extend(row)
        if sys.byteorder == "big":
            buckets.byteswap()
            weights.byteswap()
        start, fields = 0, {}
        for field, labels in self.fields:
            end = start + len(labels)
            fields[field] = {"labels": labels, "bias": [round(v * scale) for v in self.bias[start:end]]}
            start = end
        return {"meta": {**meta, "format": 2, "scale": scale, "rows": len(buckets)}, "fields": fields,
                "buckets": base64.b64encode(buckets.tobytes()).decode("ascii"),
                "weights": base64.b64encode(weights.tobytes()).decode("ascii")}

    @classmethod
    def from_file_doc(cls, doc: dict) -> Joint:
        scale = doc["meta"]["scale"]
        labels = {field: doc["fields"][field]["labels"] for field in FIELDS}
        bias = [v / scale for field in FIELDS for v in doc["fields"][field]["bias"]]
        buckets, weights = array("I"), array("h")
        buckets.frombytes(base64.b64decode(doc["buckets"]))
        weights.frombytes(base64.b64decode(doc["weights"]))
        if sys.byteorder == "big":
            buckets.byteswap()
            weights.byteswap()
        if len(weights) != len(buckets) * len(bias):
            raise ValueError("lead_model weights file: the table does not match its buckets")
        index = dict(zip(buckets, range(0, len(weights), len(bias)), strict=True))
        return cls(labels, bias, index, weights, 1 / scale)

    def posteriors(self, buckets: list[int], allowed: dict[str, frozenset[str] | None]) -> dict[str, dict[str, float]]:
        """{field: posterior} with each field restricted to allowed[field] (None: every label)."""
        norm = (1 / math.sqrt(len(buckets)) if buckets else 0.0) * self.unit
        index, table, width = self.index, self.table, self.width
        present = [table[o:o + width] for o in map(index.get, buckets) if o is not None]
        logits = list(self.bias) if not present else [
            bias + norm * a for bias, a in zip(self.bias, map(sum, zip(*present, strict=True)), strict=True)]
        out, start = {}, 0
        for field, labels in self.fields:
            end = start + len(labels)
            out[field] = softmax(dict(zip(labels, logits[start:end], strict=True)), allowed.get(field))
            start = end
        return out


class FieldView:
    """One field of a Joint read from the weights file, with Linear's labels and posterior()."""

    def __init__(self, table: Joint, field: str) -> None:
        self.table, self.field = table, field
        self.labels = dict(table.fields)[field]

    def posterior(self, buckets: list[int], allowed: frozenset[str] | None = None) -> dict[str, float]:
        return self.table.posteriors(buckets, {self.field: allowed})[self.field]


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
        models["joint"] = Joint.of(models)
    return models["joint"]


def load_rows(path: Path = DATA) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_models(path: Path = WEIGHTS) -> dict:
    """{"meta": {...}, "joint": Joint, field: FieldView} from the shipped weights; {} when the file
    is absent (rules only). The int16 table is kept as read (no per-weight Python objects): this
    is the load every PL/Python backend pays once."""
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        doc = json.load(handle)
    table = Joint.from_file_doc(doc)
    models = {field: FieldView(table, field) for field in FIELDS}
    models["meta"], models["joint"] = doc["meta"], table
    return models


@lru_cache(maxsize=1)
def default_models() -> dict:
    """field -> Linear read from the shipped weights, once per process."""
    return load_models()
