#!/usr/bin/env python3
"""Flag labelled rows whose urgency disagrees with the labelling rules
(tests/data/lead_messages_holdout3.labelling.md), and optionally fix the unambiguous ones.

    .venv/bin/python scripts/audit_lead_labels.py            # list the flags, by rule
    .venv/bin/python scripts/audit_lead_labels.py --fix      # rewrite the labels the rules decide

The rules read (urgency): spam is Low; an Urgent tone is High (spam aside); thanks, praise and
suggestions (Customer Feedback) and vendor offers are Low unless a deadline or ongoing harm is
stated; a casual question (Casual tone, not a dispute nor a follow-up) is Low; a call asked for
today or tomorrow is High; "no rush / pas pressé / whenever" is Low unless today or tomorrow is
named; plans months ahead are Low; today / tomorrow / within hours is High. Only the first rules are fixed by
--fix; the others are listed for a person to read (a deadline cue can be quoted, not meant).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from python_udfs import lead_analysis as la  # noqa: E402
from python_udfs import lead_model as lm  # noqa: E402

CUES = {name: re.compile(p) for name, p in lm.TIME_CUES.items()}
NEAR = re.compile(r"\b(today|tonight|tomorrow|aujourd'hui|auj|ce soir|demain|dmain|within (the next )?(an? |0 )?hours?|"
                  r"dans l'heure|d'ici ce soir|this (morning|afternoon))\b")
MONTHS_AHEAD = re.compile(r"\b(next (year|spring|summer|autumn|fall|winter)|in 0 months|dans 0 mois|l'an prochain|"
                          r"l'annee prochaine|au printemps|cet ete|l'ete prochain|prochains mois|coming months)\b")
HARM = re.compile(r"\b(down|outage|leak|fuite|flood|inond|no water|pas d'eau|hazard|danger|pain|douleur|"
                  r"en panne|can't (log|access)|locked out|bloque|ne fonctionne plus|marche plus|going to fall|"
                  r"get hurt|se blesser)\b")

# Medium by the rules whatever the register: complaints, disputes and what is broken or owed.
DISPUTES = ("Complaint", "Refund Request", "Technical Issue", "Billing Question", "Account Access",
            "Cancellation Request")
FOLLOW_UP = re.compile(r"\b(again|still|second|third|twice|relance|encore|toujours|deuxieme|troisieme)\b")


def verdict(row: dict) -> tuple[str | None, str | None]:
    """(rule, the label it decides or None for 'read it') when a rule disagrees with the row."""
    folded = re.sub(r"\d+", "0", la.fold(row["message"]))
    u = row["urgency"]
    near, harm = bool(NEAR.search(folded)), bool(HARM.search(folded))
    if row["intent"] == "Spam":
        return ("spam is Low", "Low") if u != "Low" else (None, None)
    if row["tone"] == "Urgent" and u != "High":
        return "an Urgent tone is High", "High"
    relaxed = bool(CUES["relaxed"].search(folded))
    if relaxed and u != "Low" and not near:
        return "no rush is Low", "Low"
    if (row["intent"] in ("Customer Feedback", "Vendor Offer") and u != "Low" and not near and not harm
            and not CUES["deadline"].search(folded)):
        return f"{row['intent']} is Low", "Low"
    if row["intent"] == "Callback Request" and near and u != "High" and not relaxed:
        return "a call asked for today or tomorrow is High", "High"
    if (row["tone"] == "Casual" and u == "Medium" and row["intent"] not in DISPUTES
            and not FOLLOW_UP.search(folded) and "?" in row["message"]):
        return "a casual question is Low", "Low"
    if MONTHS_AHEAD.search(folded) and u == "Medium" and not near:
        return "months ahead is Low (read it)", None
    if near and u != "High" and not relaxed:
        return "today/tomorrow is High (read it)", None
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=lm.DATA)
    parser.add_argument("--fix", action="store_true")
    args = parser.parse_args()
    lines = args.data.read_text(encoding="utf-8").splitlines()
    flagged, fixed, out = Counter(), Counter(), []
    for n, line in enumerate(lines, 1):
        row = json.loads(line)
        rule, label = verdict(row)
        if rule:
            flagged[rule] += 1
            print(f"{n}\t{row['split']}\t{row['intent']}\t{row['urgency']}->{label or '?'}\t{row['tone']}\t{rule}"
                  f"\t{row['message'][:160]}")
            if args.fix and label:
                row["urgency"] = label
                fixed[rule] += 1
                line = json.dumps(row, ensure_ascii=False)
        out.append(line)
    print("flagged:", dict(flagged), "fixed:", dict(fixed), file=sys.stderr)
    if args.fix:
        args.data.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
