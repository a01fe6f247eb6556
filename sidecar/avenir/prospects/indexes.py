"""The HNSW indexes of single industries, regions and languages: `avenir prospects index` runs
prospect_filter_index_plan().

Each statement of the plan (CREATE / DROP INDEX CONCURRENTLY) runs alone, outside a transaction,
so imports and scoring go on writing prospect_candidates during a build. Two runs at once are safe:
the second waits for the first's lock on the table, then skips the index that now exists. A build
that fails leaves an invalid index, which the next plan drops and builds again. The statements
need the table's owner (the role the migrations ran as), as any index build does.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg
from psycopg.rows import dict_row

from ..errors import AvenirError
from .embeddings import QUERIES


def refresh_filter_indexes(conn: psycopg.Connection,
                           report: Callable[[dict], None] | None = None) -> list[dict]:
    """Run the plan, one statement at a time; each step (action, filter, value, prospects,
    index_name, seconds) is reported as it ends. Returns the steps."""
    if conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        conn.commit()
    conn.autocommit = True
    steps = []
    for row in conn.cursor(row_factory=dict_row).execute(QUERIES["filter_index_plan"]).fetchall():
        started = time.perf_counter()
        try:
            conn.execute(row["statement"])
        except psycopg.errors.InsufficientPrivilege as e:
            raise AvenirError(f"{row['action']} {row['index_name']} ({row['filter']} {row['value']!r}): "
                              f"{e.diag.message_primary}; an index is built by the table's owner, the role "
                              "the migrations ran as (unset AVENIR_DB_ROLE)") from None
        step = {k: row[k] for k in ("action", "filter", "value", "prospects", "index_name")}
        step["seconds"] = round(time.perf_counter() - started, 1)
        steps.append(step)
        if report:
            report(step)
    return steps


def print_step(step: dict) -> None:
    count = f", {step['prospects']} prospects" if step["prospects"] is not None else ""
    print(f"{step['action']} {step['index_name']} ({step['filter']} {step['value']!r}{count}) "
          f"in {step['seconds']} s", flush=True)
