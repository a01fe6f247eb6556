"""The fuzzy name match behind PostgREST's "Perhaps you meant ..." hints (its fuzzy set): candidates
are first those sharing letter trigrams with the name, ranked by the cosine of their gram counts;
the best 50 of them are then scored by 1 - Levenshtein distance / the longer length, and the best
from 0.33 up wins; when none reaches 0.33, bigrams choose the candidates again. Grams ignore case and every character but letters, digits,
spaces and commas; the distance ignores case only."""

from __future__ import annotations

import math
import re
from collections import Counter

_NON_WORD = re.compile(r"[^a-zA-Z0-9\u00C0-\u00FF, ]+")
MIN_SCORE = 0.33
SHORTLIST = 50


def _grams(value: str, size: int) -> Counter:
    simplified = "-" + _NON_WORD.sub("", value.lower()) + "-"
    if len(simplified) < size:
        simplified += "-" * (size - len(simplified))
    return Counter(simplified[i:i + size] for i in range(len(simplified) - size + 1))


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def closest(value: str, candidates) -> str | None:
    """The candidate PostgREST would suggest for `value`, or None. Candidates that differ only by case
    count once (the all-lowercase spelling kept); a tie keeps the earlier candidate."""
    by_norm: dict[str, str] = {}
    for c in candidates:
        norm = c.lower()
        if norm not in by_norm or c == norm:
            by_norm[norm] = c
    wanted = value.lower()
    for size in (3, 2):
        query = _grams(value, size)
        q_norm = math.sqrt(sum(n * n for n in query.values()))
        ranked = []
        for order, norm in enumerate(by_norm):
            grams = _grams(norm, size)
            dot = sum(n * grams[g] for g, n in query.items() if g in grams)
            if dot:
                cosine = dot / (q_norm * math.sqrt(sum(n * n for n in grams.values())))
                ranked.append((-cosine, order, norm))
        if not ranked:
            continue
        ranked.sort()
        scored = sorted((-(1 - _levenshtein(wanted, norm) / max(len(wanted), len(norm))), order, norm)
                        for _, order, norm in ranked[:SHORTLIST])
        best_score, _, best = scored[0]
        if -best_score >= MIN_SCORE:  # else the shorter grams get their chance
            return by_norm[best]
    return None
