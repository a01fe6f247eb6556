"""Leave-one-split-out cross-validation of the offline lead classifier.

Each split of the labelled file was written as one batch; holding a whole batch out (training the
model on the other four) is the closest thing the file offers to messages nobody has seen.
Caveat stated where the figures are reported: the lexicon rules were written after reading every
split, so only the trained model's part is truly held out.
"""

from __future__ import annotations

from collections import defaultdict

from .lead_analysis import analyse, fold
from .lead_model import NaiveBayes, load_rows

FIELDS = ("language", "intent", "urgency", "tone")


def train(rows: list[dict]) -> dict[str, NaiveBayes]:
    return {field: NaiveBayes([(fold(r["message"]), r[field]) for r in rows]) for field in ("intent",)}


def score(rows: list[dict], models: dict, intents: dict[str, str] | None = None) -> dict[str, int]:
    hits = defaultdict(int)
    for row in rows:
        result = analyse(row["message"], row["name"], None, intents, models)
        for field in FIELDS:
            hits[field] += result[field] == row[field]
    return hits


def model_only_hits(rows: list[dict], models: dict) -> dict[str, int]:
    """The trained model alone (argmax of its posterior), no rules at all."""
    hits = defaultdict(int)
    for row in rows:
        folded = fold(row["message"])
        for field, model in models.items():
            posterior = model.posterior(folded)
            hits[field] += max(sorted(posterior), key=posterior.get) == row[field]
    return hits


def cross_validate(rows: list[dict] | None = None, mode: str = "hybrid",
                   intents: dict[str, str] | None = None) -> dict[str, dict[str, float]]:
    """{split or 'all': {field: accuracy}} with each split scored by a model trained on the others.

    mode: 'rules' (no model), 'model' (model alone), 'hybrid' (what analyse() ships).
    """
    rows = load_rows() if rows is None else rows
    splits = sorted({r["split"] for r in rows})
    totals, result = defaultdict(int), {}
    for split in splits:
        test = [r for r in rows if r["split"] == split]
        models = train([r for r in rows if r["split"] != split]) if mode != "rules" else {}
        hits = model_only_hits(test, models) if mode == "model" else score(test, models, intents)
        result[split] = {f: hits[f] / len(test) for f in hits}
        for f in hits:
            totals[f] += hits[f]
    result["all"] = {f: totals[f] / len(rows) for f in totals}
    return result


if __name__ == "__main__":
    for mode in ("rules", "model", "hybrid"):
        for split, figures in cross_validate(mode=mode).items():
            print(f"{mode:<7}{split:<8}" + " ".join(f"{f}={v:.3f}" for f, v in sorted(figures.items())))
