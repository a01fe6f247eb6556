"""The "Perhaps you meant" suggestion of PostgREST's fuzzy set (PGRST205's hint for an unknown table):
names are compared by their n-grams first (trigrams, then bigrams if no name shares a trigram), the
candidates that share some re-scored as 1 - Levenshtein distance / the longer length, the best one
kept from 0.33 up. So `fake` suggests `factories` (a shared trigram) before `fee` (closer by
Levenshtein, but no trigram in common)."""

from __future__ import annotations

import math
import re
from collections import Counter

_NON_WORD = re.compile(r"[^a-z0-9\u00c0-\u00ff, ]+")
MIN_SCORE = 0.33
GRAM_SIZES = (3, 2)
CANDIDATES = 50  # the n-gram matches re-scored by Levenshtein distance


def _normal(value: str) -> str:
    return _NON_WORD.sub("", value.lower())


def _grams(value: str, size: int) -> Counter:
    padded = "-" + _normal(value) + "-"
    padded += "-" * max(0, size - len(padded))
    return Counter(padded[i:i + size] for i in range(len(padded) - size + 1))


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(name: str, names) -> str | None:
    """The name the fuzzy set suggests for `name` among `names`, or None."""
    names = [n for n in names if n != name]
    for size in GRAM_SIZES:
        grams = _grams(name, size)
        norm = math.sqrt(sum(c * c for c in grams.values()))
        scored = []
        for candidate in names:
            other = _grams(candidate, size)
            dot = sum(c * other[g] for g, c in grams.items() if g in other)
            if dot:
                scored.append((dot / (norm * math.sqrt(sum(c * c for c in other.values()))), candidate))
        scored.sort(key=lambda s: -s[0])
        best = None
        for _, candidate in scored[:CANDIDATES]:
            a, b = _normal(name), _normal(candidate)
            # Names alike but for case score alike: the closer as written wins (`foo` before `Foo`).
            score = (1 - levenshtein(a, b) / max(len(a), len(b), 1), -levenshtein(name, candidate))
            if score[0] >= MIN_SCORE and (best is None or score > best[0]):
                best = (score, candidate)
        if best is not None:
            return best[1]
    return None
