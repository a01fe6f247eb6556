"""The "Perhaps you meant ..." hints of PostgREST (PGRST202 functions and their parameter lists,
PGRST205 tables, PGRST200 embedded tables), chosen as the `fuzzyset` library it uses chooses: the
candidates sharing an n-gram with the query (trigrams, else bigrams, of the lower-cased text without
punctuation but commas, padded with "-"), the 50 most similar by the cosine of their n-gram counts,
scored again by Levenshtein similarity (1 - distance / the longer length) of the lower-cased texts;
the best one scoring at least 0.33, or nothing."""

from __future__ import annotations

FUZZY_MIN_SCORE = 0.33


def _fuzzy_normal(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalnum() or c.isspace() or c == ",")


def _grams(text: str, size: int) -> dict[str, int]:
    padded = f"-{_fuzzy_normal(text)}-"
    counts: dict[str, int] = {}
    for i in range(len(padded) - size + 1):
        gram = padded[i:i + size]
        counts[gram] = counts.get(gram, 0) + 1
    return counts


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _similarity(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    return 1.0 if longest == 0 else 1 - _levenshtein(a, b) / longest


def fuzzy_closest(query: str, entries: list[str]) -> str | None:
    """The entry PostgREST would suggest for `query` (None when nothing is close enough)."""
    found = fuzzy_matches(query, entries)
    return found[0][1] if found else None


def fuzzy_matches(query: str, entries: list[str]) -> list[tuple[float, str]]:
    """Every entry close enough to `query`, best first, with its score (1.0 alone for an entry equal
    to the query but for case)."""
    exact: dict[str, str] = {}
    for entry in entries:  # names equal but for case are one entry: the lower-case spelling kept
        key = entry.lower()
        if key not in exact or entry == key:
            exact[key] = entry
    key = query.lower()
    if key in exact:
        return [(1.0, exact[key])]
    for size in (3, 2):
        wanted = _grams(key, size)
        wanted_norm = sum(n * n for n in wanted.values()) ** 0.5
        scored = []
        for lowered, entry in exact.items():
            grams = _grams(lowered, size)
            dot = sum(n * grams.get(g, 0) for g, n in wanted.items())
            if dot:
                scored.append((dot / (wanted_norm * sum(n * n for n in grams.values()) ** 0.5), lowered, entry))
        scored.sort(key=lambda t: -t[0])
        rescored = sorted(((_similarity(key, lowered), entry) for _, lowered, entry in scored[:50]),
                          key=lambda t: -t[0])
        found = [(score, entry) for score, entry in rescored if score >= FUZZY_MIN_SCORE]
        if found:
            return found
    return []
