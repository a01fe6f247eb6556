"""Hashing embeddings: similarity without a model or a network.

Signed feature hashing (the "hashing trick") of word unigrams, word bigrams and character
trigrams of the accent-folded text into 1536 dimensions (OpenAI's text-embedding size, so the
vector(1536) columns take either), L2-normalised: the cosine of two texts grows with the words
and word pieces they share. blake2b, not hash(): the same text gives the same vector in every
process.
"""

from __future__ import annotations

import hashlib
import math
import re

from .lead_analysis import fold

DIMENSIONS = 1536
_WEIGHTS = {"w": 1.0, "b": 0.7, "c": 0.3}


def features(text: str) -> list[tuple[str, float]]:
    words = re.findall(r"[a-z0-9]+", fold(text))
    feats = [("w:" + w, _WEIGHTS["w"]) for w in words]
    feats += [("b:" + a + " " + b, _WEIGHTS["b"]) for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        padded = f"#{w}#"
        feats += [("c:" + padded[i:i + 3], _WEIGHTS["c"]) for i in range(len(padded) - 2)]
    return feats


def embed(text: str, dimensions: int = DIMENSIONS) -> list[float]:
    """A unit vector of `dimensions` floats (all zeros for a text without words)."""
    vector = [0.0] * dimensions
    for feature, weight in features(text or ""):
        digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        index = value % dimensions
        sign = 1.0 if (value >> 63) & 1 else -1.0
        vector[index] += sign * weight
    norm = math.sqrt(sum(v * v for v in vector))
    return [v / norm for v in vector] if norm else vector


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))
