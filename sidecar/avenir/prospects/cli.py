"""The prospect commands of `avenir`: prospects import / embed / index / score, profile load."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .sources import SOURCES


def add_commands(sub: argparse._SubParsersAction) -> None:
    prospects = sub.add_parser("prospects", help="prospect discovery: import files, embed, score")
    actions = prospects.add_subparsers(dest="prospects_command", required=True, metavar="action")
    imp = actions.add_parser(
        "import", help="import a CSV or JSON-lines export (upsert on the canonical website key)",
        description="Import prospects from a CSV (header line) or JSON-lines file. Each line is one company; "
                    "lines are merged on the canonical website key (registrable domain) and alias domains, "
                    "so re-importing a file changes nothing. Prints inserted / updated / unchanged / rejected "
                    "counts and every rejected line with its reason; progress goes to stderr.")
    imp.add_argument("file", type=Path)
    imp.add_argument("--source", choices=sorted(SOURCES), default="csv",
                     help="shape of the export: pdl, apollo, google_places or csv (our columns; default)")
    imp.add_argument("--json", action="store_true", help="print the summary and rejects as one JSON object")
    imp.add_argument("--quiet", action="store_true", help="no progress lines")
    imp.set_defaults(run=run_import)

    embed = actions.add_parser("embed", help="embed prospects that have no embedding yet (AI provider)")
    embed.add_argument("--limit", type=int, default=10_000, help="at most this many (default 10000)")
    embed.set_defaults(run=run_embed)

    embed.add_argument("--no-index", action="store_true",
                       help="leave the HNSW indexes of industries, regions and languages as they are "
                            "(see `prospects index`)")
    index = actions.add_parser(
        "index", help="build (or drop) the HNSW index of each industry, region or language of 1,500+ "
                      "embedded prospects",
        description="Bring the HNSW indexes of single industries, regions and languages in step with the "
                    "prospects (prospect_filter_index_plan): a value holding at least 1,500 embedded prospects "
                    "and at most half of them gets a partial index, which match_prospects reads under a "
                    "filter on that one value; indexes no value wants any more are dropped. Built "
                    "concurrently (writes go on), by the table's owner. `prospects embed` ends with it.")
    index.add_argument("--dry-run", action="store_true", help="print the plan's statements, run none")
    index.set_defaults(run=run_index)

    score = actions.add_parser("score", help="recompute automation_need_score (score_prospects())")
    score.set_defaults(run=run_score)

    profile = sub.add_parser("profile", help="Avenir's company profile (avenir_profile_embeddings)")
    profile_actions = profile.add_subparsers(dest="profile_command", required=True, metavar="action")
    load = profile_actions.add_parser("load", help="replace the profile with FILE's chunks, embedded by the provider",
                                      description="Split a text or Markdown file into chunks (paragraphs under "
                                                  "their heading, about 800 characters) and store their embeddings.")
    load.add_argument("file", type=Path)
    load.set_defaults(run=run_profile_load)


def run_import(args: argparse.Namespace) -> None:
    from .db import connect
    from .importer import import_file, print_progress

    rejects: list[dict] = []

    def on_reject(line_no: int, reason: str) -> None:
        if args.json:
            rejects.append({"line": line_no, "reason": reason})
        else:
            print(f"line {line_no}: {reason}")

    with connect() as conn:
        result = import_file(conn, args.file, args.source, None if args.quiet else print_progress, on_reject)
    s = result.summary
    if args.json:
        print(json.dumps({**s, "rejects": rejects}))
    else:
        print(f"{args.file}: {s['lines']} lines, {s['inserted']} inserted, {s['updated']} updated, "
              f"{s['unchanged']} unchanged, {s['rejected']} rejected ({s['folded']} folded into another line "
              f"of the same company) in {s['seconds']} s")


def run_embed(args: argparse.Namespace) -> None:
    from .db import connect
    from .embeddings import embed_prospects, provider_from_env

    with connect() as conn:
        print(f"{embed_prospects(conn, provider_from_env(), args.limit)} prospects embedded")
        if not args.no_index:
            from ..errors import AvenirError
            from .indexes import print_step, refresh_filter_indexes

            try:
                refresh_filter_indexes(conn, print_step)
            except AvenirError as e:  # the embeddings are stored; the indexes wait for their owner
                print(f"filter indexes not refreshed: {e}", file=sys.stderr)


def run_index(args: argparse.Namespace) -> None:
    from .db import connect
    from .indexes import QUERIES, print_step, refresh_filter_indexes

    with connect() as conn:
        if args.dry_run:
            for row in conn.execute(QUERIES["filter_index_plan"]).fetchall():
                print(f"{row['statement']};")
            return
        if not refresh_filter_indexes(conn, print_step):
            print("the filter indexes are in step with the prospects")


def run_score(args: argparse.Namespace) -> None:
    from .db import connect
    from .importer import QUERIES

    with connect() as conn, conn.transaction():
        print(json.dumps(conn.execute(QUERIES["score_prospects"]).fetchone()["summary"]))


def run_profile_load(args: argparse.Namespace) -> None:
    from .db import connect
    from .embeddings import load_profile, provider_from_env

    with connect() as conn:
        s = load_profile(conn, args.file, provider_from_env())
    print(f"{s['source']}: {s['chunks']} profile chunks embedded ({s['embedding_model']})")
