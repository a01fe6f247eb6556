#!/usr/bin/env python3
"""Train on the labelled file and score the held-out dev sets (model selection only; their rows
are never trained on). Prints each field per set and urgency's confusion.

    .venv/bin/python scripts/dev_eval_lead_model.py [--data FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_udfs import lead_analysis as la  # noqa: E402
from python_udfs import lead_evaluation as ev  # noqa: E402
from python_udfs import lead_model as lm  # noqa: E402

SETS = ["holdout", "holdout2", "holdout3", "holdout4", "holdout5"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=lm.DATA)
    parser.add_argument("--shipped", action="store_true", help="score the shipped weights, train nothing")
    args = parser.parse_args()
    models = lm.default_models() if args.shipped else ev.train(lm.load_rows(args.data))
    for name in SETS:
        path = ROOT / "tests" / "data" / f"lead_messages_{name}.jsonl"
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        hits, conf = Counter(), Counter()
        for row in rows:
            out = la.analyse(row["message"], row.get("name"), None, None, models=models)
            for f in ev.SCORED:
                hits[f] += out[f] == row[f]
            conf[(row["urgency"], out["urgency"])] += 1
        print(f"{name:<9} n={len(rows):<4}" + " ".join(f"{f}={hits[f] / len(rows):.3f}" for f in ev.SCORED))
        if name in ("holdout4", "holdout5"):
            print(ev.confusion_table(conf, "urgency"))


if __name__ == "__main__":
    main()
