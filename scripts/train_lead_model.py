#!/usr/bin/env python3
"""Train, or cross-validate, the offline lead classifier's regressions.

    .venv/bin/python scripts/train_lead_model.py            # train on python_udfs/data/lead_messages.jsonl
                                                            # and write python_udfs/data/lead_model.json.gz
    .venv/bin/python scripts/train_lead_model.py --cv 5     # 5-fold cross-validation report (writes nothing)
    .venv/bin/python scripts/train_lead_model.py --cv 5 --splits gen08,gen09   # score only those rows

Stdlib only and deterministic: the same labelled file gives the same weights, byte for byte. The
training and the features are python_udfs.lead_evaluation and python_udfs.lead_model, the same code
the run time and the tests use. Retrain after every change to the labelled file or to the features
(tests/python_udfs/test_lead_analysis.py checks the weights were trained on the file as it is).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_udfs import lead_evaluation as ev  # noqa: E402
from python_udfs import lead_model as lm  # noqa: E402


def write(rows: list[dict], data: Path, out: Path) -> None:
    started = time.monotonic()
    models = ev.train(rows)
    meta = {"trained_on": len(rows), "data_sha256": ev.data_digest(data), "hash_buckets": lm.HASH_BUCKETS,
            "epochs": ev.EPOCHS, "seeds": list(ev.SEEDS), "learning_rate": ev.LEARNING_RATE, "l2": ev.L2,
            "prune_below": ev.PRUNE_BELOW}
    doc = lm.Joint.of(models).to_file_doc(meta, ev.PRUNE_BELOW)
    payload = json.dumps(doc, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(payload)
    for field, model in models.items():
        print(f"{field}: {len(model.labels)} labels, {len(model.rows)} weight rows", file=sys.stderr)
    print(f"table: {doc['meta']['rows']} rows of int16, scale {doc['meta']['scale']}", file=sys.stderr)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB) in {time.monotonic() - started:.0f} s", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation instead of training")
    parser.add_argument("--splits", default="", help="score only the rows of these splits (comma-separated)")
    parser.add_argument("--data", type=Path, default=lm.DATA)
    parser.add_argument("--out", type=Path, default=lm.WEIGHTS)
    args = parser.parse_args()
    rows = lm.load_rows(args.data)
    if not args.cv:
        write(rows, args.data, args.out)
        return
    wanted = set(filter(None, args.splits.split(",")))
    result = ev.cross_validate(rows, args.cv, test_filter=(lambda r: r["split"] in wanted) if wanted else None)
    print(f"{args.cv}-fold cross-validation, {result['n']} rows scored of {len(rows)}"
          + (f" (splits {','.join(sorted(wanted))})" if wanted else ""))
    for name in ("rules", "model", "shipped"):
        print(f"  {name:<8}" + " ".join(f"{f}={v:.3f}" for f, v in sorted(result[name].items())))
    for field, matrix in result["confusion"].items():
        print("\n" + ev.confusion_table(matrix, field))


if __name__ == "__main__":
    main()
